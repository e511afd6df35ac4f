// Escalations as mentor care reads them: one incident's facts (for post-incident support), the
// serious ones resolved lately, and the P1s raised in a window (for the weekly workload pass).
import type { EscalationStatus, EscalationTier } from '../../generated/prisma/client.js';
import type { Tx } from '../../db/client.js';

export interface IncidentFacts {
  id: string;
  number: number;
  tier: EscalationTier;
  status: EscalationStatus;
  caseCode: string | null;
  reporterId: string;
  raisedAt: Date;
}

const factsOnly = {
  id: true,
  number: true,
  tier: true,
  status: true,
  caseCode: true,
  reporterId: true,
  raisedAt: true,
} as const;

/** The escalation with this id, or undefined. */
export async function incidentFacts(tx: Tx, escalationId: string): Promise<IncidentFacts | undefined> {
  return (await tx.escalation.findUnique({ where: { id: escalationId }, select: factsOnly })) ?? undefined;
}

/** Ids of the escalations of these tiers resolved at or after `since`. */
export async function resolvedSince(tx: Tx, since: Date, tiers: EscalationTier[]): Promise<string[]> {
  const rows = await tx.escalation.findMany({
    where: { status: 'resolved', tier: { in: tiers }, resolvedAt: { gte: since } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** The escalations of a tier raised from `from` (inclusive) to `to` (exclusive). */
export async function raisedBetween(
  tx: Tx,
  input: { tier: EscalationTier; from: Date; to: Date },
): Promise<IncidentFacts[]> {
  return tx.escalation.findMany({
    where: { tier: input.tier, raisedAt: { gte: input.from, lt: input.to } },
    select: factsOnly,
  });
}
