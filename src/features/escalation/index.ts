import type { HandlerContext, Router } from '../../core/router.js';
import { Refusal } from '../../core/router.js';
import { idValue, isUuid } from '../../core/values.js';
import { normaliseAckCode, isAckCodeShape } from './policy.js';
import { ACK, escalateForm, escalationResolveForm, escalationUpdateForm, RESOLVE, UPDATE } from './forms.js';
import {
  acknowledgeEscalation,
  listEscalations,
  raise,
  recordUpdate,
  resolveEscalation,
  showEscalation,
} from './service.js';

/** The escalation a form was opened for (its context), checked like a button's value. */
const escalationId = (value: string | undefined) => {
  if (!isUuid(value))
    throw new Refusal('That form no longer points to an escalation. Use /escalation list.', 'bad_button');
  return value;
};

/**
 * The debrief or session the form was opened from, kept only when it is the reporter's own: a
 * debrief they wrote, a session they took part in. Anything else in the form's context is dropped
 * (the escalation itself still goes out), so it cannot attach to, or take over the concern of,
 * another mentor's record.
 */
async function ownSource(
  ctx: HandlerContext,
  context: Record<string, string>,
): Promise<{ debriefId?: string; sessionId?: string }> {
  const debriefId = isUuid(context.debriefId) ? context.debriefId : undefined;
  const sessionId = isUuid(context.sessionId) ? context.sessionId : undefined;
  const debrief = debriefId
    ? await ctx.tx.debrief.findFirst({ where: { id: debriefId, authorId: ctx.actor.memberId }, select: { id: true } })
    : null;
  const took = sessionId
    ? await ctx.tx.sessionParticipant.findUnique({
        where: { sessionId_memberId: { sessionId, memberId: ctx.actor.memberId } },
        select: { sessionId: true },
      })
    : null;
  return { debriefId: debrief?.id, sessionId: took?.sessionId };
}

export function registerEscalation(router: Router): void {
  router.opens('escalate.open', { form: escalateForm });
  router.form(escalateForm, async (ctx, values, context) => {
    const raised = await raise(ctx, {
      reporterId: ctx.actor.memberId,
      category: values.category,
      tier: values.tier,
      caseCode: values.caseCode,
      details: values.details,
      clientTold: values.clientTold,
      actionsTaken: values.actionsTaken,
      contact: values.contact,
      source: await ownSource(ctx, context),
    });
    return { replies: [{ to: 'actor', message: raised.confirmation }] };
  });

  router.command('escalation.show', async (ctx, options) => ({
    replies: (await showEscalation(ctx, ctx.actor.memberId, Number(options.number))).map((message) => ({
      to: 'actor' as const,
      message,
    })),
  }));
  router.command('escalation.list', async (ctx, options) => ({
    replies: (await listEscalations(ctx, Number(options.days ?? 30))).map((message) => ({
      to: 'actor' as const,
      message,
    })),
  }));
  router.command('escalation.ack', async (ctx, options) => {
    const code = String(options.code ?? '');
    if (!isAckCodeShape(code))
      throw new Refusal(
        'The acknowledgement code has eight letters and numbers, like ABCD-2345 (from the e-mail or text message).',
      );
    return {
      replies: (
        await acknowledgeEscalation(
          ctx,
          { memberId: ctx.actor.memberId, displayName: ctx.actor.displayName },
          { code: normaliseAckCode(code) },
        )
      ).replies,
    };
  });

  router.action(
    ACK,
    'coordinator',
    async (ctx, id) => ({
      replies: (
        await acknowledgeEscalation(ctx, { memberId: ctx.actor.memberId, displayName: ctx.actor.displayName }, { id })
      ).replies,
    }),
    idValue,
    { urgent: true },
  );
  router.action(
    UPDATE,
    'coordinator',
    async (_ctx, id) => ({ form: { form: escalationUpdateForm, context: { escalationId: id } } }),
    idValue,
  );
  router.action(
    RESOLVE,
    'coordinator',
    async (_ctx, id) => ({ form: { form: escalationResolveForm, context: { escalationId: id } } }),
    idValue,
  );
  router.form(escalationUpdateForm, async (ctx, values, context) => ({
    replies: await recordUpdate(
      ctx,
      { memberId: ctx.actor.memberId, displayName: ctx.actor.displayName },
      escalationId(context.escalationId),
      { actions: values.actions, note: values.note },
    ),
  }));
  router.form(escalationResolveForm, async (ctx, values, context) => ({
    replies: await resolveEscalation(
      ctx,
      { memberId: ctx.actor.memberId, displayName: ctx.actor.displayName },
      escalationId(context.escalationId),
      { outcome: values.outcome, note: values.note },
    ),
  }));
}
