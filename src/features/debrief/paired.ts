// Paired debriefs: linking a debrief with the partner's for the same session (or case and date),
// and telling each mentor privately where their structured answers differ.
import { recordEvent } from '../../core/events.js';
import type { Reply } from '../../core/message.js';
import type { ActorContext } from '../../core/router.js';
import type { DebriefValues } from './forms.js';
import { pairedDifferences } from './messages.js';

/** Links this debrief with the partner's for the same session (or case and date), and points out differences to both. */
export async function linkPaired(
  ctx: ActorContext,
  mine: { id: string; caseId: string; caseCode: string; sessionId?: string; sessionDate: Date; values: DebriefValues },
): Promise<Reply[]> {
  const { tx, actor } = ctx;
  // Two partners saving at once queue here, so the second always finds the first.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`debrief-pair:${mine.sessionId ?? `${mine.caseId}:${mine.sessionDate.toISOString()}`}`}))`;
  const partnerDebrief = await tx.debrief.findFirst({
    where: {
      authorId: { not: actor.memberId },
      pairedWithId: null,
      paired: true,
      ...(mine.sessionId ? { sessionId: mine.sessionId } : { caseId: mine.caseId, sessionDate: mine.sessionDate }),
    },
    orderBy: { createdAt: 'desc' },
    include: { author: { select: { displayName: true } } },
  });
  if (!partnerDebrief) return [];
  await tx.debrief.update({ where: { id: mine.id }, data: { pairedWithId: partnerDebrief.id } });
  await tx.debrief.update({ where: { id: partnerDebrief.id }, data: { pairedWithId: mine.id } });
  await recordEvent(tx, {
    subjectKind: 'debrief',
    subjectId: mine.id,
    kind: 'debrief.paired',
    at: ctx.now,
    actorId: actor.memberId,
    surface: ctx.surface,
    data: { pairedWithId: partnerDebrief.id },
  });
  const date = mine.sessionDate.toISOString().slice(0, 10);
  const replies: Reply[] = [];
  const toMe = pairedDifferences(mine.caseCode, date, partnerDebrief.author.displayName, mine.values, partnerDebrief);
  if (toMe) replies.push({ to: 'member', memberId: actor.memberId, message: toMe });
  const toThem = pairedDifferences(mine.caseCode, date, actor.displayName, partnerDebrief, mine.values);
  if (toThem) replies.push({ to: 'member', memberId: partnerDebrief.authorId, message: toThem });
  return replies;
}
