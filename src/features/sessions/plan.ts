// Planning a session, solo or paired with the case's co-mentor: each participant's check-out chain
// and "where we left it" are set, the safety notes sealed, and a safeguarding worry raised as a concern.
import { randomUUID } from 'node:crypto';
import type { Reply } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, Response } from '../../core/router.js';
import { caseTeam } from '../cases/api.js';
import { recordConcern } from '../concerns/api.js';
import { auditSession, ownOpenCase } from './access.js';
import type { SessionPlanValues } from './forms.js';
import { dayAndTime, plannedMessage } from './messages.js';
import { createSession } from './rows.js';
import { scheduleCheckout, scheduleNextSteps } from './schedule.js';
import { safetyNotesBinding } from './sealed.js';

async function recordPlan(ctx: ActorContext, values: SessionPlanValues) {
  const found = await ownOpenCase(ctx, values.caseCode);
  if (values.start.getTime() < ctx.now.getTime() - 15 * 60_000)
    throw new Refusal('That start time has passed. For a session already under way, use /session start.');
  const team = await caseTeam(ctx.tx, found.id);
  const partner = team.find((a) => a.memberId !== ctx.actor.memberId);
  if (values.paired && !partner)
    throw new Refusal(
      `${found.code} has no co-mentor assigned yet, so it cannot be planned as paired. A coordinator can add one with /case assign.`,
    );
  const id = randomUUID();
  const participants = [ctx.actor.memberId, ...(values.paired && partner ? [partner.memberId] : [])];
  await createSession(ctx, found.id, {
    id,
    status: 'planned',
    plannedStart: values.start,
    expectedMinutes: values.expectedMinutes,
    paired: values.paired,
    venueType: values.venueType,
    safetyNotesEnc: values.safetyNotes
      ? await ctx.deps.vault.seal(ctx.tx, values.safetyNotes, safetyNotesBinding(id), { kind: 'case', id: found.code })
      : null,
  });
  const plannedEnd = new Date(values.start.getTime() + values.expectedMinutes * 60_000);
  for (const memberId of participants) {
    await ctx.tx.sessionParticipant.create({ data: { sessionId: id, memberId, epoch: 0 } });
    await scheduleCheckout(ctx.tx, ctx.deps, { sessionId: id, memberId, epoch: 0, plannedEnd });
    await scheduleNextSteps(ctx.tx, { sessionId: id, memberId, start: values.start, now: ctx.now });
  }
  await auditSession(ctx, id, 'session.planned', {
    caseCode: found.code,
    paired: values.paired,
    venueType: values.venueType,
  });
  const concern = values.safeguarding
    ? await recordConcern(ctx, {
        caseCode: found.code,
        source: 'session',
        sourceId: id,
        category: 'other',
        urgency: 'today',
        account: values.safetyNotes,
        raisedById: ctx.actor.memberId,
      })
    : undefined;
  return { id, code: found.code, plannedEnd, partnerId: participants[1], concern: concern?.number };
}

export async function planSession(ctx: ActorContext, input: { values: SessionPlanValues }): Promise<Response> {
  const { values } = input;
  const planned = await recordPlan(ctx, values);
  const zone = ctx.actor.timeZone;
  const replies: Reply[] = [
    {
      to: 'actor',
      message: plannedMessage(
        planned.code,
        { start: values.start, end: planned.plannedEnd, zone },
        ctx.deps.config.SESSION_END_PROMPT_MINUTES,
      ),
    },
  ];
  if (planned.concern !== undefined) {
    replies.push({
      to: 'actor',
      message: {
        text: `The coordinators have been told of your safeguarding concern (concern #${planned.concern}); one of them will take it on.`,
        tone: 'info',
      },
    });
  }
  if (planned.partnerId) {
    replies.push({
      to: 'member',
      memberId: planned.partnerId,
      message: {
        text: `${ctx.actor.displayName} planned a paired session with you on ${planned.code} for ${dayAndTime(values.start, zone)} (${values.expectedMinutes} minutes). You check out separately with /session end.`,
        tone: 'info',
      },
    });
  }
  return { replies };
}
