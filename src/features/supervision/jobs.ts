// What peer supervision schedules: offer windows, re-matching after a supervisor leaves, the
// after-check, follow-up reminders, and group supervision reminders and attendance.
import { z } from 'zod';
import type { JobKind, JobRegistry } from '../../jobs/registry.js';
import {
  advanceRequest,
  askAfter,
  askAttendance,
  expireOffer,
  followUpFence,
  groupFence,
  jobKindsOf,
  remindFollowUp,
  remindGroup,
  requestEpoch,
} from './service.js';

const byEpoch = { fence: (tx, job) => requestEpoch(tx, job.subjectId!) } satisfies Pick<JobKind, 'fence'>;
const byGroup = { fence: (tx, job) => groupFence(tx, job.subjectId!) } satisfies Pick<JobKind, 'fence'>;

const offerExpired: JobKind<{ offerId: string }> = {
  ...byEpoch,
  catchUp: 'run',
  maxAttempts: 5,
  payload: z.object({ offerId: z.uuid() }),
  handler: ({ deps, tx, job, now }) => expireOffer({ deps, tx, now }, job.payload.offerId),
};

const advance: JobKind<{ wasAccepted: boolean }> = {
  ...byEpoch,
  catchUp: 'run',
  maxAttempts: 5,
  payload: z.object({ wasAccepted: z.boolean().default(false) }),
  handler: ({ deps, tx, job, now }) => advanceRequest({ deps, tx, now }, job.subjectId!, job.payload.wasAccepted),
};

const after: JobKind<{ to: 'requester' | 'supervisor'; round: number }> = {
  ...byEpoch,
  catchUp: 'run',
  maxAttempts: 5,
  payload: z.object({ to: z.enum(['requester', 'supervisor']), round: z.number().int().min(0) }),
  handler: ({ deps, tx, job, now }) => askAfter({ deps, tx, now }, job.subjectId!, job.payload.to, job.payload.round),
};

const followUp: JobKind = {
  fence: (tx, job) => followUpFence(tx, job.subjectId!),
  catchUp: 'run',
  maxAttempts: 5,
  handler: ({ deps, tx, job, now }) => remindFollowUp({ deps, tx, now }, job.subjectId!),
};

const groupReminder: JobKind<{ which: 'day_before' | 'hour_before' }> = {
  ...byGroup,
  // A reminder that would arrive after the session started is no use.
  catchUp: { skipIfLaterThanMs: 50 * 60_000 },
  maxAttempts: 5,
  payload: z.object({ which: z.enum(['day_before', 'hour_before']) }),
  handler: ({ deps, tx, job, now }) => remindGroup({ deps, tx, now }, job.subjectId!, job.payload.which),
};

const groupAttendance: JobKind = {
  ...byGroup,
  catchUp: 'run',
  maxAttempts: 5,
  handler: ({ deps, tx, job, now }) => askAttendance({ deps, tx, now }, job.subjectId!),
};

export function registerSupervisionJobs(jobs: JobRegistry): void {
  jobs.register(jobKindsOf.offerExpired, offerExpired);
  jobs.register(jobKindsOf.advance, advance);
  jobs.register(jobKindsOf.after, after);
  jobs.register(jobKindsOf.followUp, followUp);
  jobs.register(jobKindsOf.groupReminder, groupReminder);
  jobs.register(jobKindsOf.groupAttendance, groupAttendance);
}
