// Safeguarding concerns: /concern raises one, coordinators list, read and work them. Other features
// write concerns through record.ts and escalation-link.ts in their own transactions.
import type { Reply } from '../../core/message.js';
import { Refusal, type HandlerContext, type Router } from '../../core/router.js';
import { idValue, isUuid } from '../../core/values.js';
import { raise } from '../escalation/api.js';
import {
  actionIds,
  concernActionForm,
  concernCloseForm,
  concernLinkForm,
  concernRaiseForm,
  concernReferralForm,
} from './forms.js';
import { concernHolding } from './holdings.js';
import { raisedConfirmation } from './messages.js';
import { escalationFor } from './policy.js';
import { recordConcern } from './record.js';
import { listConcerns, showConcern, type Viewer } from './views.js';
import { closeConcern, linkToCase, recordAction, recordReferral, takeConcern } from './work.js';

/** A form's context comes back from the platform: checked like a button's value. */
const concernId = (value: string | undefined) => {
  if (!isUuid(value))
    throw new Refusal('That button is no longer valid. /concern list shows the open concerns.', 'bad_button');
  return value;
};

const viewerOf = (ctx: HandlerContext): Viewer => ({
  memberId: ctx.actor.memberId,
  coordinator: ctx.actor.roles.includes('coordinator'),
});
const worker = (ctx: HandlerContext) => ({ memberId: ctx.actor.memberId, displayName: ctx.actor.displayName });
const toActor = (messages: { text: string }[]): Reply[] =>
  messages.map((message) => ({ to: 'actor' as const, message }));

export function registerConcerns(router: Router): void {
  router.holding(concernHolding);

  router.command('concern.raise', async () => ({ form: { form: concernRaiseForm } }));
  router.form(concernRaiseForm, async (ctx, values) => {
    const urgent = values.urgency === 'now';
    const made = await recordConcern(ctx, {
      caseCode: values.caseCode,
      source: 'direct',
      category: values.category,
      urgency: values.urgency,
      account: values.account,
      raisedById: ctx.actor.memberId,
      paged: urgent,
    });
    const code = values.caseCode.toUpperCase();
    if (!urgent) return { replies: toActor([raisedConfirmation(made.number, code)]) };
    const { tier, category } = escalationFor(values.category);
    const raised = await raise(ctx, {
      reporterId: ctx.actor.memberId,
      category: category as Parameters<typeof raise>[1]['category'],
      tier,
      caseCode: code,
      details: values.account,
      clientTold: 'not_yet',
      actionsTaken: [],
      source: { concernId: made.id },
    });
    return { replies: toActor([raisedConfirmation(made.number, code, raised.number), raised.confirmation]) };
  });

  router.command('concern.list', async (ctx) => ({ replies: toActor([await listConcerns(ctx, viewerOf(ctx))]) }));
  router.command('concern.show', async (ctx, options) => ({
    replies: toActor(await showConcern(ctx, viewerOf(ctx), { number: Number(options.number) })),
  }));
  router.action(
    actionIds.show,
    'mentorOrCoordinator',
    async (ctx, id) => ({ replies: toActor(await showConcern(ctx, viewerOf(ctx), { id })) }),
    idValue,
  );

  router.action(
    actionIds.take,
    'coordinator',
    async (ctx, id) => ({ replies: await takeConcern(ctx, worker(ctx), id) }),
    idValue,
  );
  router.action(
    actionIds.act,
    'coordinator',
    async (_ctx, id) => ({ form: { form: concernActionForm, context: { concernId: id } } }),
    idValue,
  );
  router.action(
    actionIds.refer,
    'coordinator',
    async (_ctx, id) => ({ form: { form: concernReferralForm, context: { concernId: id } } }),
    idValue,
  );
  router.action(
    actionIds.close,
    'coordinator',
    async (_ctx, id) => ({ form: { form: concernCloseForm, context: { concernId: id } } }),
    idValue,
  );
  router.action(
    actionIds.link,
    'coordinator',
    async (_ctx, id) => ({ form: { form: concernLinkForm, context: { concernId: id } } }),
    idValue,
  );
  router.form(concernLinkForm, async (ctx, values, context) => ({
    replies: await linkToCase(ctx, worker(ctx), concernId(context.concernId), values),
  }));
  router.form(concernActionForm, async (ctx, values, context) => ({
    replies: await recordAction(ctx, worker(ctx), concernId(context.concernId), values),
  }));
  router.form(concernReferralForm, async (ctx, values, context) => ({
    replies: await recordReferral(ctx, worker(ctx), concernId(context.concernId), values),
  }));
  router.form(concernCloseForm, async (ctx, values, context) => ({
    replies: await closeConcern(ctx, worker(ctx), concernId(context.concernId), values),
  }));
}
