// What other features read of debriefs: when a case was last debriefed, a mentor's last debrief on a
// case (for "where we left it"), and whether a mentor has debriefed a session.
import type { Tx } from '../../db/client.js';

/** The session date of the case's latest debrief, if any. */
export async function lastDebriefOn(tx: Tx, caseId: string): Promise<Date | undefined> {
  const last = await tx.debrief.findFirst({
    where: { caseId },
    orderBy: { sessionDate: 'desc' },
    select: { sessionDate: true },
  });
  return last?.sessionDate;
}

/** The author's own latest debrief on the case: its id, session date and sealed next steps. */
export async function lastOwnDebrief(tx: Tx, input: { authorId: string; caseId: string }) {
  return tx.debrief.findFirst({
    where: { authorId: input.authorId, caseId: input.caseId },
    orderBy: [{ sessionDate: 'desc' }, { createdAt: 'desc' }],
    select: { id: true, sessionDate: true, nextStepsEnc: true },
  });
}

/** Whether the author has debriefed this session, or written any debrief on its case since `since`. */
export async function hasDebriefed(
  tx: Tx,
  input: { authorId: string; sessionId: string; caseId: string; since: Date },
): Promise<boolean> {
  const done = await tx.debrief.count({
    where: {
      authorId: input.authorId,
      OR: [{ sessionId: input.sessionId }, { caseId: input.caseId, createdAt: { gte: input.since } }],
    },
  });
  return done > 0;
}
