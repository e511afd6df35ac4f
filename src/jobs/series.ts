// Recurring series that must always exist (a daily sweep, a weekly digest): declared by features
// (their `series`), made sure of at every start, and by features whenever their settings change.
import type { Deps } from '../core/deps.js';
import type { Tx } from '../db/client.js';
import { enqueueJob } from './enqueue.js';
import { nextOccurrence, type Schedule } from './schedule.js';

/** Writes the series' next occurrence unless one is already waiting or running. */
export async function ensureSeries(
  tx: Tx,
  spec: { kind: string; series: string; schedule: Schedule; now: Date },
): Promise<boolean> {
  const waiting = await tx.job.findFirst({
    where: { series: spec.series, status: { in: ['pending', 'running'] } },
    select: { id: true },
  });
  if (waiting) return false;
  const { created } = await enqueueJob(tx, {
    kind: spec.kind,
    dueAt: nextOccurrence(spec.schedule, spec.now),
    series: spec.series,
    schedule: spec.schedule,
  });
  return created;
}

export interface StandingSeries {
  kind: string;
  series: string;
  /** The schedule now (it may follow a network setting such as the time zone). */
  schedule(tx: Tx, deps: Deps): Promise<Schedule>;
}

/** At start: every declared series has its next occurrence waiting (replicas agree via the unique key). */
export async function ensureStandingSeries(deps: Deps): Promise<void> {
  for (const spec of deps.jobs.series()) {
    await deps.db.$transaction(async (tx) =>
      ensureSeries(tx, {
        kind: spec.kind,
        series: spec.series,
        schedule: await spec.schedule(tx, deps),
        now: deps.clock.now(),
      }),
    );
  }
}
