// Debriefs in a case's chronology: structured answers only (never the notes, never the author's
// own feeling score), and for the case export the notes of flagged debriefs alone.
import type { Deps } from '../../core/deps.js';
import type { Tx } from '../../db/client.js';
import type { TimelineEntry, TimelineViewer } from '../cases/api.js';
import { labelOf } from '../../core/wording.js';
import { engagementChoices, riskChangeChoices, sessionWentChoices } from './policy.js';
import { debriefBinding } from './sealed.js';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Coordinators: every debrief on the case. A mentor: their own. */
export async function debriefTimeline(tx: Tx, caseId: string, viewer: TimelineViewer): Promise<TimelineEntry[]> {
  const rows = await tx.debrief.findMany({
    where: { caseId, ...(viewer.coordinator ? {} : { authorId: viewer.memberId }) },
    select: {
      createdAt: true,
      sessionDate: true,
      sessionWent: true,
      engagement: true,
      riskChange: true,
      flagConcern: true,
      author: { select: { displayName: true } },
    },
  });
  return rows.map((r) => ({
    at: r.createdAt,
    title: 'Debrief',
    detail: [
      `session on ${day(r.sessionDate)}`,
      labelOf(sessionWentChoices, r.sessionWent),
      r.engagement ? `engagement: ${labelOf(engagementChoices, r.engagement).toLowerCase()}` : '',
      r.riskChange ? `risk: ${labelOf(riskChangeChoices, r.riskChange).toLowerCase()}` : '',
      `flagged: ${r.flagConcern ? 'yes' : 'no'}`,
      `by ${r.author.displayName}`,
    ]
      .filter(Boolean)
      .join('; '),
  }));
}

/** Sessions of these a debrief says the client did not attend (the sessions feature shows them as missed). */
export async function sessionsNotAttended(tx: Tx, sessionIds: string[]): Promise<Set<string>> {
  if (!sessionIds.length) return new Set();
  const rows = await tx.debrief.findMany({
    where: { sessionId: { in: sessionIds }, sessionWent: 'did_not_attend' },
    select: { sessionId: true },
  });
  return new Set(rows.map((r) => r.sessionId!));
}

/** A debrief is flagged when its author flagged a concern or said the risk increased. */
export async function flaggedDebriefNotes(tx: Tx, vault: Deps['vault'], caseId: string) {
  const rows = await tx.debrief.findMany({
    where: { caseId, notesEnc: { not: null }, OR: [{ flagConcern: true }, { riskChange: 'increased' }] },
    orderBy: [{ sessionDate: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, sessionDate: true, createdAt: true, notesEnc: true },
  });
  return Promise.all(
    rows.map(async (r) => ({
      debriefId: r.id,
      sessionDate: day(r.sessionDate),
      recordedAt: r.createdAt.toISOString(),
      notes: await vault.open(tx, r.notesEnc!, debriefBinding('notesEnc', r.id)),
    })),
  );
}
