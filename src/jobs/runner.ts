// The job runner: claims due rows (FOR UPDATE SKIP LOCKED, with the clock's now as a parameter) under
// a lease, then runs each in a transaction that first re-locks its row by lease token, so on any
// number of replicas a job's effects commit once. A process killed mid-job leaves its lease to
// expire and the job is claimed again (it counts as an attempt, so a job that kills its process
// cannot loop for ever).
// Jobs that talk to the outside (a kind with `send`) run claim → commit → send → settle: their
// handler prepares the message in the transaction, the send runs after it committed with no row
// lock held (the lease keeps other runners off the job), and a short transaction guarded by the
// lease token records the result. tick() does not wait for sends; stop() and idle() do.
// Urgent jobs (priority >= URGENT_JOB_PRIORITY: escalation steps) have their own lane, so slow
// ordinary work never delays them.
import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import type { Deps } from '../core/deps.js';
import { recordEvent } from '../core/events.js';
import { errorFields } from '../core/log.js';
import type { Tx } from '../db/client.js';
import type { JobMetrics } from '../observability/metrics.js';
import { backoffDelay } from './backoff.js';
import { enqueueJob, URGENT_JOB_PRIORITY } from './enqueue.js';
import { forEachLimited } from './limit.js';
import { backoffOf, type JobKind, type JobRow } from './registry.js';
import { nextOccurrence, scheduleSchema } from './schedule.js';

/** Thrown by a handler for a failure that retrying cannot fix: the job is marked failed at once. */
export class PermanentJobError extends Error {}

export type JobOutcome = 'done' | 'skipped' | 'fenced' | 'retry' | 'failed' | 'lost';

export interface JobRunnerOptions {
  leaseMs?: number;
  batchSize?: number;
  concurrency?: number;
  transactionTimeoutMs?: number;
  /** Jobs of the urgent lane run at a time (default 2). */
  urgentConcurrency?: number;
  /** Sends in flight at once; when full, kinds with a send phase are not claimed (default 8). */
  sendConcurrency?: number;
  /** A send taking longer fails its attempt (default a third of the lease). */
  sendTimeoutMs?: number;
  metrics?: JobMetrics;
  random?: () => number;
}

export interface JobRunner {
  /**
   * Runs everything due now in both lanes, batch after batch, until nothing is due; a call while a
   * lane is running joins it. Sends started by it carry on after it resolves (their outcomes are
   * counted when they settle).
   */
  tick(): Promise<Record<JobOutcome, number>>;
  /** Resolves when no send started by this runner is in flight. */
  idle(): Promise<void>;
  /** Stops claiming and waits for the running batches and sends. */
  stop(): Promise<void>;
}

type Lane = 'any' | 'urgent';

interface Claimed extends JobRow {
  leaseToken: string;
  schedule: unknown;
  priority: number;
}

const emptyCounts = (): Record<JobOutcome, number> => ({
  done: 0,
  skipped: 0,
  fenced: 0,
  retry: 0,
  failed: 0,
  lost: 0,
});

export function createJobRunner(deps: Deps, options: JobRunnerOptions = {}): JobRunner {
  const registry = deps.jobs;
  const leaseMs = options.leaseMs ?? 120_000;
  const batchSize = options.batchSize ?? 20;
  const concurrency = options.concurrency ?? 4;
  const timeout = options.transactionTimeoutMs ?? 30_000;
  const sendConcurrency = options.sendConcurrency ?? 8;
  const sendTimeoutMs = options.sendTimeoutMs ?? Math.floor(leaseMs / 3);
  const { db, clock, log } = deps;
  const running: Partial<Record<Lane, Promise<Record<JobOutcome, number>>>> = {};
  /** Sends in flight, by job id: never claimed again by this runner while they last. */
  const sending = new Map<string, Promise<void>>();
  let stopping = false;

  async function claim(lane: Lane): Promise<Claimed[]> {
    // While the send slots are full, only kinds without a send phase are claimed.
    const kinds = registry.kinds().filter((kind) => sending.size < sendConcurrency || !registry.get(kind)!.send);
    if (!kinds.length) return [];
    const now = clock.now();
    const token = randomUUID();
    const minPriority = lane === 'urgent' ? URGENT_JOB_PRIORITY : -2_147_483_648;
    const inFlight = [...sending.keys()];
    return db.$queryRaw<Claimed[]>`
      WITH picked AS (
        SELECT "id" FROM "Job"
        WHERE "kind" = ANY(${kinds}::text[]) AND "priority" >= ${minPriority} AND NOT ("id" = ANY(${inFlight}::uuid[]))
          AND (("status" = 'pending' AND "runAt" <= ${now}) OR ("status" = 'running' AND "leaseUntil" <= ${now}))
        ORDER BY "priority" DESC, "runAt"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "Job" AS j SET "status" = 'running', "leaseUntil" = ${new Date(now.getTime() + leaseMs)}, "leaseToken" = ${token}::uuid, "attempts" = j."attempts" + 1
      FROM picked WHERE j."id" = picked."id"
      RETURNING j."id", j."kind", j."dueAt", j."payload", j."subjectKind", j."subjectId", j."fence", j."series", j."attempts", j."schedule", j."priority", j."leaseToken"`;
  }

  async function finish(
    tx: Tx,
    job: Claimed,
    status: 'done' | 'skipped' | 'failed',
    extra: { skipReason?: string; lastError?: string },
    now: Date,
  ): Promise<void> {
    await tx.job.update({
      where: { id: job.id },
      data: { status, finishedAt: now, leaseUntil: null, leaseToken: null, ...extra },
    });
  }

  /** Whether this runner still holds the job's lease, locking its row for the rest of the transaction. */
  async function holdsLease(tx: Tx, job: Claimed): Promise<boolean> {
    const held = await tx.$queryRaw<
      { id: string }[]
    >`SELECT "id" FROM "Job" WHERE "id" = ${job.id}::uuid AND "leaseToken" = ${job.leaseToken}::uuid AND "status" = 'running' FOR UPDATE`;
    return held.length > 0;
  }

  /** Done, and a recurring job's next occurrence scheduled. */
  async function complete(tx: Tx, job: Claimed, now: Date): Promise<void> {
    await finish(tx, job, 'done', {}, now);
    await scheduleNext(tx, job, now);
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

  /** The claim's transaction; a kind with a send phase returns what to send instead of finishing. */
  async function attempt(job: Claimed, def: JobKind): Promise<JobOutcome | { outgoing: unknown; payload: unknown }> {
    const now = clock.now();
    const lateMs = Math.max(0, now.getTime() - job.dueAt.getTime());
    return db.$transaction(
      async (tx) => {
        if (!(await holdsLease(tx, job))) return 'lost';
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
        const outgoing = await def.handler({ deps, tx, job: { ...job, payload }, now, lateMs });
        // Left running under its lease: the send happens after this transaction commits.
        if (def.send && outgoing !== undefined) return { outgoing, payload };
        await complete(tx, job, now);
        return 'done';
      },
      { timeout },
    );
  }

  /** After a successful send: records it, only while this runner still holds the lease. */
  async function settle(
    job: Claimed,
    def: JobKind,
    sent: { outgoing: unknown; payload: unknown },
  ): Promise<JobOutcome> {
    const now = clock.now();
    return db.$transaction(
      async (tx) => {
        if (!(await holdsLease(tx, job))) return 'lost';
        await def.settle?.({
          deps,
          tx,
          job: { ...job, payload: sent.payload },
          now,
          lateMs: Math.max(0, now.getTime() - job.dueAt.getTime()),
          outgoing: sent.outgoing,
        });
        await complete(tx, job, now);
        return 'done';
      },
      { timeout },
    );
  }

  async function withSendTimeout(run: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`send took longer than ${sendTimeoutMs} ms`));
      }, sendTimeoutMs);
    });
    try {
      await Promise.race([run(controller.signal), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** send → settle, outside any transaction; tracked so that stop() and idle() wait for it. */
  function startSend(
    job: Claimed,
    def: JobKind,
    prepared: { outgoing: unknown; payload: unknown },
    counts: Record<JobOutcome, number>,
  ): void {
    const done = (async () => {
      let outcome: JobOutcome;
      try {
        await withSendTimeout((signal) =>
          def.send!({
            deps,
            job: { ...job, payload: prepared.payload },
            outgoing: prepared.outgoing,
            now: clock.now(),
            signal,
          }),
        );
        outcome = await settle(job, def, prepared).catch((error: unknown) => {
          // Sent but not recorded (the database went away): the lease runs out and it is sent again.
          log.error({ jobId: job.id, kind: job.kind, err: errorFields(error) }, 'job sent but not settled');
          return 'lost' as const;
        });
      } catch (error) {
        outcome = await failed(job, def, error);
      }
      report(job, outcome, counts);
    })();
    sending.set(job.id, done);
    void done.finally(() => sending.delete(job.id));
  }

  async function recordFailure(job: Claimed, def: JobKind, error: unknown): Promise<JobOutcome> {
    const now = clock.now();
    const permanent = error instanceof PermanentJobError || error instanceof ZodError;
    const lastError = `${(error as Error).name ?? 'Error'}: ${String((error as Error).message ?? error)}`.slice(0, 500);
    const final = permanent || job.attempts >= def.maxAttempts;
    return db.$transaction(async (tx) => {
      if (!(await holdsLease(tx, job))) return 'lost';
      if (!final) {
        const runAt = new Date(now.getTime() + backoffDelay(job.attempts, backoffOf(def), options.random));
        await tx.job.update({
          where: { id: job.id },
          data: { status: 'pending', runAt, lastError, leaseUntil: null, leaseToken: null },
        });
        return 'retry';
      }
      await finish(tx, job, 'failed', { lastError }, now);
      await recordEvent(tx, {
        subjectKind: 'job',
        subjectId: job.id,
        kind: 'job.failed',
        at: now,
        data: { jobKind: job.kind, attempts: job.attempts, permanent },
      });
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

  async function failed(job: Claimed, def: JobKind, error: unknown): Promise<JobOutcome> {
    log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, err: errorFields(error) }, 'job attempt failed');
    return recordFailure(job, def, error).catch((recordError: unknown) => {
      // The database went away: the lease runs out and the job is claimed again.
      log.error(
        { jobId: job.id, kind: job.kind, err: { name: (recordError as Error).name } },
        'could not record job failure',
      );
      return 'lost' as const;
    });
  }

  async function runOne(job: Claimed, counts: Record<JobOutcome, number>): Promise<void> {
    const def = registry.get(job.kind)!;
    const attempted = await attempt(job, def).catch((error: unknown) => failed(job, def, error));
    if (typeof attempted === 'object') return startSend(job, def, attempted, counts);
    report(job, attempted, counts);
  }

  function report(job: Claimed, outcome: JobOutcome, counts: Record<JobOutcome, number>): void {
    counts[outcome] += 1;
    options.metrics?.jobFinished(job.kind, outcome, clock.now().getTime() - job.dueAt.getTime());
    if (outcome === 'failed') log.error({ jobId: job.id, kind: job.kind, attempts: job.attempts }, 'job failed');
    else log.debug({ jobId: job.id, kind: job.kind, outcome }, 'job ended');
  }

  async function runDue(lane: Lane): Promise<Record<JobOutcome, number>> {
    const counts = emptyCounts();
    const limit = lane === 'urgent' ? (options.urgentConcurrency ?? 2) : concurrency;
    while (!stopping) {
      const batch = await claim(lane);
      if (!batch.length) break;
      await forEachLimited(batch, limit, (job) => runOne(job, counts));
    }
    return counts;
  }

  const idle = async () => {
    while (sending.size) await Promise.all([...sending.values()]);
  };

  return {
    async tick() {
      const lanes = (['urgent', 'any'] as const).map(
        (lane) => (running[lane] ??= runDue(lane).finally(() => (running[lane] = undefined))),
      );
      const counts = emptyCounts();
      for (const laneCounts of await Promise.all(lanes))
        for (const key of Object.keys(counts) as JobOutcome[]) counts[key] += laneCounts[key];
      return counts;
    },
    idle,
    async stop() {
      stopping = true;
      await Promise.all(Object.values(running).map((run) => run?.catch(() => undefined)));
      await idle();
    },
  };
}
