// What peer supervision schedules: offer windows, re-matching after a supervisor leaves, the
// after-check, follow-up reminders, and group supervision reminders and attendance.
import { z } from 'zod';
import type { JobKind } from '../../jobs/registry.js';
import { job } from '../feature.js';
import { askAfter, remindFollowUp } from './after-check.js';
import { askAttendance, groupFence, remindGroup } from './group.js';
import { jobKindsOf } from './job-kinds.js';
import { advanceRequest, expireOffer } from './offers.js';
import { followUpFence, requestEpoch } from './request-row.js';

const byEpoch = { fence: (tx, job) => requestEpoch(tx, job.subjectId!) } satisfies Pick<JobKind, 'fence'>;
const byGroup = { fence: (tx, job) => groupFence(tx, job.subjectId!) } satisfies Pick<JobKind, 'fence'>;

/** Supervision's job kinds, by name. */
export const supervisionJobs = {
  [jobKindsOf.offerExpired]: job<{ offerId: string }, void>({
    ...byEpoch,
    catchUp: 'run',
    maxAttempts: 5,
    payload: z.object({ offerId: z.uuid() }),
    handler: ({ deps, tx, job, now }) => expireOffer({ deps, tx, now }, job.payload.offerId),
  }),
  [jobKindsOf.advance]: job<{ wasAccepted: boolean }, void>({
    ...byEpoch,
    catchUp: 'run',
    maxAttempts: 5,
    payload: z.object({ wasAccepted: z.boolean().default(false) }),
    handler: ({ deps, tx, job, now }) =>
      advanceRequest({ deps, tx, now }, { requestId: job.subjectId!, wasAccepted: job.payload.wasAccepted }),
  }),
  [jobKindsOf.after]: job<{ to: 'requester' | 'supervisor'; round: number }, void>({
    ...byEpoch,
    catchUp: 'run',
    maxAttempts: 5,
    payload: z.object({ to: z.enum(['requester', 'supervisor']), round: z.number().int().min(0) }),
    handler: ({ deps, tx, job, now }) => askAfter({ deps, tx, now }, { requestId: job.subjectId!, ...job.payload }),
  }),
  [jobKindsOf.followUp]: job<unknown, void>({
    fence: (tx, job) => followUpFence(tx, job.subjectId!),
    catchUp: 'run',
    maxAttempts: 5,
    handler: ({ deps, tx, job, now }) => remindFollowUp({ deps, tx, now }, job.subjectId!),
  }),
  [jobKindsOf.groupReminder]: job<{ which: 'day_before' | 'hour_before' }, void>({
    ...byGroup,
    // A reminder that would arrive after the session started is no use.
    catchUp: { skipIfLaterThanMs: 50 * 60_000 },
    maxAttempts: 5,
    payload: z.object({ which: z.enum(['day_before', 'hour_before']) }),
    handler: ({ deps, tx, job, now }) =>
      remindGroup({ deps, tx, now }, { groupId: job.subjectId!, which: job.payload.which }),
  }),
  [jobKindsOf.groupAttendance]: job<unknown, void>({
    ...byGroup,
    catchUp: 'run',
    maxAttempts: 5,
    handler: ({ deps, tx, job, now }) => askAttendance({ deps, tx, now }, job.subjectId!),
  }),
};
