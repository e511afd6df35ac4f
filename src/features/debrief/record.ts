// Recording a debrief after a session: linked to the case when the author works on it, to the session
// and to a paired partner's debrief; a flag raises a concern, a hard one schedules a welfare check-in
// and asking for supervision opens a request, each through its own feature. Free text is sealed.
import { randomUUID } from 'node:crypto';
import { recordEvent } from '../../core/events.js';
import type { Reply } from '../../core/message.js';
import type { ActorContext, Response } from '../../core/router.js';
import { isUuid } from '../../core/values.js';
import { caseIdOf, isAssigned } from '../cases/api.js';
import { recordConcern } from '../concerns/api.js';
import { parseMoney } from '../mentors/api.js';
import { endedSessionsOf, sessionOf } from '../sessions/api.js';
import { requestSupervision } from '../supervision/api.js';
import { scheduleCheckin } from '../welfare/api.js';
import type { DebriefValues } from './forms.js';
import { debriefSaved } from './messages.js';
import { linkPaired } from './paired.js';
import { DEBRIEF_AFTER_HANDOVER_MS, isFlagged, nextMorning } from './policy.js';
import { debriefBinding } from './sealed.js';

/**
 * The case the debrief joins: only when the author is one of its mentors (or, for a last session,
 * was within DEBRIEF_AFTER_HANDOVER_MS of their assignment ending: a handover or closure). Any other
 * code is still taken, unlinked and with the same answer, whether the bot knows it (another mentor's
 * case) or not (paper-era and other schemes' codes): a mentor can always debrief, and whether a code
 * is a real case is never revealed to someone who may not see it.
 */
async function ownCaseId(ctx: ActorContext, caseCode: string): Promise<string | undefined> {
  const caseId = await caseIdOf(ctx, caseCode);
  if (caseId === undefined) return undefined;
  const since = new Date(ctx.now.getTime() - DEBRIEF_AFTER_HANDOVER_MS);
  return (await isAssigned(ctx.tx, { caseId, memberId: ctx.actor.memberId, since })) ? caseId : undefined;
}

/** The actor's session this debrief is about: the prompt's, or their latest on the case not yet debriefed. */
async function findSession(ctx: ActorContext, sessionId: string | undefined, caseId: string | undefined) {
  const { tx, actor } = ctx;
  if (isUuid(sessionId)) {
    const session = await sessionOf(tx, { sessionId, memberId: actor.memberId });
    if (session) return session;
  }
  if (!caseId) return undefined;
  const ended = await endedSessionsOf(tx, { memberId: actor.memberId, caseId });
  const debriefed = await tx.debrief.findMany({
    where: { authorId: actor.memberId, sessionId: { in: ended.map((s) => s.id) } },
    select: { sessionId: true },
  });
  const done = new Set(debriefed.map((d) => d.sessionId));
  return ended.find((s) => !done.has(s.id));
}

/** Opens a check-in or a supervision request when the author asked for one (or had a hard session). */
async function followUps(ctx: ActorContext, id: string, values: DebriefValues, caseCode: string) {
  const { tx, deps, actor, now, surface } = ctx;
  const welfare = values.feeling <= 2 || values.wantsWelfare === true;
  if (welfare) {
    await scheduleCheckin(
      { tx, deps, now },
      { memberId: actor.memberId, reason: 'debrief_followup', dueAt: nextMorning(now, actor.timeZone), sourceId: id },
    );
  }
  if (!values.wantsSupervision) return { welfare };
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
  return { welfare, supervision: request.number };
}

export async function recordDebrief(
  ctx: ActorContext,
  input: { values: DebriefValues; sessionId?: string },
): Promise<Response> {
  const { tx, deps, actor, now, surface } = ctx;
  const { values } = input;
  const id = randomUUID();
  const caseCode = values.caseCode.toUpperCase();
  const caseId = await ownCaseId(ctx, caseCode);
  const sessionDate = new Date(`${values.sessionDate}T00:00:00Z`);
  const session = await findSession(ctx, input.sessionId, caseId);
  const paired = values.paired ?? session?.paired ?? false;
  await tx.debrief.create({
    data: {
      id,
      authorId: actor.memberId,
      caseCode,
      caseId,
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
        ? await deps.vault.seal(tx, values.notes, debriefBinding('notesEnc', id), { kind: 'case', id: caseCode })
        : null,
      nextStepsEnc: values.nextSteps
        ? await deps.vault.seal(tx, values.nextSteps, debriefBinding('nextStepsEnc', id), {
            kind: 'case',
            id: caseCode,
          })
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
    data: { caseCode, linked: caseId !== undefined, sessionId: session?.id ?? null, paired },
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
  const pairedReplies: Reply[] =
    paired && caseId
      ? await linkPaired(ctx, { id, caseId, caseCode, sessionId: session?.id, sessionDate, values })
      : [];
  const { welfare, supervision } = await followUps(ctx, id, values, caseCode);
  const saved = debriefSaved(values, {
    debriefId: id,
    linked: caseId !== undefined,
    welfare,
    supervision,
    concern: concern?.number,
  });
  return { replies: [...saved.map((message): Reply => ({ to: 'actor', message })), ...pairedReplies] };
}
