// Sessions in a case's chronology: held, missed, cancelled, under way or planned. "Missed" is
// derived when read: a planned session never started within MISSED_AFTER_MS of its planned start,
// or one whose debrief says the client did not attend.
import { labelOf } from '../../core/wording.js';
import type { Tx } from '../../db/client.js';
import type { TimelineEntry, TimelineViewer } from '../cases/api.js';
import { sessionsNotAttended } from '../debrief/api.js';
import { displayNames } from '../members/api.js';
import { venueTypes } from './policy.js';

export const MISSED_AFTER_MS = 2 * 60 * 60_000;

const venueLabel = (v: string | null) => labelOf(venueTypes, v);

/** Coordinators: every session on the case. A mentor: the sessions they took part in. */
export async function sessionTimeline(
  tx: Tx,
  caseId: string,
  viewer: TimelineViewer,
  now: Date,
): Promise<TimelineEntry[]> {
  const mine = viewer.coordinator
    ? undefined
    : (await tx.sessionParticipant.findMany({ where: { memberId: viewer.memberId }, select: { sessionId: true } })).map(
        (p) => p.sessionId,
      );
  const sessions = await tx.mentoringSession.findMany({
    where: { caseId, ...(mine ? { id: { in: mine } } : {}) },
    select: {
      id: true,
      status: true,
      plannedStart: true,
      expectedMinutes: true,
      startedAt: true,
      endedAt: true,
      paired: true,
      venueType: true,
      createdAt: true,
    },
  });
  const ids = sessions.map((s) => s.id);
  const participants = await tx.sessionParticipant.findMany({
    where: { sessionId: { in: ids } },
    select: { sessionId: true, memberId: true },
  });
  const name = await displayNames(
    tx,
    participants.map((p) => p.memberId),
  );
  const notAttended = await sessionsNotAttended(tx, ids);
  const missedBy = now.getTime() - MISSED_AFTER_MS;

  return sessions.map((s) => {
    const who = participants
      .filter((p) => p.sessionId === s.id)
      .map((p) => name(p.memberId))
      .join(' and ');
    const minutes =
      s.startedAt && s.endedAt ? Math.round((s.endedAt.getTime() - s.startedAt.getTime()) / 60_000) : undefined;
    const facts = (...parts: string[]) =>
      [...parts, venueLabel(s.venueType), s.paired ? 'paired' : '', who ? `with ${who}` : '']
        .filter(Boolean)
        .join('; ');
    const planned = s.plannedStart ?? s.createdAt;
    if (s.status === 'cancelled') return { at: planned, title: 'Session cancelled', detail: facts() };
    if (s.status === 'started')
      return {
        at: s.startedAt ?? planned,
        title: 'Session under way',
        detail: facts(s.expectedMinutes ? `${s.expectedMinutes} minutes expected` : ''),
      };
    if (s.status === 'planned') {
      if (planned.getTime() < missedBy)
        return { at: planned, title: 'Session missed', detail: facts('planned, never started') };
      return {
        at: planned,
        title: 'Session planned',
        detail: facts(s.expectedMinutes ? `${s.expectedMinutes} minutes` : ''),
      };
    }
    // Ended. A session recorded only at its end has no start time: it is dated by its end.
    const at = s.startedAt ?? s.endedAt ?? planned;
    if (notAttended.has(s.id))
      return { at, title: 'Session missed', detail: facts('the debrief says they did not attend') };
    return {
      at,
      title: 'Session held',
      detail: facts(
        minutes !== undefined ? `${minutes} minutes` : s.plannedStart ? '' : 'unplanned, recorded at its end',
      ),
    };
  });
}
