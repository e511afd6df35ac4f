// How many escalations of each tier were raised in a period, for the digest's figures (counts only).
import type { Tx } from '../../db/client.js';

/** Escalations raised from `from` (inclusive) to `to` (exclusive), counted by tier. */
export async function escalationsRaisedByTier(
  tx: Tx,
  range: { from: Date; to: Date },
): Promise<{ P1: number; P2: number; P3: number }> {
  const rows = await tx.escalation.groupBy({
    by: ['tier'],
    where: { raisedAt: { gte: range.from, lt: range.to } },
    _count: { _all: true },
  });
  const count = (tier: string) => rows.find((r) => r.tier === tier)?._count._all ?? 0;
  return { P1: count('P1'), P2: count('P2'), P3: count('P3') };
}
