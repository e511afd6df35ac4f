// What welfare schedules: the recurring check-ins (one weekly series row per chosen day, in the
// mentor's zone), one-off check-ins, the missed check 24 hours after delivery, the follow-up rules
// after an answer, and a daily sweep that enrols mentors.
import { z } from 'zod';
import type { UseCaseContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { job } from '../feature.js';
import { runOneOffCheckin, runScheduledCheckin } from './checkin.js';
import { runFollowUp, runMissed } from './follow-up.js';
import { FOLLOWUP_KIND, MISSED_KIND, ONCE_KIND, SERIES_KIND, SWEEP_KIND } from './kinds.js';
import { LATE_SKIP_MS } from './policy.js';
import { currentSeriesFence, enrolAll } from './schedule.js';

const memberPayload = z.object({ memberId: z.string().uuid() });
const checkinPayload = z.object({ checkinId: z.string().uuid() });

/** A check-in's epoch: moves when it is answered, changed or snoozed, fencing its missed check and follow-up. */
const checkinEpoch = async (tx: Tx, id: string | null) => {
  if (!id) return null;
  const rows = await tx.$queryRaw<
    { epoch: number }[]
  >`SELECT "epoch" FROM "Checkin" WHERE "id" = ${id}::uuid FOR SHARE`;
  return rows[0] ? String(rows[0].epoch) : null;
};

/** A step after delivery or an answer: does nothing once the check-in has moved on (its epoch changed). */
const afterCheckin = (run: (ctx: UseCaseContext, checkinId: string) => Promise<void>) =>
  job({
    payload: checkinPayload,
    catchUp: 'run',
    maxAttempts: 5,
    fence: (tx, row) => checkinEpoch(tx, row.subjectId),
    handler: (ctx) => run(ctx, ctx.job.payload.checkinId),
  });

export const welfareJobs = {
  /** A recurring check-in hours late (the bot was down) is skipped: never delivered, never missed. */
  [SERIES_KIND]: job({
    payload: memberPayload,
    catchUp: { skipIfLaterThanMs: LATE_SKIP_MS },
    maxAttempts: 5,
    fence: (tx, row) => currentSeriesFence(tx, row.subjectId ?? ''),
    handler: (ctx) => runScheduledCheckin(ctx, ctx.job.payload.memberId, ctx.job.dueAt),
  }),
  [ONCE_KIND]: job({
    payload: checkinPayload,
    catchUp: 'run',
    maxAttempts: 5,
    handler: (ctx) => runOneOffCheckin(ctx, ctx.job.payload.checkinId),
  }),
  [MISSED_KIND]: afterCheckin(runMissed),
  [FOLLOWUP_KIND]: afterCheckin(runFollowUp),
  [SWEEP_KIND]: job({
    catchUp: 'run',
    maxAttempts: 3,
    handler: async (ctx) => {
      await enrolAll(ctx);
    },
  }),
};
