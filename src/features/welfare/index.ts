// Welfare check-ins, declared: /checkin now and settings, the answer buttons and "add more" form,
// the follow-up buttons, the home sections, follow-ups a leaving member hands on, jobs and the sweep.
import { z } from 'zod';
import type { Message } from '../../core/message.js';
import type { Response } from '../../core/router.js';
import { Refusal } from '../../core/refusal.js';
import { idValue, idWith } from '../../core/values.js';
import { supervisionRequestForm } from '../supervision/api.js';
import { action, defineFeature, form } from '../feature.js';
import { addToAnswer, answerCheckin, answerFormInitial, snoozeCheckin } from './answer.js';
import { checkinNow } from './checkin.js';
import { askForCall, closeFollowUp, followUpHolding } from './follow-up.js';
import { actions, checkinMoreForm, checkinSettingsForm } from './forms.js';
import { welfareJobs } from './jobs.js';
import {
  addedMessage,
  callAskedMessage,
  followUpClosedMessage,
  schedulePausedMessage,
  scheduleSavedMessage,
  snoozedMessage,
} from './messages.js';
import { ANSWERS, CONSENTS, toMinute, welfareDefaults, type Answer } from './policy.js';
import { saveSchedule, sweepSeries } from './schedule.js';
import { coordinatorHomeSection, ownHomeSection, settingsForm } from './views.js';

const toActor = (message: Message): Response => ({ replies: [{ to: 'actor', message }] });

export const welfare = defineFeature({
  name: 'welfare',
  commands: {
    'checkin.now': async (ctx) => toActor(await checkinNow(ctx)),
    'checkin.settings': async (ctx) => ({ form: await settingsForm(ctx) }),
  },
  forms: [
    form(checkinSettingsForm, async (ctx, values) => {
      const next = await saveSchedule(ctx, {
        weekdays: values.days.map(Number).sort(),
        minute: toMinute(values.time)!,
        paused: values.paused,
        consent: values.consent,
      });
      return toActor(values.paused ? schedulePausedMessage : scheduleSavedMessage(next, ctx.actor.timeZone));
    }),
    form(checkinMoreForm, async (ctx, values, context) => {
      if (!CONSENTS.includes(values.consent)) throw new Refusal('Please choose who can see this answer.');
      await addToAnswer(ctx, context.checkinId ?? '', {
        weighing: values.weighing,
        wants: values.wants,
        consent: values.consent,
      });
      return toActor(addedMessage);
    }),
  ],
  actions: [
    // "<check-in id>:<answer>"
    action(actions.answer, 'mentor', idWith<Answer>(ANSWERS), async (ctx, { id, tail }) => ({
      replies: await answerCheckin(ctx, id, tail),
    })),
    action(actions.snooze, 'mentor', idValue, async (ctx, checkinId) =>
      toActor(snoozedMessage(await snoozeCheckin(ctx, checkinId), ctx.actor.timeZone)),
    ),
    action(actions.more, 'mentor', idValue, async (ctx, checkinId) => ({
      form: { form: checkinMoreForm, initial: await answerFormInitial(ctx, checkinId), context: { checkinId } },
    })),
    action(actions.askCall, 'mentor', idValue, async (ctx, checkinId) =>
      toActor(callAskedMessage(await askForCall(ctx, checkinId), welfareDefaults(ctx.deps.config).supportLines)),
    ),
    // Only the peer supervisor who accepts sees the summary the mentor writes there.
    action(actions.supervision, 'mentor', z.literal('checkin'), async () => ({
      form: { form: supervisionRequestForm, initial: {}, context: { via: 'checkin' } },
    })),
    // "<follow-up id>:reached_out" or "<follow-up id>:no_need"
    action(actions.close, 'anyMember', idWith(['reached_out', 'no_need']), async (ctx, { id, tail }) =>
      toActor(followUpClosedMessage(await closeFollowUp(ctx, id, tail), tail)),
    ),
  ],
  home: [
    { precondition: 'mentor', build: ownHomeSection },
    { precondition: 'coordinator', build: coordinatorHomeSection },
  ],
  holdings: [followUpHolding],
  jobs: welfareJobs,
  series: [sweepSeries],
});
