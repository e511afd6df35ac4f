// What mentor care schedules: a daily pass (08:00, network zone) for expiry reminders, the
// supervision cadence and the post-incident planning step; a weekly workload pass (Monday 09:00);
// and each post-incident offer, fenced on the support still being on offer.
import { z } from 'zod';
import { readSettings } from '../../core/settings.js';
import { job } from '../feature.js';
import type { StandingSeries } from '../../jobs/series.js';
import { runCadence } from '../supervision/api.js';
import { remindExpiries } from './checks.js';
import { offerWorkloadCheckins } from './hours.js';
import { TRIM_STAGES } from './policy.js';
import { scanResolved, sendOffer, supportFence, TRIM_OFFER_JOB } from './trim.js';

export const DAILY_JOB = 'mentors.daily';
export const WORKLOAD_JOB = 'mentors.workload';

const offerPayload = z.object({ supportId: z.string().uuid(), stage: z.enum(TRIM_STAGES) });

export const mentorJobs = {
  [DAILY_JOB]: job({
    catchUp: 'run',
    maxAttempts: 5,
    handler: async ({ deps, tx, now, job }) => {
      await remindExpiries({ deps, tx, now }, job.dueAt);
      await runCadence({ deps, tx, now });
      await scanResolved({ deps, tx, now });
    },
  }),
  [WORKLOAD_JOB]: job({
    catchUp: { skipIfLaterThanMs: 24 * 3_600_000 },
    maxAttempts: 5,
    handler: async ({ deps, tx, now }) => {
      await offerWorkloadCheckins({ deps, tx, now });
    },
  }),
  [TRIM_OFFER_JOB]: job<z.infer<typeof offerPayload>, unknown>({
    payload: offerPayload,
    catchUp: 'run',
    maxAttempts: 5,
    fence: (tx, job) => supportFence(tx, job.subjectId ?? ''),
    handler: ({ deps, tx, now, job }) => sendOffer({ deps, tx, now }, job.payload.supportId, job.payload.stage),
  }),
};

export const mentorSeries: StandingSeries[] = [
  {
    kind: DAILY_JOB,
    series: DAILY_JOB,
    schedule: async (tx, deps) => ({
      every: 'day',
      time: '08:00',
      zone: (await readSettings(tx, deps)).networkTimeZone,
    }),
  },
  {
    kind: WORKLOAD_JOB,
    series: WORKLOAD_JOB,
    schedule: async (tx, deps) => ({
      every: 'week',
      weekday: 1,
      time: '09:00',
      zone: (await readSettings(tx, deps)).networkTimeZone,
    }),
  },
];
