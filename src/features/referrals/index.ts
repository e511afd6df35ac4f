import type { Reply } from '../../core/message.js';
import type { Router } from '../../core/router.js';
import { idValue } from '../../core/values.js';
import { programmes } from '../cases/api.js';
import { answerableFollowUp, answerFollowUp } from './aftercare.js';
import { ANSWER_FOLLOW_UP_ACTION, decisionWord, followUpForm, pendingMessage, referralForm } from './forms.js';
import { labelIn, referralSources } from './policy.js';
import {
  caseFormFor,
  decideReferral,
  pendingReferrals,
  recordFirstContact,
  recordReferral,
  type DecideInput,
} from './service.js';

const toActor = (text: string): Reply => ({ to: 'actor', message: { text, tone: 'success' } });

export function registerReferrals(router: Router): void {
  router.command('referral.new', async () => ({ form: { form: referralForm } }));
  router.form(referralForm, async (ctx, values) => {
    const row = await recordReferral(ctx, values);
    const what = `Referral #${row.number} (${labelIn(referralSources, row.source)}, ${labelIn(programmes, row.programme)}) is recorded as ${decisionWord(row.decision)}.`;
    if (row.decision === 'accepted')
      return {
        form: caseFormFor(row),
        replies: [toActor(`${what} Now open its case: the form is prefilled from the referral.`)],
      };
    return {
      replies: [toActor(row.decision === 'awaiting' ? `${what} /referral list shows it until it is decided.` : what)],
    };
  });

  router.command('referral.list', async (ctx) => ({
    replies: [{ to: 'actor', message: pendingMessage(await pendingReferrals(ctx)) }],
  }));

  router.command('referral.decide', async (ctx, options) => {
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
  });

  router.command('referral.contact', async (ctx, options) => {
    const row = await recordFirstContact(ctx, Number(options.number), String(options.date));
    return { replies: [toActor(`First contact for referral #${row.number} is recorded as ${row.on}.`)] };
  });

  router.action(
    ANSWER_FOLLOW_UP_ACTION,
    'mentorOrCoordinator',
    async (ctx, id) => {
      const row = await answerableFollowUp(ctx, id);
      return { form: { form: followUpForm, context: { followUpId: row.id } } };
    },
    idValue,
  );
  router.form(followUpForm, async (ctx, values, context) => {
    const row = await answerFollowUp(ctx, context.followUpId ?? '', values);
    return { replies: [toActor(`Thank you: the ${row.months}-month follow-up of ${row.code} is recorded.`)] };
  });
}
