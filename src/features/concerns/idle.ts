// The owner's reminder after five working days with nothing recorded: fenced on the last activity,
// so recording anything moves it on.
import type { UseCaseContext } from '../../core/router.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { addWorkingDays } from './policy.js';
import { IDLE_JOB, SUBJECT, workingTime, type Row } from './record.js';

/** The idle reminder's fence: the epoch and the last activity. */
export const idleFenceOf = (row: Pick<Row, 'epoch' | 'lastActivityAt'>) =>
  `${row.epoch}:${row.lastActivityAt.toISOString()}`;

/** Reminds the owner after five working days with nothing recorded. */
export async function scheduleIdleReminder(
  ctx: UseCaseContext,
  row: Pick<Row, 'id' | 'epoch' | 'lastActivityAt'>,
  from: Date,
): Promise<void> {
  const dueAt = addWorkingDays(from, 5, await workingTime(ctx.tx, ctx.deps));
  await enqueueJob(ctx.tx, {
    kind: IDLE_JOB,
    dueAt,
    subject: { kind: SUBJECT, id: row.id },
    fence: idleFenceOf(row),
    dedupeKey: `${IDLE_JOB}:${row.id}:${idleFenceOf(row)}:${dueAt.toISOString()}`,
  });
}

/** Something was recorded: the last activity moves, and with it the reminder. */
export async function touched(ctx: UseCaseContext, row: Pick<Row, 'id'>): Promise<void> {
  const moved = await ctx.tx.concern.update({ where: { id: row.id }, data: { lastActivityAt: ctx.now } });
  await scheduleIdleReminder(ctx, moved, ctx.now);
}
