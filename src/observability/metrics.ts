// Prometheus metrics for GET /metrics. Counters are this process's own; the backlog and lag gauges
// are read from the database at each scrape, so every replica reports the same cluster-wide figures.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../core/clock.js';
import type { Db } from '../db/client.js';

export interface JobMetrics {
  jobFinished(kind: string, outcome: string, lateMs: number): void;
}

export interface OutboxMetrics {
  attempted(platform: string, result: string): void;
  failed(platform: string): void;
  delivered(platform: string, sinceCreatedMs: number): void;
}

export interface Metrics extends JobMetrics, OutboxMetrics {
  registry: Registry;
  setSurface(platform: string, connected: boolean): void;
  setDatabase(up: boolean): void;
  /** Reads the backlog and lag gauges from the database; resolves false when it could not. */
  refresh(db: Db, clock: Clock): Promise<boolean>;
  /** The text exposition, after a refresh. */
  render(db: Db, clock: Clock): Promise<string>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const outboxBacklog = new Gauge({
    name: 'msb_outbox_backlog',
    help: 'Owed messages not yet delivered (pending or sending)',
    labelNames: ['platform', 'urgent'],
    registers,
  });
  const outboxOldest = new Gauge({
    name: 'msb_outbox_oldest_undelivered_seconds',
    help: 'Age of the oldest owed message not yet delivered',
    registers,
  });
  const outboxFailedRows = new Gauge({
    name: 'msb_outbox_failed_messages',
    help: 'Owed messages marked failed and still kept',
    labelNames: ['platform'],
    registers,
  });
  const attempts = new Counter({
    name: 'msb_outbox_delivery_attempts_total',
    help: 'Delivery attempts by their result',
    labelNames: ['platform', 'result'],
    registers,
  });
  const failures = new Counter({
    name: 'msb_outbox_delivery_failures_total',
    help: 'Owed messages given up on (permanent failure or attempts exhausted)',
    labelNames: ['platform'],
    registers,
  });
  const latency = new Histogram({
    name: 'msb_outbox_delivery_seconds',
    help: 'From writing an owed message to the platform accepting it',
    labelNames: ['platform'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 1800],
    registers,
  });
  const jobsOverdue = new Gauge({
    name: 'msb_jobs_overdue',
    help: 'Jobs due and not yet claimed (or whose lease ran out)',
    labelNames: ['kind'],
    registers,
  });
  const jobLag = new Gauge({
    name: 'msb_job_lag_seconds',
    help: 'How long the oldest overdue job of each kind has been waiting',
    labelNames: ['kind'],
    registers,
  });
  const jobsFailedRows = new Gauge({
    name: 'msb_jobs_failed',
    help: 'Jobs marked failed and still kept',
    labelNames: ['kind'],
    registers,
  });
  const jobsFinished = new Counter({
    name: 'msb_jobs_finished_total',
    help: 'Job attempts by outcome',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  const jobLateness = new Histogram({
    name: 'msb_job_lateness_seconds',
    help: 'How late a job ran after its due time',
    labelNames: ['kind'],
    buckets: [1, 5, 15, 60, 300, 3600, 86_400],
    registers,
  });
  const surfaceUp = new Gauge({
    name: 'msb_surface_connected',
    help: 'Whether each surface is connected',
    labelNames: ['platform'],
    registers,
  });
  const databaseUp = new Gauge({
    name: 'msb_database_up',
    help: 'Whether the last database health check succeeded',
    registers,
  });

  async function refresh(db: Db, clock: Clock): Promise<boolean> {
    const now = clock.now();
    try {
      const [backlog, oldest, failedMessages, overdue, failedJobs] = await Promise.all([
        db.$queryRaw<{ platform: string; urgent: boolean; count: bigint }[]>`
          SELECT "platform"::text AS platform, "priority" >= 10 AS urgent, count(*) AS count FROM "OutboxMessage"
          WHERE "status" IN ('pending', 'sending') GROUP BY 1, 2`,
        db.$queryRaw<
          { at: Date | null }[]
        >`SELECT min("createdAt") AS at FROM "OutboxMessage" WHERE "status" IN ('pending', 'sending')`,
        db.$queryRaw<
          { platform: string; count: bigint }[]
        >`SELECT "platform"::text AS platform, count(*) AS count FROM "OutboxMessage" WHERE "status" = 'failed' GROUP BY 1`,
        db.$queryRaw<{ kind: string; count: bigint; at: Date }[]>`
          SELECT "kind", count(*) AS count, min(CASE WHEN "status" = 'pending' THEN "runAt" ELSE "leaseUntil" END) AS at FROM "Job"
          WHERE ("status" = 'pending' AND "runAt" <= ${now}) OR ("status" = 'running' AND "leaseUntil" <= ${now}) GROUP BY 1`,
        db.$queryRaw<
          { kind: string; count: bigint }[]
        >`SELECT "kind", count(*) AS count FROM "Job" WHERE "status" = 'failed' GROUP BY 1`,
      ]);
      outboxBacklog.reset();
      for (const row of backlog)
        outboxBacklog.set({ platform: row.platform, urgent: String(row.urgent) }, Number(row.count));
      outboxOldest.set(oldest[0]?.at ? Math.max(0, (now.getTime() - oldest[0].at.getTime()) / 1000) : 0);
      outboxFailedRows.reset();
      for (const row of failedMessages) outboxFailedRows.set({ platform: row.platform }, Number(row.count));
      jobsOverdue.reset();
      jobLag.reset();
      for (const row of overdue) {
        jobsOverdue.set({ kind: row.kind }, Number(row.count));
        jobLag.set({ kind: row.kind }, Math.max(0, (now.getTime() - row.at.getTime()) / 1000));
      }
      jobsFailedRows.reset();
      for (const row of failedJobs) jobsFailedRows.set({ kind: row.kind }, Number(row.count));
      return true;
    } catch {
      return false;
    }
  }

  return {
    registry,
    jobFinished(kind, outcome, lateMs) {
      jobsFinished.inc({ kind, outcome });
      if (outcome === 'done') jobLateness.observe({ kind }, Math.max(0, lateMs) / 1000);
    },
    attempted: (platform, result) => attempts.inc({ platform, result }),
    failed: (platform) => failures.inc({ platform }),
    delivered: (platform, ms) => latency.observe({ platform }, Math.max(0, ms) / 1000),
    setSurface: (platform, connected) => surfaceUp.set({ platform }, connected ? 1 : 0),
    setDatabase: (up) => databaseUp.set(up ? 1 : 0),
    refresh,
    async render(db, clock) {
      await refresh(db, clock);
      return registry.metrics();
    },
  };
}
