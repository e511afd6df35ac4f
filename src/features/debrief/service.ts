// Debriefs: recorded after a session, linked to it and to a paired partner's debrief; a hard one
// schedules a welfare check-in and asking for supervision opens a request, each through its own
// capability. Free text (notes, next steps) is sealed and shown to the author alone.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { recordEvent } from '../../core/events.js';
import { localToInstant } from '../../core/local-time.js';
import type { Reply } from '../../core/message.js';
import { Refusal, type HandlerContext } from '../../core/router.js';
import { isUuid } from '../../core/values.js';
import { recordConcern } from '../concerns/api.js';
import { parseMoney } from '../mentors/api.js';
import { requestSupervision } from '../supervision/api.js';
import { scheduleCheckin } from '../welfare/api.js';
import { pairedDifferences, type DebriefValues } from './forms.js';

/** A mentor whose assignment ended (handover, closure) may still debrief their last sessions for this long. */
export const DEBRIEF_AFTER_HANDOVER_MS = 14 * 24 * 60 * 60_000;

const sealed = (column: 'notesEnc' | 'nextStepsEnc', rowId: string) => ({ table: 'Debrief', column, rowId });

export interface Recorded {
  id: string;
  /** Whether the debrief joined the case's record (the author is, or lately was, one of its mentors). */
  linked: boolean;
  welfare: boolean;
  supervision?: number;
  concern?: number;
  replies: Reply[];
}

/** A flag, or risk gone up, is a safeguarding concern: recorded with the debrief, no button to press. */
export const isFlagged = (d: { flagConcern: boolean; riskChange?: string | null }) =>
  d.flagConcern || d.riskChange === 'increased';

/** The next day at 10:00 in the member's zone. */
const nextMorning = (now: Date, zone: string) =>
  localToInstant(
    DateTime.fromJSDate(now, { zone }).plus({ days: 1 }).toFormat('yyyy-MM-dd'),
    { hour: 10, minute: 0 },
    zone,
  );

export async function recordDebrief(
  ctx: HandlerContext,
  values: DebriefValues,
  context: Record<string, string> = {},
): Promise<Recorded> {
  const { tx, deps, actor, now, surface } = ctx;
  const id = randomUUID();
  const caseCode = values.caseCode.toUpperCase();
  // The debrief joins a case's record only when the author is one of its mentors (or, for a last
  // session, was within DEBRIEF_AFTER_HANDOVER_MS of their assignment ending: a handover or
  // closure). Any other code is still taken, unlinked and with the same answer, whether the bot
  // knows it (another mentor's case) or not (paper-era and other schemes' codes): a mentor can
  // always debrief, and whether a code is a real case is never revealed to someone who may not see it.
  const found = await tx.case.findUnique({ where: { code: caseCode }, select: { id: true } });
  const since = new Date(now.getTime() - DEBRIEF_AFTER_HANDOVER_MS);
  const ownCase =
    found &&
    (await tx.caseAssignment.findFirst({
      where: { caseId: found.id, memberId: actor.memberId, OR: [{ endedAt: null }, { endedAt: { gte: since } }] },
    }))
      ? found
      : null;
  const sessionDate = new Date(`${values.sessionDate}T00:00:00Z`);
  const session = await findSession(ctx, context.sessionId, ownCase?.id);
  const paired = values.paired ?? session?.paired ?? false;
  await tx.debrief.create({
    data: {
      id,
      authorId: actor.memberId,
      caseCode,
      caseId: ownCase?.id,
      sessionId: session?.id,
      sessionDate,
      sessionWent: values.sessionWent,
      feeling: values.feeling,
      flagConcern: values.flagConcern,
      lengthMinutes: values.lengthMinutes,
      paired,
      travelMinutes: values.travelMinutes,
      travelCostPence: values.travelCost ? parseMoney(values.travelCost) : undefined,
      engagement: values.engagement,
      clientState: values.clientState,
      topics: values.topics,
      practicalSupport: values.practicalSupport,
      riskChange: values.riskChange,
      wantsSupervision: values.wantsSupervision ?? false,
      wantsWelfare: values.wantsWelfare ?? false,
      createdAt: now,
      // The case's record: erasing the case erases it; it survives its author leaving.
      notesEnc: values.notes
        ? await deps.vault.seal(tx, values.notes, sealed('notesEnc', id), { kind: 'case', id: caseCode })
        : null,
      nextStepsEnc: values.nextSteps
        ? await deps.vault.seal(tx, values.nextSteps, sealed('nextStepsEnc', id), { kind: 'case', id: caseCode })
        : null,
    },
  });
  await recordEvent(tx, {
    subjectKind: 'debrief',
    subjectId: id,
    kind: 'debrief.recorded',
    at: now,
    actorId: actor.memberId,
    surface,
    data: { caseCode, linked: Boolean(ownCase), sessionId: session?.id ?? null, paired },
  });
  const concern = isFlagged(values)
    ? await recordConcern(ctx, {
        caseCode,
        source: 'debrief',
        sourceId: id,
        category: values.concernCategory ?? 'other',
        urgency: 'today',
        account: values.notes,
        raisedById: actor.memberId,
      })
    : undefined;

  const replies: Reply[] =
    paired && ownCase
      ? await linkPaired(ctx, { id, caseId: ownCase.id, caseCode, sessionId: session?.id, sessionDate, values })
      : [];

  const welfare = values.feeling <= 2 || values.wantsWelfare === true;
  if (welfare) {
    await scheduleCheckin(
      { tx, deps, now },
      { memberId: actor.memberId, reason: 'debrief_followup', dueAt: nextMorning(now, actor.timeZone), sourceId: id },
    );
  }
  let supervision: number | undefined;
  if (values.wantsSupervision) {
    // A neutral summary: the debrief's own words stay with the author.
    const request = await requestSupervision(
      { tx, deps, now, surface },
      {
        requesterId: actor.memberId,
        topic: values.feeling <= 2 ? 'personal_impact' : 'other',
        urgency: values.feeling <= 2 ? 'today' : 'this_week',
        format: 'call',
        caseCode,
        summary: `Asked for supervision after a session on ${caseCode} (${values.sessionDate}).`,
        via: 'debrief',
      },
    );
    supervision = request.number;
  }
  return { id, linked: Boolean(ownCase), welfare, supervision, concern: concern?.number, replies };
}

/** The actor's session this debrief is about: the prompt's, or their latest on the case. */
async function findSession(ctx: HandlerContext, sessionId: string | undefined, caseId: string | undefined) {
  const { tx, actor } = ctx;
  if (isUuid(sessionId)) {
    const part = await tx.sessionParticipant.findUnique({
      where: { sessionId_memberId: { sessionId, memberId: actor.memberId } },
    });
    if (part) return tx.mentoringSession.findUnique({ where: { id: sessionId } });
  }
  if (!caseId) return null;
  const parts = await tx.sessionParticipant.findMany({
    where: { memberId: actor.memberId, endedAt: { not: null } },
    select: { sessionId: true },
  });
  return tx.mentoringSession.findFirst({
    where: { id: { in: parts.map((p) => p.sessionId) }, caseId, debriefs: { none: { authorId: actor.memberId } } },
    orderBy: { createdAt: 'desc' },
  });
}

/** Links this debrief with the partner's for the same session (or case and date), and points out differences to both. */
async function linkPaired(
  ctx: HandlerContext,
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

/** The author's own recent debriefs: structured answers only. */
export async function recentDebriefs(deps: HandlerContext['deps'], authorId: string, take = 5) {
  return deps.db.debrief.findMany({
    where: { authorId },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, caseCode: true, sessionDate: true, sessionWent: true, flagConcern: true, createdAt: true },
  });
}

/** The author's own history with their sealed words opened, for their private reply only. */
export async function ownDebriefs(ctx: Pick<HandlerContext, 'tx' | 'deps' | 'actor'>, take = 10) {
  const rows = await ctx.tx.debrief.findMany({
    where: { authorId: ctx.actor.memberId },
    orderBy: [{ sessionDate: 'desc' }, { createdAt: 'desc' }],
    take,
  });
  return Promise.all(
    rows.map(async (r) => ({
      ...r,
      notes: r.notesEnc ? await ctx.deps.vault.open(ctx.tx, r.notesEnc, sealed('notesEnc', r.id)) : undefined,
      nextSteps: r.nextStepsEnc
        ? await ctx.deps.vault.open(ctx.tx, r.nextStepsEnc, sealed('nextStepsEnc', r.id))
        : undefined,
    })),
  );
}

/** A debrief of the actor's own, for its follow-up buttons; another's is refused like a missing one. */
export async function ownDebrief(ctx: Pick<HandlerContext, 'tx' | 'actor'>, debriefId: string) {
  const row = await ctx.tx.debrief.findUnique({ where: { id: debriefId } });
  if (!row || row.authorId !== ctx.actor.memberId) throw new Refusal('That debrief is not one of yours.', 'not_owner');
  return row;
}
