import { z } from 'zod';
import type { Reply } from '../../core/message.js';
import { Refusal, type HandlerContext, type Response, type Router } from '../../core/router.js';
import {
  caseCloseForm,
  caseDetailMessage,
  caseListMessage,
  caseOpenForm,
  caseReviewForm,
  RECORD_REVIEW_ACTION,
  reviewRecordedText,
  timelineMessage,
} from './forms.js';
import { caseCodeRegex, labelOf, outcomes } from './policy.js';
import { recordReview, reviewableCase } from './reviews.js';
import {
  caseDetail,
  caseHolding,
  closeCase,
  listCases,
  openCase,
  pauseCase,
  visibleCase,
  type CaseRoleName,
} from './service.js';
import { caseTimeline } from './timeline.js';
import { assignAndTell } from './assign.js';
import { recordClosureAftercare } from '../referrals/api.js';
import { referralForOpenedCase } from '../referrals/api.js';
import { suggestMentors } from '../mentors/api.js';
import { suggestionsMessage } from '../mentors/api.js';

const toActor = (text: string, tone: 'info' | 'success' | 'warning' = 'success'): Reply => ({
  to: 'actor',
  message: { text, tone },
});

/** The review-due button's value: a case code, parsed by the router before it reaches a query. */
const buttonCaseCode = z.string().max(20).trim().regex(caseCodeRegex);

async function openReview(ctx: HandlerContext, code: string): Promise<Response> {
  const found = await reviewableCase(ctx, code);
  return { form: { form: caseReviewForm, context: { caseCode: found.code } } };
}


export function registerCases(router: Router): void {
  router.holding(caseHolding);

  router.command('case.list', async (ctx, options) => {
    if (options.case)
      return { replies: [{ to: 'actor', message: caseDetailMessage(await caseDetail(ctx, String(options.case))) }] };
    const own = !ctx.actor.roles.includes('coordinator');
    return { replies: [{ to: 'actor', message: caseListMessage(await listCases(ctx, own ? 'own' : 'all'), own) }] };
  });

  router.opens('case.open', { form: caseOpenForm });
  router.form(caseOpenForm, async (ctx, values, context) => {
    const { id, code } = await openCase(ctx, values);
    await referralForOpenedCase(ctx, id, values.programme, context.referralId);
    return {
      replies: [
        toActor(
          `Case ${code} is open and its baseline recorded. Use ${code} everywhere instead of the client’s name. Next: /case assign ${code} <mentor>.`,
        ),
      ],
    };
  });

  router.command('case.assign', async (ctx, options) => {
    if (!options.member) {
      const found = await suggestMentors(ctx, String(options.case));
      return {
        replies: [{ to: 'actor', message: suggestionsMessage(found.code, found.suggestionId, found.suggestions) }],
      };
    }
    const role = (options.role as CaseRoleName | undefined) ?? 'mentor';
    return assignAndTell(ctx, {
      code: String(options.case),
      member: String(options.member),
      role,
      override: options.override === undefined ? undefined : String(options.override),
    });
  });

  router.command('case.pause', async (ctx, options) => {
    const reason = String(options.reason) as 'custody' | 'missing' | 'other' | 'resume';
    const result = await pauseCase(ctx, String(options.case), reason);
    const text =
      reason === 'resume'
        ? `${result.code} is open again.`
        : `${result.code} is paused (${reason}). Agreement reviews still come round; resume it with /case pause ${result.code} resume.`;
    return {
      replies: [
        toActor(text),
        ...result.team.map((memberId): Reply => ({ to: 'member', memberId, message: { text, tone: 'info' } })),
      ],
    };
  });

  router.command('case.close', async (ctx, options) => {
    const found = await visibleCase(ctx, String(options.case));
    if (found.status === 'closed') throw new Refusal(`${found.code} is already closed.`, 'closed');
    return { form: { form: caseCloseForm, context: { caseCode: found.code } } };
  });
  router.form(caseCloseForm, async (ctx, values, context) => {
    const result = await closeCase(ctx, context.caseCode ?? '', values);
    await recordClosureAftercare(ctx, result.code, values.endingReason);
    const text = `${result.code} is closed: ${labelOf(outcomes, values.outcome)}.`;
    return {
      replies: [
        toActor(`${text} Its records stay for the evaluation; assignments have ended.`),
        ...result.team.map(
          (memberId): Reply => ({
            to: 'member',
            memberId,
            message: { text: `${text} Thank you for your work on it.`, tone: 'info' },
          }),
        ),
      ],
    };
  });

  router.command('case.timeline', async (ctx, options) => ({
    replies: [
      {
        to: 'actor',
        message: timelineMessage(
          await caseTimeline(ctx, String(options.case), options.page === undefined ? 1 : Number(options.page)),
        ),
      },
    ],
  }));

  router.command('case.review', (ctx, options) => openReview(ctx, String(options.case)));
  router.action(RECORD_REVIEW_ACTION, 'mentorOrCoordinator', (ctx, code) => openReview(ctx, code), buttonCaseCode);
  router.form(caseReviewForm, async (ctx, values, context) => {
    const result = await recordReview(ctx, context.caseCode ?? '', values);
    return { replies: [toActor(reviewRecordedText(result.code, result.change))] };
  });
}
