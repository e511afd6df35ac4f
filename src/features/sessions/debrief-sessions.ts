// The sessions a debrief is about, as debriefs read them: the one a prompt was for (to prefill the
// form), a session the member took part in, and the member's ended sessions on a case.
import type { Tx } from '../../db/client.js';
import { sessionWithCase } from './rows.js';
import { tookPart } from './took-part.js';

/** The session a debrief prompt was for (its button's id parsed by the router), if it is the actor's: case code and date to prefill. */
export async function sessionForDebrief(tx: Tx, sessionId: string, memberId: string, zone: string) {
  const part = await tx.sessionParticipant.findUnique({ where: { sessionId_memberId: { sessionId, memberId } } });
  if (!part) return undefined;
  const s = await sessionWithCase(tx, sessionId);
  const at = s.startedAt ?? s.plannedStart ?? part.endedAt ?? s.createdAt;
  const minutes =
    s.startedAt && (part.endedAt ?? s.endedAt)
      ? Math.round(((part.endedAt ?? s.endedAt)!.getTime() - s.startedAt.getTime()) / 60_000)
      : s.expectedMinutes;
  return {
    sessionId,
    caseCode: s.case.code,
    sessionDate: at.toLocaleDateString('en-CA', { timeZone: zone }),
    lengthMinutes: minutes && minutes >= 1 ? String(Math.min(minutes, 600)) : undefined,
    paired: s.paired,
  };
}

/** The session, when the member took part in it. */
export async function sessionOf(tx: Tx, input: { sessionId: string; memberId: string }) {
  return (await tookPart(tx, input)) ? tx.mentoringSession.findUnique({ where: { id: input.sessionId } }) : null;
}

/** The sessions on the case whose part the member has ended, latest planned or recorded first. */
export async function endedSessionsOf(tx: Tx, input: { memberId: string; caseId: string }) {
  const parts = await tx.sessionParticipant.findMany({
    where: { memberId: input.memberId, endedAt: { not: null } },
    select: { sessionId: true },
  });
  return tx.mentoringSession.findMany({
    where: { id: { in: parts.map((p) => p.sessionId) }, caseId: input.caseId },
    orderBy: { createdAt: 'desc' },
  });
}
