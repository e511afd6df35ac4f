// The job runner: claims due rows (FOR UPDATE SKIP LOCKED, with the clock's now as a parameter) under
// a lease, then runs each in a transaction that first re-locks its row by lease token, so on any
// number of replicas a job's effects commit once. A process killed mid-job leaves its lease to
// expire and the job is claimed again (it counts as an attempt, so a job that kills its process
// cannot loop for ever).
import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import type { Deps } from '../core/deps.js';
import { recordEvent } from '../core/events.js';
import type { Tx } from '../db/client.js';
import type { JobMetrics } from '../observability/metrics.js';
import { backoffDelay } from './backoff.js';
import { enqueueJob } from './enqueue.js';
import { forEachLimited } from './limit.js';
import { backoffOf, jobKinds, type JobKind, type JobRegistry, type JobRow } from './registry.js';
import { nextOccurrence, scheduleSchema } from './schedule.js';

/** Thrown by a handler for a failure that retrying cannot fix: the job is marked failed at once. */
export class PermanentJobError extends Error {}

export type JobOutcome = 'done' | 'skipped' | 'fenced' | 'retry' | 'failed' | 'lost';

export interface JobRunnerOptions {
  registry?: JobRegistry;
  leaseMs?: number;
  batchSize?: number;
  concurrency?: number;
  transactionTimeoutMs?: number;
  metrics?: JobMetrics;
  random?: () => number;
}

export interface JobRunner {
  /** Runs everything due now, batch after batch, until nothing is due; overlapping calls share one run. */
  tick(): Promise<Record<JobOutcome, number>>;
  stop(): Promise<void>;
}

interface Claimed extends JobRow {
  leaseToken: string;
  schedule: unknown;
  priority: number;
}

const emptyCounts = (): Record<JobOutcome, number> => ({ done: 0, skipped: 0, fenced: 0, retry: 0, failed: 0, lost: 0 });

export function createJobRunner(deps: Deps, options: JobRunnerOptions = {}): JobRunner {
  const registry = options.registry ?? jobKinds;
  const leaseMs = options.leaseMs ?? 120_000;
  const batchSize = options.batchSize ?? 20;
  const concurrency = options.concurrency ?? 4;
  const timeout = options.transactionTimeoutMs ?? 30_000;
  const { db, clock, log } = deps;
  let running: Promise<Record<JobOutcome, number>> | undefined;
  let stopping = false;

  async function claim(): Promise<Claimed[]> {
    const kinds = registry.kinds();
    if (!kinds.length) return [];
    const now = clock.now();
    const token = randomUUID();
    return db.$queryRaw<Claimed[]>`
      WITH picked AS (
        SELECT "id" FROM "Job"
        WHERE "kind" = ANY(${kinds}::text[])
          AND (("status" = 'pending' AND "runAt" <= ${now}) OR ("status" = 'running' AND "leaseUntil" <= ${now}))
        ORDER BY "priority" DESC, "runAt"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "Job" AS j SET "status" = 'running', "leaseUntil" = ${new Date(now.getTime() + leaseMs)}, "leaseToken" = ${token}::uuid, "attempts" = j."attempts" + 1
      FROM picked WHERE j."id" = picked."id"
      RETURNING j."id", j."kind", j."dueAt", j."payload", j."subjectKind", j."subjectId", j."fence", j."series", j."attempts", j."schedule", j."priority", j."leaseToken"`;
  }

  async function finish(tx: Tx, job: Claimed, status: 'done' | 'skipped' | 'failed', extra: { skipReason?: string; lastError?: string }, now: Date): Promise<void> {
    await tx.job.update({ where: { id: job.id }, data: { status, finishedAt: now, leaseUntil: null, leaseToken: null, ...extra } });
  }

  /** A recurring job's next occurrence, counted from its due time or now, whichever is later. */
  async function scheduleNext(tx: Tx, job: Claimed, now: Date): Promise<void> {
    if (!job.schedule) return;
    const schedule = scheduleSchema.parse(job.schedule);
    const from = new Date(Math.max(job.dueAt.getTime(), now.getTime()));
    await enqueueJob(tx, {
      kind: job.kind,
      dueAt: nextOccurrence(schedule, from),
      payload: job.payload,
      subject: job.subjectKind && job.subjectId ? { kind: job.subjectKind, id: job.subjectId } : undefined,
      fence: job.fence ?? undefined,
      series: job.series ?? undefined,
      schedule,
      priority: job.priority,
    });
  }

  async function attempt(job: Claimed, def: JobKind): Promise<JobOutcome> {
    const now = clock.now();
    const lateMs = Math.max(0, now.getTime() - job.dueAt.getTime());
    return db.$transaction(
      async (tx) => {
        const held = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Job" WHERE "id" = ${job.id}::uuid AND "leaseToken" = ${job.leaseToken}::uuid AND "status" = 'running' FOR UPDATE`;
        if (!held.length) return 'lost';
        if (def.catchUp !== 'run' && lateMs > def.catchUp.skipIfLaterThanMs) {
          await finish(tx, job, 'skipped', { skipReason: 'stale' }, now);
          await scheduleNext(tx, job, now);
          return 'skipped';
        }
        if (def.fence && ((await def.fence(tx, job)) ?? null) !== job.fence) {
          await finish(tx, job, 'skipped', { skipReason: 'fenced' }, now);
          return 'fenced';
        }
        const payload = def.payload ? def.payload.parse(job.payload) : job.payload;
        await def.handler({ deps, tx, job: { ...job, payload }, now, lateMs });
        await finish(tx, job, 'done', {}, now);
        await scheduleNext(tx, job, now);
        return 'done';
      },
      { timeout },
    );
  }

  async function recordFailure(job: Claimed, def: JobKind, error: unknown): Promise<JobOutcome> {
    const now = clock.now();
    const permanent = error instanceof PermanentJobError || error instanceof ZodError;
    const lastError = `${(error as Error).name ?? 'Error'}: ${String((error as Error).message ?? error)}`.slice(0, 500);
    const final = permanent || job.attempts >= def.maxAttempts;
    return db.$transaction(async (tx) => {
      const held = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Job" WHERE "id" = ${job.id}::uuid AND "leaseToken" = ${job.leaseToken}::uuid AND "status" = 'running' FOR UPDATE`;
      if (!held.length) return 'lost';
      if (!final) {
        const runAt = new Date(now.getTime() + backoffDelay(job.attempts, backoffOf(def), options.random));
        await tx.job.update({ where: { id: job.id }, data: { status: 'pending', runAt, lastError, leaseUntil: null, leaseToken: null } });
        return 'retry';
      }
      await finish(tx, job, 'failed', { lastError }, now);
      await recordEvent(tx, { subjectKind: 'job', subjectId: job.id, kind: 'job.failed', at: now, data: { jobKind: job.kind, attempts: job.attempts, permanent } });
      await deps.outbox.enqueue(tx, {
        to: 'channel',
        channel: 'coordinators',
        message: {
          title: 'A scheduled task failed',
          text: `A scheduled task of kind ${job.kind} could not be completed after ${job.attempts} attempt${job.attempts === 1 ? '' : 's'}. An admin can look it up by its id: ${job.id}.`,
          tone: 'warning',
        },
      });
      await scheduleNext(tx, job, now);
      return 'failed';
    });
  }

  async function runOne(job: Claimed, counts: Record<JobOutcome, number>): Promise<void> {
    const def = registry.get(job.kind)!;
    let outcome: JobOutcome;
    try {
      outcome = await attempt(job, def);
    } catch (error) {
      log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, err: { name: (error as Error).name, code: (error as { code?: string }).code } }, 'job attempt failed');
      outcome = await recordFailure(job, def, error).catch((recordError: unknown) => {
        // The database went away: the lease runs out and the job is claimed again.
        log.error({ jobId: job.id, kind: job.kind, err: { name: (recordError as Error).name } }, 'could not record job failure');
        return 'lost' as const;
      });
    }
    counts[outcome] += 1;
    options.metrics?.jobFinished(job.kind, outcome, clock.now().getTime() - job.dueAt.getTime());
    if (outcome === 'failed') log.error({ jobId: job.id, kind: job.kind, attempts: job.attempts }, 'job failed');
    else log.debug({ jobId: job.id, kind: job.kind, outcome }, 'job ended');
  }

  async function runDue(): Promise<Record<JobOutcome, number>> {
    const counts = emptyCounts();
    while (!stopping) {
      const batch = await claim();
      if (!batch.length) break;
      await forEachLimited(batch, concurrency, (job) => runOne(job, counts));
    }
    return counts;
  }

  return {
    tick() {
      running ??= runDue().finally(() => (running = undefined));
      return running;
    },
    async stop() {
      stopping = true;
      await running?.catch(() => undefined);
    },
  };
}
