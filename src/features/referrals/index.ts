// Referrals and what follows a case's closure: the declaration of what this feature adds to an app
// (the use cases are in intake.ts and aftercare.ts).
import type { Reply } from '../../core/message.js';
import { idValue } from '../../core/values.js';
import { action, defineFeature, form } from '../feature.js';
import { answerableFollowUp, answerFollowUp } from './aftercare.js';
import { ANSWER_FOLLOW_UP_ACTION, followUpForm, referralForm } from './forms.js';
import {
  caseFormFor,
  decideReferral,
  pendingReferrals,
  recordFirstContact,
  recordReferral,
  type DecideInput,
} from './intake.js';
import { aftercareJobs } from './jobs.js';
import { decisionWord, pendingMessage, referralRecorded } from './messages.js';

const toActor = (text: string): Reply => ({ to: 'actor', message: { text, tone: 'success' } });

export const referrals = defineFeature({
  name: 'referrals',
  commands: {
    'referral.new': async () => ({ form: { form: referralForm } }),
    'referral.list': async (ctx) => ({
      replies: [{ to: 'actor', message: pendingMessage(await pendingReferrals(ctx)) }],
    }),
    'referral.decide': async (ctx, options) => {
      const input: DecideInput = {
        number: Number(options.number),
        decision: String(options.decision) as DecideInput['decision'],
        reason: options.reason === undefined ? undefined : String(options.reason),
        firstContactOn: options.first_contact === undefined ? undefined : String(options.first_contact),
      };
      const row = await decideReferral(ctx, input);
      if (row.decision === 'accepted')
        return {
          form: caseFormFor(row),
          replies: [
            toActor(`Referral #${row.number} is accepted. Now open its case: the form is prefilled from the referral.`),
          ],
        };
      return { replies: [toActor(`Referral #${row.number} is recorded as ${decisionWord(row.decision)}.`)] };
    },
    'referral.contact': async (ctx, options) => {
      const row = await recordFirstContact(ctx, Number(options.number), String(options.date));
      return { replies: [toActor(`First contact for referral #${row.number} is recorded as ${row.on}.`)] };
    },
  },
  forms: [
    form(referralForm, async (ctx, values) => {
      const row = await recordReferral(ctx, values);
      const replies = [toActor(referralRecorded(row))];
      return row.decision === 'accepted' ? { form: caseFormFor(row), replies } : { replies };
    }),
    form(followUpForm, async (ctx, values, context) => {
      const row = await answerFollowUp(ctx, context.followUpId ?? '', values);
      return { replies: [toActor(`Thank you: the ${row.months}-month follow-up of ${row.code} is recorded.`)] };
    }),
  ],
  actions: [
    action(ANSWER_FOLLOW_UP_ACTION, 'mentorOrCoordinator', idValue, async (ctx, id) => {
      const row = await answerableFollowUp(ctx, id);
      return { form: { form: followUpForm, context: { followUpId: row.id } } };
    }),
  ],
  jobs: aftercareJobs,
});
