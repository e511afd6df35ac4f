// The outbox dispatcher: delivers owed messages through the surfaces, each surface call being one
// attempt. Rows are claimed one at a time under a lease (FOR UPDATE SKIP LOCKED), most urgent first,
// and a result is recorded only by the lease's holder, so replicas deliver each row once. A row whose
// lease ran out while 'sending' (its process died, or lost the database, between send and record) is
// claimed again with outcomeUnknown set, and the surface checks the platform before sending again.
// One worker serves urgent rows only, so an escalation never waits behind slow ordinary sends.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../core/deps.js';
import type { Prisma } from '../generated/prisma/client.js';
import { ERASED } from '../db/vault.js';
import { recordEvent } from '../core/events.js';
import { errorFields } from '../core/log.js';
import type { Message } from '../core/message.js';
import type { Platform } from '../core/roles.js';
import type { DeliveryResult, Surface } from '../core/surface.js';
import type { OutboxMetrics } from '../observability/metrics.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { OUTBOX_CHANNEL, URGENT } from './outbox-writer.js';
import { createPacer, defaultPacing, type Pace } from './pacing.js';
import { resolveTarget, type OutboxRow } from './targets.js';
import { listen, Waker, type Listener } from './wake.js';

export interface DispatcherOptions {
  /** The surfaces of this process; rows of other platforms are left to replicas that run them. */
  surfaces: () => Surface[];
  /** Listen for NOTIFY on this database (normally the app's); without it only wake() and polls wake. */
  listenUrl?: string;
  concurrency?: number;
  leaseMs?: number;
  /** A surface call taking longer counts as a transient failure whose outcome is unknown. */
  deliverTimeoutMs?: number;
  /** Transient failures before a message is marked failed. */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  pacing?: Partial<Record<Platform, Pace>>;
  metrics?: OutboxMetrics;
  random?: () => number;
}

export interface Dispatcher {
  start(): void;
  /** Claim now (the ticker's poll). */
  wake(): void;
  /** A row was just written in this process: claim now and once more after its commit. */
  nudge(): void;
  /** Delivers everything claimable now and returns how many rows were handled (tests, tools). */
  drain(): Promise<number>;
  listening(): boolean;
  stop(): Promise<void>;
}

export const outboxBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 10 * 60_000, factor: 2 };

type Lane = 'any' | 'urgent';

export function createDispatcher(deps: Deps, options: DispatcherOptions): Dispatcher {
  const { db, clock, log, vault } = deps;
  const leaseMs = options.leaseMs ?? 60_000;
  const deliverTimeoutMs = options.deliverTimeoutMs ?? Math.floor(leaseMs / 3);
  const maxAttempts = options.maxAttempts ?? 20;
  const backoff = options.backoff ?? outboxBackoff;
  const pacer = createPacer(options.pacing ?? defaultPacing);
  const waker = new Waker();
  const workers: Promise<void>[] = [];
  let listener: Listener | undefined;
  let stopped = false;
  let databaseFailing = false;
  let nudge: NodeJS.Timeout | undefined;

  const surfaceFor = (platform: Platform) => options.surfaces().find((s) => s.platform === platform);

  async function claim(lane: Lane): Promise<OutboxRow | undefined> {
    const platforms = [...new Set(options.surfaces().map((s) => s.platform))];
    if (!platforms.length) return undefined;
    const now = clock.now();
    const minPriority = lane === 'urgent' ? URGENT : -2_147_483_648;
    const rows = await db.$queryRaw<OutboxRow[]>`
      WITH picked AS (
        SELECT "id", "status" AS was FROM "OutboxMessage"
        WHERE "platform" = ANY(${platforms}::text[]::"Platform"[]) AND "priority" >= ${minPriority}
          AND (("status" = 'pending' AND "nextAttemptAt" <= ${now}) OR ("status" = 'sending' AND "leaseUntil" <= ${now}))
        ORDER BY "priority" DESC, "nextAttemptAt", "seq"
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "OutboxMessage" AS o
      SET "status" = 'sending', "leaseUntil" = ${new Date(now.getTime() + leaseMs)}, "leaseToken" = ${randomUUID()}::uuid,
          "attempts" = o."attempts" + 1, "outcomeUnknown" = o."outcomeUnknown" OR picked.was = 'sending'
      FROM picked WHERE o."id" = picked."id"
      RETURNING o."id", o."seq", o."createdAt", o."platform"::text AS "platform", o."kind"::text AS "kind", o."recipientMemberId", o."channel",
                o."originalId", o."logicalKey", o."messageEnc", o."priority", o."attempts", o."outcomeUnknown", o."leaseToken",
                -- A direct message's recipient on this platform, in the same round trip.
                (SELECT i."platformUserId" FROM "MemberIdentity" i WHERE i."memberId" = o."recipientMemberId" AND i."platform" = o."platform") AS "platformUserId",
                (SELECT m."status" = 'left' FROM "Member" m WHERE m."id" = o."recipientMemberId") AS "memberLeft"`;
    return rows[0];
  }

  /** Applies `data` only while this claim still holds the row; false when the lease was lost. */
  async function settle(row: OutboxRow, data: Prisma.OutboxMessageUpdateManyMutationInput): Promise<boolean> {
    const { count } = await db.outboxMessage.updateMany({
      where: { id: row.id, leaseToken: row.leaseToken, status: 'sending' },
      data: { leaseUntil: null, leaseToken: null, ...data },
    });
    if (!count) log.warn({ outboxId: row.id }, 'outbox lease lost before the result was recorded');
    return count > 0;
  }

  /** Back to pending without counting an attempt (pacing, an update waiting for its original). */
  const release = (row: OutboxRow, at: number) =>
    settle(row, { status: 'pending', nextAttemptAt: new Date(at), attempts: row.attempts - 1 });

  async function fail(row: OutboxRow, code: string): Promise<void> {
    const now = clock.now();
    await db.$transaction(async (tx) => {
      // Siblings (the same message on the member's other platforms) are locked in one order so that
      // of two failing together, the second sees the first and sends the coordinators' note.
      const siblings =
        row.kind === 'send' && row.recipientMemberId && row.logicalKey
          ? await tx.$queryRaw<{ id: string; status: string }[]>`
            SELECT "id", "status"::text AS status FROM "OutboxMessage"
            WHERE "logicalKey" = ${row.logicalKey} AND "recipientMemberId" = ${row.recipientMemberId}::uuid AND "kind" = 'send'
            ORDER BY "id" FOR UPDATE`
          : undefined;
      const { count } = await tx.outboxMessage.updateMany({
        where: { id: row.id, leaseToken: row.leaseToken, status: 'sending' },
        data: { status: 'failed', lastError: code, leaseUntil: null, leaseToken: null },
      });
      if (!count) return;
      await recordEvent(tx, {
        subjectKind: 'outbox',
        subjectId: row.id,
        kind: 'outbox.failed',
        at: now,
        data: { platform: row.platform, code, attempts: row.attempts },
      });
      const reachable = siblings?.some((s) => s.id !== row.id && ['pending', 'sending', 'sent'].includes(s.status));
      if (siblings && !reachable) {
        const member = await tx.member.findUnique({
          where: { id: row.recipientMemberId! },
          select: { displayName: true },
        });
        await deps.outbox.enqueue(tx, {
          to: 'channel',
          channel: 'coordinators',
          message: {
            title: 'A member could not be reached',
            text: `A direct message to ${member?.displayName ?? 'a member'} could not be delivered on any platform they use. Please reach them another way.`,
            tone: row.priority >= URGENT ? 'urgent' : 'warning',
          },
          urgent: row.priority >= URGENT,
        });
      }
    });
    options.metrics?.failed(row.platform);
    log.warn({ outboxId: row.id, platform: row.platform, code, attempts: row.attempts }, 'owed message failed');
  }

  async function record(
    row: OutboxRow,
    result: DeliveryResult,
    pacingTarget: string,
    channelId: string | undefined,
  ): Promise<void> {
    const now = clock.now();
    options.metrics?.attempted(row.platform, result.status);
    switch (result.status) {
      case 'ok':
        if (
          await settle(row, {
            status: 'sent',
            sentAt: now,
            lastError: null,
            platformMessageId: result.platformMessageId,
            platformChannelId: result.platformChannelId ?? channelId ?? null,
          })
        ) {
          options.metrics?.delivered(row.platform, now.getTime() - row.createdAt.getTime());
        }
        return;
      case 'rate_limited':
        // A 429 is the platform pacing us, not a failed attempt.
        pacer.block(row.platform, pacingTarget, now.getTime(), result.retryAfterMs);
        await settle(row, {
          status: 'pending',
          nextAttemptAt: new Date(now.getTime() + result.retryAfterMs),
          attempts: row.attempts - 1,
          lastError: 'rate_limited',
        });
        return;
      case 'transient':
        if (row.attempts >= maxAttempts) return fail(row, `attempts_exhausted: ${result.error}`.slice(0, 300));
        // A request that failed in flight may still have reached the platform.
        await settle(row, {
          status: 'pending',
          nextAttemptAt: new Date(now.getTime() + backoffDelay(row.attempts, backoff, options.random)),
          lastError: result.error.slice(0, 300),
          outcomeUnknown: true,
        });
        return;
      case 'permanent':
        return fail(row, (result.code ? `${result.code}: ${result.error}` : result.error).slice(0, 300));
    }
  }

  async function deliverOnce(surface: Surface, delivery: Parameters<Surface['deliver']>[0]): Promise<DeliveryResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<DeliveryResult>(
      (resolve) =>
        (timer = setTimeout(() => resolve({ status: 'transient', error: 'surface_timeout' }), deliverTimeoutMs)),
    );
    try {
      return await Promise.race([
        surface.deliver(delivery).catch(
          (error: unknown): DeliveryResult => ({
            status: 'transient',
            error: `surface_threw: ${(error as Error).name}`,
          }),
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function handle(row: OutboxRow): Promise<void> {
    const surface = surfaceFor(row.platform);
    if (!surface) return void (await release(row, clock.now().getTime()));
    const resolution = await resolveTarget(deps, row);
    if (!resolution.go) {
      if ('defer' in resolution) return void (await release(row, clock.now().getTime() + 1_000));
      if ('cancel' in resolution)
        return void (await settle(row, { status: 'cancelled', lastError: resolution.cancel }));
      return fail(row, resolution.fail);
    }
    const pacingTarget =
      resolution.target.kind === 'dm' ? `dm:${resolution.target.platformUserId}` : resolution.target.channelId;
    const now = clock.now().getTime();
    // Urgent messages are not held back by our own pacing (the platform's 429 still applies).
    const readyAt = pacer.readyAt(row.platform, pacingTarget, now);
    if (readyAt > now && row.priority < URGENT) return void (await release(row, readyAt));
    let message: Message;
    try {
      const text = await vault.openLayers(db, row.messageEnc, {
        table: 'OutboxMessage',
        column: 'messageEnc',
        rowId: row.id,
      });
      // Its subject was erased before it went out: there is nothing left to say.
      if (text === ERASED) return void (await settle(row, { status: 'cancelled', lastError: 'erased' }));
      message = JSON.parse(text) as Message;
    } catch {
      return fail(row, 'unreadable');
    }
    pacer.take(row.platform, pacingTarget, now);
    const result = await deliverOnce(surface, {
      outboxId: row.id,
      target: resolution.target,
      message,
      update: resolution.update,
      outcomeUnknown: row.outcomeUnknown || undefined,
    });
    await record(
      row,
      result,
      pacingTarget,
      resolution.target.kind === 'channel' ? resolution.target.channelId : undefined,
    );
  }

  /** Claims and handles rows until none is claimable now; returns how many were handled. */
  async function runUntilEmpty(lane: Lane): Promise<number> {
    let handled = 0;
    while (!stopped) {
      let row: OutboxRow | undefined;
      try {
        row = await claim(lane);
        if (databaseFailing) log.info({}, 'outbox dispatcher reaches the database again');
        databaseFailing = false;
      } catch (error) {
        if (!databaseFailing) log.error({ err: errorFields(error) }, 'outbox dispatcher cannot reach the database');
        databaseFailing = true;
        return handled;
      }
      if (!row) return handled;
      handled += 1;
      try {
        await handle(row);
      } catch (error) {
        // Most likely the database went away mid-way: the lease runs out and the row is claimed again.
        log.error({ outboxId: row.id, err: errorFields(error) }, 'owed message not settled');
      }
    }
    return handled;
  }

  async function work(lane: Lane): Promise<void> {
    while (!stopped) {
      const generation = waker.generation;
      await runUntilEmpty(lane);
      if (!stopped && waker.generation === generation) await waker.wait();
    }
  }

  return {
    start() {
      if (workers.length) return;
      if (options.listenUrl) listener = listen(options.listenUrl, { [OUTBOX_CHANNEL]: () => waker.wake() }, log);
      workers.push(work('urgent'));
      for (let i = 0; i < (options.concurrency ?? 4); i++) workers.push(work('any'));
    },
    wake: () => waker.wake(),
    nudge() {
      waker.wake();
      // The writer nudges before its transaction commits; look once more shortly after.
      nudge ??= setTimeout(() => {
        nudge = undefined;
        waker.wake();
      }, 50);
    },
    async drain() {
      const counts = await Promise.all(Array.from({ length: options.concurrency ?? 4 }, () => runUntilEmpty('any')));
      return counts.reduce((a, b) => a + b, 0);
    },
    listening: () => listener?.connected() ?? false,
    async stop() {
      stopped = true;
      if (nudge) clearTimeout(nudge);
      waker.wake();
      await Promise.all(workers);
      await listener?.stop();
    },
  };
}
