// What welfare schedules: the recurring check-ins (one weekly series row per chosen day, in the
// mentor's zone), one-off check-ins, the missed check 24 hours after delivery, the follow-up rules
// after an answer, and a daily sweep that enrols mentors.
import { z } from 'zod';
import type { JobKind, JobRegistry } from '../../jobs/registry.js';
import { LATE_SKIP_MS } from './policy.js';
import {
  currentSeriesFence,
  enrolAll,
  FOLLOWUP_KIND,
  MISSED_KIND,
  ONCE_KIND,
  runFollowUp,
  runMissed,
  runOneOffCheckin,
  runScheduledCheckin,
  SERIES_KIND,
  SWEEP_KIND,
  sweepSeries,
} from './service.js';

const memberPayload = z.object({ memberId: z.string().uuid() });
const checkinPayload = z.object({ checkinId: z.string().uuid() });

const checkinEpoch = async (tx: Parameters<NonNullable<JobKind['fence']>>[0], id: string | null) => {
  if (!id) return null;
  const rows = await tx.$queryRaw<
    { epoch: number }[]
  >`SELECT "epoch" FROM "Checkin" WHERE "id" = ${id}::uuid FOR SHARE`;
  return rows[0] ? String(rows[0].epoch) : null;
};

/** A recurring check-in hours late (the bot was down) is skipped: never delivered, never missed. */
const seriesKind: JobKind<z.infer<typeof memberPayload>> = {
  payload: memberPayload,
  catchUp: { skipIfLaterThanMs: LATE_SKIP_MS },
  maxAttempts: 5,
  fence: (tx, job) => currentSeriesFence(tx, job.subjectId ?? ''),
  handler: ({ deps, tx, now, job }) => runScheduledCheckin({ deps, tx, now }, job.payload.memberId, job.dueAt),
};

const onceKind: JobKind<z.infer<typeof checkinPayload>> = {
  payload: checkinPayload,
  catchUp: 'run',
  maxAttempts: 5,
  handler: ({ deps, tx, now, job }) => runOneOffCheckin({ deps, tx, now }, job.payload.checkinId),
};

const missedKind: JobKind<z.infer<typeof checkinPayload>> = {
  payload: checkinPayload,
  catchUp: 'run',
  maxAttempts: 5,
  fence: (tx, job) => checkinEpoch(tx, job.subjectId),
  handler: ({ deps, tx, now, job }) => runMissed({ deps, tx, now }, job.payload.checkinId),
};

const followUpKind: JobKind<z.infer<typeof checkinPayload>> = {
  payload: checkinPayload,
  catchUp: 'run',
  maxAttempts: 5,
  fence: (tx, job) => checkinEpoch(tx, job.subjectId),
  handler: ({ deps, tx, now, job }) => runFollowUp({ deps, tx, now }, job.payload.checkinId),
};

const sweepKind: JobKind = {
  catchUp: 'run',
  maxAttempts: 3,
  handler: async ({ deps, tx, now }) => {
    await enrolAll({ deps, tx, now });
  },
};

export function registerWelfareJobs(jobs: JobRegistry): void {
  jobs.register(SERIES_KIND, seriesKind);
  jobs.standing(sweepSeries);
  jobs.register(ONCE_KIND, onceKind);
  jobs.register(MISSED_KIND, missedKind);
  jobs.register(FOLLOWUP_KIND, followUpKind);
  jobs.register(SWEEP_KIND, sweepKind);
}
