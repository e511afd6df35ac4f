// Urgent escalations, declared: raise one (the form), list and show them, acknowledge (button,
// code or personal link), record what was done, resolve; the chain's jobs and the ack-link page.
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { HandlerContext, Response } from '../../core/router.js';
import { idValue, isUuid } from '../../core/values.js';
import { action, defineFeature, form } from '../feature.js';
import { acknowledgeEscalation, type Acknowledger } from './acknowledge.js';
import { registerEscalationPages } from './ack-link-page.js';
import { ACK, escalateForm, escalationResolveForm, escalationUpdateForm, RESOLVE, UPDATE } from './forms.js';
import { escalationJobs } from './jobs.js';
import { isAckCodeShape, normaliseAckCode } from './policy.js';
import { raise } from './raise.js';
import { resolveEscalation } from './resolve.js';
import { ownSource } from './source.js';
import { recordUpdate } from './update.js';
import { listEscalations, showEscalation } from './views.js';

const toActor = (messages: Message[]): Response => ({
  replies: messages.map((message) => ({ to: 'actor' as const, message })),
});

const acknowledger = (ctx: HandlerContext): Acknowledger => ({
  memberId: ctx.actor.memberId,
  displayName: ctx.actor.displayName,
});

/** The escalation a form was opened for (its context), checked like a button's value. */
const escalationId = (value: string | undefined) => {
  if (!isUuid(value))
    throw new Refusal('That form no longer points to an escalation. Use /escalation list.', 'bad_button');
  return value;
};

/** The out-of-chat code as typed: any case, with or without the dash. */
const ackCode = (typed: unknown) => {
  const code = String(typed ?? '');
  if (!isAckCodeShape(code))
    throw new Refusal(
      'The acknowledgement code has eight letters and numbers, like ABCD-2345 (from the e-mail or text message).',
    );
  return normaliseAckCode(code);
};

export const escalation = defineFeature({
  name: 'escalation',
  commands: {
    'escalate.open': { opens: { form: escalateForm } },
    'escalation.show': async (ctx, options) => toActor(await showEscalation(ctx, Number(options.number))),
    'escalation.list': async (ctx, options) => toActor(await listEscalations(ctx, Number(options.days ?? 30))),
    'escalation.ack': async (ctx, options) => {
      const which = { code: ackCode(options.code) };
      return { replies: (await acknowledgeEscalation(ctx, { by: acknowledger(ctx), which })).replies };
    },
  },
  forms: [
    form(escalateForm, async (ctx, values, context) => {
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
      return toActor([raised.confirmation]);
    }),
    form(escalationUpdateForm, async (ctx, values, context) => ({
      replies: await recordUpdate(ctx, {
        by: acknowledger(ctx),
        escalationId: escalationId(context.escalationId),
        actions: values.actions,
        note: values.note,
      }),
    })),
    form(escalationResolveForm, async (ctx, values, context) =>
      resolveEscalation(ctx, {
        by: acknowledger(ctx),
        escalationId: escalationId(context.escalationId),
        outcome: values.outcome,
        note: values.note,
      }),
    ),
  ],
  actions: [
    action(
      ACK,
      'coordinator',
      idValue,
      async (ctx, id) => ({
        replies: (await acknowledgeEscalation(ctx, { by: acknowledger(ctx), which: { id } })).replies,
      }),
      { urgent: true },
    ),
    action(UPDATE, 'coordinator', idValue, async (_ctx, id) => ({
      form: { form: escalationUpdateForm, context: { escalationId: id } },
    })),
    action(RESOLVE, 'coordinator', idValue, async (_ctx, id) => ({
      form: { form: escalationResolveForm, context: { escalationId: id } },
    })),
  ],
  jobs: escalationJobs,
  pages: registerEscalationPages,
});
