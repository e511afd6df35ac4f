// Safeguarding concerns, declared: /concern raises one (an urgent one is an escalation too);
// coordinators list, read, take, act on, refer on, link and close them; their timers and holdings.
import type { FormDef } from '../../core/form.js';
import { say, type Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { Response } from '../../core/router.js';
import { idValue, isUuid } from '../../core/values.js';
import { action, defineFeature, form } from '../feature.js';
import { closeConcern } from './close.js';
import {
  actionIds,
  concernActionForm,
  concernCloseForm,
  concernLinkForm,
  concernRaiseForm,
  concernReferralForm,
} from './forms.js';
import { concernHolding } from './holdings.js';
import { concernJobs } from './jobs.js';
import { linkToCase } from './link-case.js';
import { raiseConcern } from './raise.js';
import { takeConcern } from './take.js';
import { listConcerns, showConcern } from './views.js';
import { recordAction, recordReferral } from './work.js';

/** A form's context comes back from the platform: checked like a button's value. */
const concernId = (value: string | undefined) => {
  if (!isUuid(value))
    throw new Refusal('That button is no longer valid. /concern list shows the open concerns.', 'bad_button');
  return value;
};

/** Messages for the member who asked, privately. */
const toActor = (messages: Message[]): Response => ({ replies: messages.map(({ text, ...rest }) => say(text, rest)) });

/** A coordinator's button that opens one of the forms for working a concern. */
const opensFor = (id: string, def: FormDef) =>
  action(id, 'coordinator', idValue, async (_ctx, concern) => ({
    form: { form: def, context: { concernId: concern } },
  }));

export const concerns = defineFeature({
  name: 'concerns',
  commands: {
    'concern.raise': { opens: { form: concernRaiseForm } },
    'concern.list': async (ctx) => toActor([await listConcerns(ctx)]),
    'concern.show': async (ctx, options) => toActor(await showConcern(ctx, { number: Number(options.number) })),
  },
  forms: [
    form(concernRaiseForm, async (ctx, values) => toActor(await raiseConcern(ctx, values))),
    form(concernLinkForm, async (ctx, values, context) => ({
      replies: await linkToCase(ctx, { ...values, concernId: concernId(context.concernId) }),
    })),
    form(concernActionForm, async (ctx, values, context) => ({
      replies: await recordAction(ctx, { ...values, concernId: concernId(context.concernId) }),
    })),
    form(concernReferralForm, async (ctx, values, context) => ({
      replies: await recordReferral(ctx, { ...values, concernId: concernId(context.concernId) }),
    })),
    form(concernCloseForm, async (ctx, values, context) => ({
      replies: await closeConcern(ctx, { ...values, concernId: concernId(context.concernId) }),
    })),
  ],
  actions: [
    action(actionIds.show, 'mentorOrCoordinator', idValue, async (ctx, id) => toActor(await showConcern(ctx, { id }))),
    action(actionIds.take, 'coordinator', idValue, async (ctx, id) => ({ replies: await takeConcern(ctx, id) })),
    opensFor(actionIds.act, concernActionForm),
    opensFor(actionIds.refer, concernReferralForm),
    opensFor(actionIds.close, concernCloseForm),
    opensFor(actionIds.link, concernLinkForm),
  ],
  holdings: [concernHolding],
  jobs: concernJobs,
});
