import type { HandlerContext, Router } from '../../core/router.js';
import { Refusal } from '../../core/router.js';
import { normaliseAckCode, isAckCodeShape } from './policy.js';
import { ACK, escalateForm, escalationResolveForm, escalationUpdateForm, RESOLVE, UPDATE } from './forms.js';
import { registerEscalationJobs } from './jobs.js';
import { acknowledgeEscalation, listEscalations, raise, recordUpdate, resolveEscalation, showEscalation } from './service.js';

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const escalationId = (value: string | undefined) => {
  if (!value || !idPattern.test(value)) throw new Refusal('That button no longer points to an escalation. Use /escalation list.');
  return value;
};

/** The debrief or session the form was opened from, kept only when it is the reporter's own. */
async function ownSource(ctx: HandlerContext, context: Record<string, string>): Promise<{ debriefId?: string; sessionId?: string }> {
  const debriefId = context.debriefId && idPattern.test(context.debriefId) ? context.debriefId : undefined;
  const sessionId = context.sessionId && idPattern.test(context.sessionId) ? context.sessionId : undefined;
  const debrief = debriefId ? await ctx.tx.debrief.findFirst({ where: { id: debriefId, authorId: ctx.actor.memberId }, select: { id: true } }) : null;
  return { debriefId: debrief?.id, sessionId };
}

export function registerEscalation(router: Router): void {
  registerEscalationJobs();
  router.command('escalate.open', async () => ({ form: { form: escalateForm } }));
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

  router.command('escalation.show', async (ctx, options) => ({ replies: (await showEscalation(ctx, ctx.actor.memberId, Number(options.number))).map((message) => ({ to: 'actor' as const, message })) }));
  router.command('escalation.list', async (ctx, options) => ({ replies: (await listEscalations(ctx, Number(options.days ?? 30))).map((message) => ({ to: 'actor' as const, message })) }));
  router.command('escalation.ack', async (ctx, options) => {
    const code = String(options.code ?? '');
    if (!isAckCodeShape(code)) throw new Refusal('The acknowledgement code has eight letters and numbers, like ABCD-2345 (from the e-mail or text message).');
    return { replies: (await acknowledgeEscalation(ctx, { memberId: ctx.actor.memberId, displayName: ctx.actor.displayName }, { code: normaliseAckCode(code) })).replies };
  });

  router.action(ACK, 'coordinator', async (ctx, value) => ({ replies: (await acknowledgeEscalation(ctx, { memberId: ctx.actor.memberId, displayName: ctx.actor.displayName }, { id: escalationId(value) })).replies }));
  router.action(UPDATE, 'coordinator', async (_ctx, value) => ({ form: { form: escalationUpdateForm, context: { escalationId: escalationId(value) } } }));
  router.action(RESOLVE, 'coordinator', async (_ctx, value) => ({ form: { form: escalationResolveForm, context: { escalationId: escalationId(value) } } }));
  router.form(escalationUpdateForm, async (ctx, values, context) => ({
    replies: await recordUpdate(ctx, { memberId: ctx.actor.memberId, displayName: ctx.actor.displayName }, escalationId(context.escalationId), { actions: values.actions, note: values.note }),
  }));
  router.form(escalationResolveForm, async (ctx, values, context) => ({
    replies: await resolveEscalation(ctx, { memberId: ctx.actor.memberId, displayName: ctx.actor.displayName }, escalationId(context.escalationId), { outcome: values.outcome, note: values.note }),
  }));
}
