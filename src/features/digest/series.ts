// The digest's recurring job: every DIGEST_DAY at DIGEST_TIME in the network's time zone; whether
// that run drafts (a period has just ended) is period.ts's question.
import type { Deps } from '../../core/deps.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { nextOccurrence, scheduleSchema, type Schedule } from '../../jobs/schedule.js';
import type { StandingSeries } from '../../jobs/series.js';

export const WEEKLY_KIND = 'digest.weekly';
export const WEEKLY_SERIES = 'digest:weekly';
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

type Weekly = Extract<Schedule, { every: 'week' }>;

export async function digestSchedule(tx: Tx, deps: Deps): Promise<Weekly> {
  const { networkTimeZone } = await readSettings(tx, deps);
  return {
    every: 'week',
    weekday: weekdays.indexOf(deps.config.DIGEST_DAY) + 1,
    time: deps.config.DIGEST_TIME,
    zone: networkTimeZone,
  };
}

/**
 * Makes sure the weekly draft job is waiting (at start, and whenever the digest is used); a waiting
 * occurrence made for another schedule (the network's time zone or DIGEST_DAY/TIME changed) is replaced.
 */
export async function ensureDigestSeries(tx: Tx, deps: Deps, now: Date): Promise<void> {
  const schedule = await digestSchedule(tx, deps);
  const waiting = await tx.job.findMany({
    where: { series: WEEKLY_SERIES, status: { in: ['pending', 'running'] } },
    select: { id: true, status: true, schedule: true },
  });
  const same = (stored: unknown) => {
    const parsed = scheduleSchema.safeParse(stored);
    if (!parsed.success || parsed.data.every !== 'week') return false;
    const s = parsed.data;
    return s.weekday === schedule.weekday && s.time === schedule.time && s.zone === schedule.zone;
  };
  if (waiting.some((j) => j.status === 'running' || same(j.schedule))) return;
  const dueAt = nextOccurrence(schedule, now);
  // Moved in place: the one waiting row takes the new time, so no stale occurrence is left behind.
  if (waiting[0]) await tx.job.update({ where: { id: waiting[0].id }, data: { dueAt, runAt: dueAt, schedule } });
  else await enqueueJob(tx, { kind: WEEKLY_KIND, dueAt, series: WEEKLY_SERIES, schedule });
}

/** Made sure of at every start, so the figures are drafted weekly even before anyone uses /share. */
export const digestSeries: StandingSeries = { kind: WEEKLY_KIND, series: WEEKLY_SERIES, schedule: digestSchedule };
