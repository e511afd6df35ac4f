// Cases: the bot issues the code (never a name), records a baseline, assigns mentors, reviews the
// agreement every three months, pauses and closes with an outcome in the evaluations' categories.
import { z } from 'zod';
import type { OptionValue } from '../../core/interaction.js';
import { caseCodeRegex } from '../../core/wording.js';
import { action, defineFeature, form } from '../feature.js';
import { assignOrSuggest } from './assign.js';
import { closeCase, openClosing } from './close.js';
import { caseCloseForm, caseOpenForm, caseReviewForm, RECORD_REVIEW_ACTION } from './forms.js';
import { caseHolding } from './holdings.js';
import { caseJobs } from './jobs.js';
import { showCases } from './list.js';
import { openCase } from './open.js';
import { pauseCase } from './pause.js';
import { openReview, recordReview } from './reviews.js';
import { caseTimeline } from './timeline.js';

/** The review-due button's value: a case code, parsed by the router before it reaches a query. */
const buttonCaseCode = z.string().max(20).trim().regex(caseCodeRegex);
const roleOption = z.enum(['mentor', 'co_mentor']).default('mentor');
const reasonOption = z.enum(['custody', 'missing', 'other', 'resume']);
const optional = (value: OptionValue | undefined) => (value === undefined || value === '' ? undefined : String(value));

export const cases = defineFeature({
  name: 'cases',
  commands: {
    'case.list': (ctx, options) => showCases(ctx, { code: optional(options.case) }),
    'case.open': { opens: { form: caseOpenForm } },
    'case.assign': (ctx, options) =>
      assignOrSuggest(ctx, {
        code: String(options.case),
        member: optional(options.member),
        role: roleOption.parse(options.role),
        override: options.override === undefined ? undefined : String(options.override),
      }),
    'case.pause': (ctx, options) =>
      pauseCase(ctx, { code: String(options.case), reason: reasonOption.parse(options.reason) }),
    'case.close': (ctx, options) => openClosing(ctx, { code: String(options.case) }),
    'case.timeline': (ctx, options) =>
      caseTimeline(ctx, {
        code: String(options.case),
        page: options.page === undefined ? undefined : Number(options.page),
      }),
    'case.review': (ctx, options) => openReview(ctx, { code: String(options.case) }),
  },
  forms: [
    form(caseOpenForm, (ctx, values, context) => openCase(ctx, { values, referralId: context.referralId })),
    form(caseCloseForm, (ctx, values, context) => closeCase(ctx, { code: context.caseCode ?? '', values })),
    form(caseReviewForm, (ctx, values, context) => recordReview(ctx, { code: context.caseCode ?? '', values })),
  ],
  actions: [
    action(RECORD_REVIEW_ACTION, 'mentorOrCoordinator', buttonCaseCode, (ctx, code) => openReview(ctx, { code })),
  ],
  holdings: [caseHolding],
  jobs: caseJobs,
});
