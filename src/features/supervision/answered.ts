// Supervision requests answered in a period, as the digest's figures read them: when each was asked
// and when a peer supervisor accepted it (no one's name, nothing of the request).
import type { Tx } from '../../db/client.js';

/** The requests accepted from `from` (inclusive) to `to` (exclusive): asked and answered times. */
export async function requestsAnsweredIn(
  tx: Tx,
  range: { from: Date; to: Date },
): Promise<{ askedAt: Date; answeredAt: Date }[]> {
  const rows = await tx.supervisionRequest.findMany({
    where: { acceptedAt: { gte: range.from, lt: range.to } },
    select: { createdAt: true, acceptedAt: true },
  });
  return rows.flatMap((r) => (r.acceptedAt ? [{ askedAt: r.createdAt, answeredAt: r.acceptedAt }] : []));
}
