// The job runner against the real database: once only, retries with backoff, failure made visible,
// fencing, catch-up policies, recurring series and leases that run out.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordEvent } from '../../src/core/events.js';
import { backoffCeiling } from '../../src/jobs/backoff.js';
import { cancelJobs, enqueueJob, URGENT_JOB_PRIORITY } from '../../src/jobs/enqueue.js';
import { createJobRegistry, type JobKind, type JobRegistry } from '../../src/jobs/registry.js';
import { createJobRunner, PermanentJobError, type JobRunner } from '../../src/jobs/runner.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';

let ctx: TestContext;
let registry: JobRegistry;
let runner: JobRunner;
const calls: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ channelPlatforms: ['slack'] });
});
afterAll(() => ctx.close());
beforeEach(async () => {
  await ctx.deps.db.job.deleteMany();
  await ctx.deps.db.outboxMessage.deleteMany();
  calls.length = 0;
  registry = createJobRegistry();
  runner = createJobRunner({ ...ctx.deps, jobs: registry }, { random: () => 0.5 });
});

const at = (iso: string) => new Date(iso);
const enqueue = (spec: Parameters<typeof enqueueJob>[1]) => ctx.deps.db.$transaction((tx) => enqueueJob(tx, spec));
const job = (id: string) => ctx.deps.db.job.findUniqueOrThrow({ where: { id } });
const ranEvents = (jobId: string) => ctx.deps.db.event.count({ where: { kind: 'test.ran', subjectId: jobId } });

/** A kind whose handler leaves an event in its transaction, so a committed run is countable. */
function counting(extra: Partial<JobKind> = {}): JobKind {
  return {
    catchUp: 'run',
    maxAttempts: 3,
    async handler({ tx, job, now }) {
      calls.push(job.id);
      await recordEvent(tx, { subjectKind: 'job', subjectId: job.id, kind: 'test.ran', at: now });
    },
    ...extra,
  };
}

describe('running due jobs', () => {
  it('runs a due job once, in its own transaction, and leaves a future one alone', async () => {
    registry.register('test.count', counting());
    ctx.clock.set('2026-11-23T09:00:00Z');
    const due = await enqueue({ kind: 'test.count', dueAt: at('2026-11-23T08:59:00Z') });
    const later = await enqueue({ kind: 'test.count', dueAt: at('2026-11-23T10:00:00Z') });
    expect(await runner.tick()).toMatchObject({ done: 1 });
    expect(await runner.tick()).toMatchObject({ done: 0 });
    expect(await job(due.id)).toMatchObject({ status: 'done', attempts: 1, leaseToken: null });
    expect(await ranEvents(due.id)).toBe(1);
    expect(await job(later.id)).toMatchObject({ status: 'pending', attempts: 0 });
    ctx.clock.set('2026-11-23T10:00:00Z');
    await runner.tick();
    expect(await ranEvents(later.id)).toBe(1);
  });

  it('leaves kinds this process does not know to a replica that does', async () => {
    const other = await enqueue({ kind: 'test.unknown', dueAt: ctx.clock.now() });
    registry.register('test.count', counting());
    await runner.tick();
    expect(await job(other.id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('writes no job when the enqueuing transaction rolls back, and one per dedupe key', async () => {
    await expect(
      ctx.deps.db.$transaction(async (tx) => {
        await enqueueJob(tx, { kind: 'test.count', dueAt: ctx.clock.now(), dedupeKey: 'k1' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await ctx.deps.db.job.count()).toBe(0);
    const first = await enqueue({ kind: 'test.count', dueAt: ctx.clock.now(), dedupeKey: 'k1' });
    const second = await enqueue({ kind: 'test.count', dueAt: ctx.clock.now(), dedupeKey: 'k1' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(await ctx.deps.db.job.count()).toBe(1);
  });

  it('cancels pending jobs of a subject', async () => {
    registry.register('test.count', counting());
    const subject = { kind: 'escalation', id: randomUUID() };
    const a = await enqueue({ kind: 'test.count', dueAt: ctx.clock.now(), subject });
    await ctx.deps.db.$transaction((tx) => cancelJobs(tx, { subject }));
    await runner.tick();
    expect(await job(a.id)).toMatchObject({ status: 'cancelled' });
    expect(calls).toEqual([]);
  });
});

describe('retries', () => {
  it('retries a failing handler with growing backoff, then succeeds; its failed attempts left nothing behind', async () => {
    let failures = 2;
    registry.register(
      'test.flaky',
      counting({
        maxAttempts: 5,
        backoff: { baseMs: 10_000, maxMs: 600_000 },
        async handler({ tx, job, now }) {
          await recordEvent(tx, { subjectKind: 'job', subjectId: job.id, kind: 'test.ran', at: now });
          if (failures-- > 0) throw new Error('platform down');
        },
      }),
    );
    const { id } = await enqueue({ kind: 'test.flaky', dueAt: ctx.clock.now() });
    expect(await runner.tick()).toMatchObject({ retry: 1 });
    let row = await job(id);
    // random() = 0.5: three quarters of the ceiling.
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Error: platform down' });
    expect(row.runAt.getTime() - ctx.clock.now().getTime()).toBe(
      0.75 * backoffCeiling(1, { baseMs: 10_000, maxMs: 600_000 }),
    );
    expect(await runner.tick()).toMatchObject({ retry: 0, done: 0 });
    ctx.clock.advance(7_500);
    expect(await runner.tick()).toMatchObject({ retry: 1 });
    row = await job(id);
    expect(row.runAt.getTime() - ctx.clock.now().getTime()).toBe(15_000);
    ctx.clock.advance(15_000);
    expect(await runner.tick()).toMatchObject({ done: 1 });
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 3 });
    expect(await ranEvents(id)).toBe(1);
  });

  it('marks a job failed after its last attempt, where coordinators see it', async () => {
    registry.register(
      'test.broken',
      counting({
        maxAttempts: 2,
        backoff: { baseMs: 1_000, maxMs: 1_000 },
        handler: async () => Promise.reject(new Error('nope')),
      }),
    );
    const { id } = await enqueue({ kind: 'test.broken', dueAt: ctx.clock.now() });
    await runner.tick();
    ctx.clock.advance(1_000);
    expect(await runner.tick()).toMatchObject({ failed: 1 });
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 2, lastError: 'Error: nope' });
    expect(await ctx.deps.db.event.count({ where: { kind: 'job.failed', subjectId: id } })).toBe(1);
    const note = await ctx.deps.db.outboxMessage.findFirstOrThrow({ where: { channel: 'coordinators' } });
    const text = ctx.deps.cipher.open(note.messageEnc, {
      table: 'OutboxMessage',
      column: 'messageEnc',
      rowId: note.id,
    });
    expect(text).toContain(id);
    expect(text).toContain('test.broken');
  });

  it('fails at once on a permanent error or a payload that does not parse', async () => {
    const { z } = await import('zod');
    registry.register(
      'test.permanent',
      counting({ maxAttempts: 5, handler: async () => Promise.reject(new PermanentJobError('case closed')) }),
    );
    registry.register('test.typed', counting({ maxAttempts: 5, payload: z.object({ caseId: z.string().uuid() }) }));
    const a = await enqueue({ kind: 'test.permanent', dueAt: ctx.clock.now() });
    const b = await enqueue({ kind: 'test.typed', dueAt: ctx.clock.now(), payload: { caseId: 'not-a-uuid' } });
    expect(await runner.tick()).toMatchObject({ failed: 2 });
    expect(await job(a.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await job(b.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(calls).toEqual([]);
  });

  it('claims again a job whose runner died holding it (lease ran out), counting the attempt', async () => {
    registry.register('test.count', counting());
    runner = createJobRunner({ ...ctx.deps, jobs: registry }, { leaseMs: 60_000 });
    const { id } = await enqueue({ kind: 'test.count', dueAt: ctx.clock.now() });
    // As a runner killed after its claim leaves it.
    await ctx.deps.db.job.update({
      where: { id },
      data: {
        status: 'running',
        attempts: 1,
        leaseToken: randomUUID(),
        leaseUntil: new Date(ctx.clock.now().getTime() + 60_000),
      },
    });
    expect(await runner.tick()).toMatchObject({ done: 0 });
    ctx.clock.advance(60_000);
    expect(await runner.tick()).toMatchObject({ done: 1 });
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await ranEvents(id)).toBe(1);
  });
});

describe('fencing', () => {
  it('does nothing when the subject moved on since the job was scheduled, and ends its series', async () => {
    const epochs = new Map<string, string>();
    registry.register(
      'test.step',
      counting({
        fence: async (_tx, job) => epochs.get(job.subjectId!),
      }),
    );
    const subject = { kind: 'escalation', id: randomUUID() };
    epochs.set(subject.id, '1');
    const stale = await enqueue({
      kind: 'test.step',
      dueAt: ctx.clock.now(),
      subject,
      fence: '1',
      series: `step:${subject.id}`,
      schedule: { every: 'day', time: '09:00', zone: 'Europe/London' },
    });
    epochs.set(subject.id, '2'); // acknowledged: the epoch moved on
    const current = await enqueue({ kind: 'test.step', dueAt: ctx.clock.now(), subject, fence: '2' });
    expect(await runner.tick()).toMatchObject({ fenced: 1, done: 1 });
    expect(await job(stale.id)).toMatchObject({ status: 'skipped', skipReason: 'fenced' });
    expect(calls).toEqual([current.id]);
    expect(await ctx.deps.db.job.count({ where: { series: `step:${subject.id}` } })).toBe(1);
  });
});

describe('catch-up after downtime', () => {
  it('skips a stale check-in (not counted as missed) and carries its series on; runs a late escalation step', async () => {
    registry.register('test.checkin', counting({ catchUp: { skipIfLaterThanMs: 12 * 3_600_000 } }));
    registry.register('test.escalation-step', counting({ catchUp: 'run' }));
    const schedule = { every: 'week' as const, weekday: 1, time: '09:00', zone: 'Europe/London' };
    const checkin = await enqueue({
      kind: 'test.checkin',
      dueAt: at('2026-11-16T09:00:00Z'),
      series: 'checkin:m1',
      schedule,
    });
    const fresh = await enqueue({ kind: 'test.checkin', dueAt: at('2026-11-23T08:00:00Z') });
    const step = await enqueue({ kind: 'test.escalation-step', dueAt: at('2026-11-16T09:05:00Z') });
    // The bot was down for a week: this is the first tick on start.
    ctx.clock.set('2026-11-23T09:30:00Z');
    expect(await runner.tick()).toMatchObject({ skipped: 1, done: 2 });
    expect(await job(checkin.id)).toMatchObject({ status: 'skipped', skipReason: 'stale' });
    expect(await ranEvents(checkin.id)).toBe(0);
    expect(await ranEvents(fresh.id)).toBe(1);
    expect(await ranEvents(step.id)).toBe(1);
    // Only the next occurrence after now: no pile of missed weeks.
    const next = await ctx.deps.db.job.findMany({ where: { series: 'checkin:m1', status: 'pending' } });
    expect(next.map((j) => j.dueAt.toISOString())).toEqual(['2026-11-30T09:00:00.000Z']);
  });
});

describe('recurring series', () => {
  it('writes each next occurrence as a row, at 09:00 London time across the March clock change', async () => {
    registry.register('test.digest', counting());
    const schedule = { every: 'week' as const, weekday: 1, time: '09:00', zone: 'Europe/London' };
    ctx.clock.set('2026-03-16T09:00:00Z');
    await enqueue({ kind: 'test.digest', dueAt: ctx.clock.now(), series: 'digest', schedule });
    const seen: string[] = [];
    for (let week = 0; week < 3; week++) {
      const pending = await ctx.deps.db.job.findFirstOrThrow({ where: { series: 'digest', status: 'pending' } });
      seen.push(pending.dueAt.toISOString());
      ctx.clock.set(pending.dueAt);
      expect(await runner.tick()).toMatchObject({ done: 1 });
    }
    expect(seen).toEqual(['2026-03-16T09:00:00.000Z', '2026-03-23T09:00:00.000Z', '2026-03-30T08:00:00.000Z']);
    expect(await ctx.deps.db.job.count({ where: { series: 'digest' } })).toBe(4);
  });

  it('starts a series once even when two requests race to start it', async () => {
    const dueAt = at('2026-11-30T09:00:00Z');
    const spec = {
      kind: 'test.checkin',
      dueAt,
      series: 'checkin:m2',
      schedule: { every: 'week' as const, weekday: 1, time: '09:00', zone: 'Europe/London' },
    };
    const results = await Promise.all([enqueue(spec), enqueue(spec)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await ctx.deps.db.job.count({ where: { series: 'checkin:m2' } })).toBe(1);
  });
});

describe('jobs that talk to the outside, and the urgent lane', () => {
  it('claim → commit → send → settle: the send holds no row lock, settle records under the lease, a failed send is retried', async () => {
    const sent: string[] = [];
    const kind: JobKind<unknown, string> = {
      catchUp: 'run',
      maxAttempts: 3,
      handler: async ({ job }) => `hello ${job.id}`,
      async send({ job, outgoing }) {
        // The job's row (and anything its handler read) is not locked while the send runs.
        await ctx.deps.db.$transaction(
          (tx) => tx.$queryRaw`SELECT "id" FROM "Job" WHERE "id" = ${job.id}::uuid FOR UPDATE NOWAIT`,
        );
        if (outgoing.includes('fails')) throw new Error('gateway down');
        sent.push(outgoing);
      },
      async settle({ tx, job, now, outgoing }) {
        await recordEvent(tx, { subjectKind: 'job', subjectId: job.id, kind: 'test.ran', at: now, data: { outgoing } });
      },
    };
    registry.register('test.send', kind);
    const ok = await enqueue({ kind: 'test.send', dueAt: ctx.clock.now() });
    await runner.tick();
    await runner.idle();
    expect(sent).toEqual([`hello ${ok.id}`]);
    expect(await job(ok.id)).toMatchObject({ status: 'done', attempts: 1, leaseToken: null });
    expect(await ranEvents(ok.id)).toBe(1);

    const failing = { ...kind, handler: async () => 'this one fails' };
    registry.register('test.send-fails', failing);
    const bad = await enqueue({ kind: 'test.send-fails', dueAt: ctx.clock.now() });
    await runner.tick();
    await runner.idle();
    expect(await job(bad.id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Error: gateway down' });
    expect(await ranEvents(bad.id)).toBe(0);
  });

  it('runs urgent jobs in their own lane: a slow ordinary job does not delay them', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    registry.register(
      'test.slow',
      counting({
        handler: async () => {
          started = true;
          await gate;
        },
      }),
    );
    registry.register('test.count', counting());
    await enqueue({ kind: 'test.slow', dueAt: ctx.clock.now() });
    const first = runner.tick();
    await vi.waitFor(() => expect(started).toBe(true));
    const urgent = await enqueue({ kind: 'test.count', dueAt: ctx.clock.now(), priority: URGENT_JOB_PRIORITY });
    const second = runner.tick();
    await vi.waitFor(async () => expect(await ranEvents(urgent.id)).toBe(1));
    release();
    await Promise.all([first, second]);
  });
});
