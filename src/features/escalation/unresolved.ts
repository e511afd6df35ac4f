// The escalations not yet resolved, as a list or a handover shows them: minimal facts only, never
// what happened or how to reach anyone.
import type { Tx } from '../../db/client.js';

/** Most urgent tier first, then oldest first. */
export const unresolvedEscalations = (tx: Tx, take?: number) =>
  tx.escalation.findMany({
    where: { status: { not: 'resolved' } },
    orderBy: [{ tier: 'asc' }, { raisedAt: 'asc' }],
    select: { number: true, tier: true, status: true, category: true, caseCode: true, raisedAt: true },
    take,
  });
