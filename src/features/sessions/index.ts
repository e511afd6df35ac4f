// Mentoring sessions: plan, start and end (planned or not), each mentor checked out separately, with
// the duty coordinator asked to check on anyone not out safe in time.
import { idValue } from '../../core/values.js';
import { action, defineFeature, form } from '../feature.js';
import { endSession } from './end.js';
import { SAFE_END_ACTION, sessionPlanForm } from './forms.js';
import { sessionJobs } from './jobs.js';
import { planSession } from './plan.js';
import { startSession } from './start.js';

export const sessions = defineFeature({
  name: 'sessions',
  commands: {
    'session.plan': async (_ctx, options) => ({
      form: {
        form: sessionPlanForm,
        initial: options.case ? { caseCode: String(options.case).toUpperCase() } : undefined,
      },
    }),
    'session.start': (ctx, options) =>
      startSession(ctx, {
        code: String(options.case),
        expectedMinutes: options.minutes === undefined ? undefined : Number(options.minutes),
      }),
    'session.end': (ctx, options) =>
      endSession(ctx, {
        caseCode: options.case ? String(options.case) : undefined,
        travel: {
          minutes: options.travel_minutes === undefined ? undefined : Number(options.travel_minutes),
          cost: options.travel_cost === undefined ? undefined : String(options.travel_cost),
        },
      }),
  },
  forms: [form(sessionPlanForm, (ctx, values) => planSession(ctx, { values }))],
  actions: [action(SAFE_END_ACTION, 'mentor', idValue, (ctx, sessionId) => endSession(ctx, { sessionId }))],
  jobs: sessionJobs,
});
