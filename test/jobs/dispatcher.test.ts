// The outbox dispatcher against the real database, with recording surfaces standing in for Slack
// and Discord: targets, retries, rate limits, pacing, fallbacks, updates in place, priorities,
// leases that run out, and waking on commit.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/message.js';
import type { Platform } from '../../src/core/roles.js';
import { createDb } from '../../src/db/client.js';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from '../../src/jobs/dispatcher.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';
import { createRecordingSurface, type RecordingSurface } from '../helpers/recording-surface.js';

let ctx: TestContext;
let slack: RecordingSurface;
let discord: RecordingSurface;

beforeAll(async () => {
  ctx = await createTestContext({
    channelPlatforms: ['slack', 'discord'],
    config: {
      SLACK_COORDINATORS_CHANNEL: 'C-COORD',
      DISCORD_COORDINATORS_CHANNEL: '900',
      SLACK_LEARNING_CHANNEL: 'C-LEARN',
    },
  });
});
afterAll(() => ctx.close());
beforeEach(async () => {
  await ctx.deps.db.outboxMessage.deleteMany();
  slack = createRecordingSurface('slack');
  discord = createRecordingSurface('discord');
});

const dispatcher = (options: Partial<DispatcherOptions> = {}): Dispatcher =>
  createDispatcher(ctx.deps, { surfaces: () => [slack, discord], random: () => 0.5, concurrency: 2, ...options });
// Setup, not what is measured: 150 messages in one transaction can take more than Prisma's default
// 5 s on a loaded two-core CI machine.
const owe = (...replies: Extract<Reply, { to: 'member' | 'channel' | 'update' }>[]) =>
  ctx.deps.db.$transaction(
    async (tx) => {
      for (const reply of replies) await ctx.deps.outbox.enqueue(tx, reply);
    },
    { timeout: 60_000 },
  );
const rows = () => ctx.deps.db.outboxMessage.findMany({ orderBy: { seq: 'asc' } });
const openText = (row: { id: string; messageEnc: string }) =>
  ctx.deps.cipher.open(row.messageEnc, { table: 'OutboxMessage', column: 'messageEnc', rowId: row.id });

async function member(accounts: Partial<Record<Platform, string>>, displayName = 'Sam'): Promise<string> {
  const id = randomUUID();
  await ctx.deps.db.member.create({
    data: {
      id,
      displayName,
      roles: ['mentor'],
      identities: {
        create: Object.entries(accounts).map(([platform, platformUserId]) => ({
          id: randomUUID(),
          platform: platform as Platform,
          platformUserId,
        })),
      },
    },
  });
  return id;
}

describe('delivering owed messages', () => {
  it('sends a direct message to the member on each platform and a channel post to the configured channel, recording the platform ids', async () => {
    const sam = await member({ slack: `U${randomUUID().slice(0, 6)}`, discord: '4242' });
    await owe(
      { to: 'member', memberId: sam, message: { text: 'Your supervision is confirmed.' } },
      { to: 'channel', channel: 'coordinators', message: { text: 'Rota published.' } },
    );
    expect(await dispatcher().drain()).toBe(4);
    expect(slack.calls.map((c) => c.target.kind).sort()).toEqual(['channel', 'dm']);
    expect(discord.calls.find((c) => c.target.kind === 'channel')?.target).toEqual({
      kind: 'channel',
      channelId: '900',
    });
    expect(discord.calls.find((c) => c.target.kind === 'dm')?.target).toEqual({ kind: 'dm', platformUserId: '4242' });
    for (const row of await rows()) {
      expect(row).toMatchObject({ status: 'sent', attempts: 1, leaseToken: null });
      expect(row.platformMessageId).toBeTruthy();
      expect(row.platformChannelId).toBeTruthy();
    }
  });

  it('uses the channel set in the network settings over the environment default', async () => {
    await ctx.deps.db.setting.upsert({
      where: { key: 'network' },
      create: { key: 'network', value: { channels: { 'coordinators.slack': 'C-NEW' } } },
      update: { value: { channels: { 'coordinators.slack': 'C-NEW' } } },
    });
    await owe({ to: 'channel', channel: 'coordinators', message: { text: 'hello' } });
    await dispatcher().drain();
    expect(slack.calls[0]?.target).toEqual({ kind: 'channel', channelId: 'C-NEW' });
    await ctx.deps.db.setting.delete({ where: { key: 'network' } });
  });

  it('marks a post to a channel with no configured id failed', async () => {
    await owe({ to: 'channel', channel: 'learning', message: { text: 'A new digest is out.' } });
    await dispatcher().drain();
    const byPlatform = Object.fromEntries((await rows()).map((r) => [r.platform, r]));
    expect(byPlatform.slack).toMatchObject({ status: 'sent' });
    expect(byPlatform.discord).toMatchObject({ status: 'failed', lastError: 'channel_not_configured' });
  });
});

describe('retries and rate limits', () => {
  it('retries a transient failure after its backoff, then succeeds, and the retry carries outcomeUnknown', async () => {
    const sam = await member({ slack: `U${randomUUID().slice(0, 6)}` });
    await owe({ to: 'member', memberId: sam, message: { text: 'Check-in time.' } });
    slack.answer({ status: 'transient', error: 'socket hang up' });
    const d = dispatcher();
    await d.drain();
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'socket hang up', outcomeUnknown: true });
    expect(row!.nextAttemptAt.getTime() - ctx.clock.now().getTime()).toBe(750);
    expect(await d.drain()).toBe(0);
    ctx.clock.advance(750);
    await d.drain();
    expect(slack.calls.map((c) => c.outcomeUnknown ?? false)).toEqual([false, true]);
    expect(slack.postsOf(row!.id)).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('does not post twice when the failed attempt had in fact reached the platform', async () => {
    const sam = await member({ slack: `U${randomUUID().slice(0, 6)}` });
    await owe({ to: 'member', memberId: sam, message: { text: 'Check-in time.' } });
    // Posted, but the answer was lost on the way back.
    slack.answer(async (delivery) => {
      slack.posted.push({
        outboxId: delivery.outboxId,
        platform: 'slack',
        target: delivery.target,
        message: delivery.message,
        platformMessageId: 'slack-lost',
        at: Date.now(),
      });
      return { status: 'transient', error: 'ETIMEDOUT' };
    });
    const d = dispatcher();
    await d.drain();
    ctx.clock.advance(60_000);
    await d.drain();
    const [row] = await rows();
    expect(slack.postsOf(row!.id)).toBe(1);
    expect(row).toMatchObject({ status: 'sent', platformMessageId: 'slack-lost' });
  });

  it('honours Retry-After from a 429 without counting it as a failed attempt, and holds the channel', async () => {
    await owe({ to: 'channel', channel: 'coordinators', message: { text: 'one' } });
    slack.answer({ status: 'rate_limited', retryAfterMs: 30_000 });
    const d = dispatcher({ surfaces: () => [slack] });
    await d.drain();
    const [first] = await rows();
    expect(first).toMatchObject({ status: 'pending', attempts: 0, lastError: 'rate_limited' });
    expect(first!.nextAttemptAt.getTime() - ctx.clock.now().getTime()).toBe(30_000);
    await owe({ to: 'channel', channel: 'coordinators', message: { text: 'two' } });
    ctx.clock.advance(29_000);
    await d.drain();
    expect(slack.posted).toHaveLength(0);
    ctx.clock.advance(1_000);
    await d.drain();
    expect(slack.posted.map((p) => p.message.text).sort()).toEqual(['one', 'two']);
  });

  it('paces ordinary posts to one channel (a burst, then one a second) but never holds an urgent one', async () => {
    const d = dispatcher({ surfaces: () => [slack], pacing: { slack: { burst: 2, everyMs: 1_000 } } });
    await owe(
      ...['a', 'b', 'c', 'd'].map((text) => ({
        to: 'channel' as const,
        channel: 'coordinators' as const,
        message: { text },
      })),
    );
    await d.drain();
    expect(slack.posted).toHaveLength(2);
    await owe({ to: 'channel', channel: 'coordinators', message: { text: 'urgent', tone: 'urgent' }, urgent: true });
    await d.drain();
    expect(slack.posted.map((p) => p.message.text)).toContain('urgent');
    // The urgent post spent the channel's budget too (the platform counts it): c and d follow it
    // one a second once the budget has refilled.
    const counts: number[] = [];
    for (let second = 0; second < 4; second++) {
      ctx.clock.advance(1_000);
      await d.drain();
      counts.push(slack.posted.length);
    }
    expect(counts).toEqual([3, 4, 5, 5]);
    expect(slack.posted.map((p) => p.message.text).sort()).toEqual(['a', 'b', 'c', 'd', 'urgent']);
    expect((await rows()).filter((r) => r.platform === 'slack').every((r) => r.status === 'sent')).toBe(true);
  });

  it('gives up after the last transient attempt', async () => {
    await owe({ to: 'channel', channel: 'coordinators', message: { text: 'x' } });
    slack.answer({ status: 'transient', error: 'e1' }, { status: 'transient', error: 'e2' });
    const d = dispatcher({ surfaces: () => [slack], maxAttempts: 2 });
    await d.drain();
    ctx.clock.advance(60_000);
    await d.drain();
    expect((await rows())[0]).toMatchObject({ status: 'failed', lastError: 'attempts_exhausted: e2', attempts: 2 });
    expect(await ctx.deps.db.event.count({ where: { kind: 'outbox.failed' } })).toBeGreaterThan(0);
  });
});

describe('fallbacks', () => {
  it('tells the coordinators, without the content, when a refused Discord DM leaves a member unreached', async () => {
    const kim = await member({ discord: '777' }, 'Kim');
    await owe({
      to: 'member',
      memberId: kim,
      message: { text: 'Your welfare follow-up: how are you sleeping?', tone: 'urgent' },
      urgent: true,
    });
    discord.answer({ status: 'permanent', code: '50007', error: 'Cannot send messages to this user' });
    const d = dispatcher();
    await d.drain();
    const all = await rows();
    expect(all[0]).toMatchObject({ status: 'failed', lastError: '50007: Cannot send messages to this user' });
    const notes = all.filter((r) => r.channel === 'coordinators');
    expect(notes.map((n) => n.platform).sort()).toEqual(['discord', 'slack']);
    expect(notes.every((n) => n.priority === 10)).toBe(true);
    for (const note of notes) {
      const text = openText(note);
      expect(text).toContain('Kim');
      expect(text).not.toContain('sleeping');
    }
    await d.drain();
    expect(slack.posted.map((p) => p.target)).toEqual([{ kind: 'channel', channelId: 'C-COORD' }]);
  });

  it('sends no note when the member is reached on their other platform', async () => {
    const lee = await member({ discord: '778', slack: `U${randomUUID().slice(0, 6)}` }, 'Lee');
    await owe({ to: 'member', memberId: lee, message: { text: 'hello' } });
    discord.answer({ status: 'permanent', code: '50007', error: 'refused' });
    await dispatcher().drain();
    const all = await rows();
    expect(all.filter((r) => r.channel === 'coordinators')).toHaveLength(0);
    expect(all.map((r) => `${r.platform}:${r.status}`).sort()).toEqual(['discord:failed', 'slack:sent']);
  });

  it('sends one note when both platforms refuse at the same moment', async () => {
    const ash = await member({ discord: '779', slack: `U${randomUUID().slice(0, 6)}` }, 'Ash');
    await owe({ to: 'member', memberId: ash, message: { text: 'hello' } });
    discord.answer({ status: 'permanent', error: 'refused' });
    slack.answer({ status: 'permanent', error: 'cannot_dm_bot' });
    await dispatcher().drain();
    expect((await rows()).filter((r) => r.channel === 'coordinators')).toHaveLength(2);
  });
});

describe('updates in place', () => {
  it('edits the message the original send posted, on each platform', async () => {
    await owe({
      to: 'channel',
      channel: 'coordinators',
      key: 'escalation:1:alert',
      message: { text: 'P1 escalation: awaiting acknowledgement' },
    });
    const d = dispatcher();
    await d.drain();
    await owe({ to: 'update', key: 'escalation:1:alert', message: { text: 'P1 escalation: acknowledged by Jo' } });
    await d.drain();
    const originals = (await rows()).filter((r) => r.kind === 'send');
    for (const surface of [slack, discord]) {
      const [post, edit] = surface.calls;
      expect(edit?.update?.platformMessageId).toBe(
        surface.posted.find((p) => p.outboxId === post!.outboxId)!.platformMessageId,
      );
      expect(edit?.target).toEqual(post?.target);
    }
    expect(originals).toHaveLength(2);
    expect((await rows()).filter((r) => r.kind === 'update').every((r) => r.status === 'sent')).toBe(true);
  });

  it('waits for the original, and lets a later update supersede an earlier one', async () => {
    const d = dispatcher({ surfaces: () => [slack] });
    slack.answer({ status: 'transient', error: 'down' });
    await owe({ to: 'channel', channel: 'coordinators', key: 'k2', message: { text: 'v1' } });
    await d.drain(); // the original failed once and waits for its retry
    await owe(
      { to: 'update', key: 'k2', message: { text: 'v2' } },
      { to: 'update', key: 'k2', message: { text: 'v3' } },
    );
    await d.drain();
    expect(slack.posted).toHaveLength(0);
    ctx.clock.advance(1_000);
    await d.drain();
    ctx.clock.advance(1_000);
    await d.drain();
    expect(slack.posted.map((p) => [p.message.text, p.edited ? 'edit' : 'post'])).toEqual([
      ['v1', 'post'],
      ['v3', 'edit'],
    ]);
    const updates = (await rows()).filter((r) => r.kind === 'update' && r.platform === 'slack');
    expect(updates.map((u) => `${u.status}:${u.lastError ?? ''}`)).toEqual(['cancelled:superseded', 'sent:']);
  });
});

describe('messages that should no longer go', () => {
  it('drops an update whose original never reached anyone, and a message to a member who has left', async () => {
    const d = dispatcher({ surfaces: () => [slack], concurrency: 1 });
    slack.answer({ status: 'permanent', error: 'channel_not_found' });
    await owe(
      { to: 'channel', channel: 'coordinators', key: 'k3', message: { text: 'v1' } },
      { to: 'update', key: 'k3', message: { text: 'v2' } },
    );
    const gone = await member({ slack: `U${randomUUID().slice(0, 6)}` });
    await owe({ to: 'member', memberId: gone, message: { text: 'hello' } });
    await ctx.deps.db.member.update({ where: { id: gone }, data: { status: 'left' } });
    await d.drain();
    expect(slack.posted).toHaveLength(0);
    const slackRows = (await rows()).filter((r) => r.platform === 'slack');
    expect(slackRows.map((r) => `${r.kind}:${r.status}:${r.lastError}`)).toEqual([
      'send:failed:channel_not_found',
      'update:cancelled:original_not_delivered',
      'send:cancelled:member_left',
    ]);
  });
});

describe('order and crash safety', () => {
  it("takes a message's priority from its reply's urgent flag, never from its tone", async () => {
    await owe(
      { to: 'channel', channel: 'coordinators', message: { text: 'looks urgent', tone: 'urgent' } },
      { to: 'channel', channel: 'coordinators', message: { text: 'is urgent' }, urgent: true },
    );
    const priorities = (await rows()).map((r) => [(JSON.parse(openText(r)) as { text: string }).text, r.priority]);
    expect(priorities.length).toBeGreaterThanOrEqual(2);
    for (const [text, priority] of priorities) expect(priority, String(text)).toBe(text === 'is urgent' ? 10 : 0);
    expect(new Set(priorities.map(([text]) => text))).toEqual(new Set(['looks urgent', 'is urgent']));
  });

  it('delivers urgent messages before ordinary ones already queued', async () => {
    await owe(
      ...Array.from({ length: 5 }, (_, i) => ({
        to: 'channel' as const,
        channel: 'coordinators' as const,
        message: { text: `ordinary ${i}` },
      })),
    );
    await owe({ to: 'channel', channel: 'coordinators', message: { text: 'URGENT', tone: 'urgent' }, urgent: true });
    await dispatcher({ surfaces: () => [slack], concurrency: 1, pacing: {} }).drain();
    expect(slack.calls[0]?.message.text).toBe('URGENT');
  });

  it('re-delivers a row whose sender died between send and record, checking the platform first', async () => {
    await owe({ to: 'channel', channel: 'coordinators', message: { text: 'once' } });
    const [row] = await rows();
    // As a process killed after the platform accepted the post and before the row was updated.
    slack.posted.push({
      outboxId: row!.id,
      platform: 'slack',
      target: { kind: 'channel', channelId: 'C-COORD' },
      message: { text: 'once' },
      platformMessageId: 'slack-early',
      at: Date.now(),
    });
    await ctx.deps.db.outboxMessage.update({
      where: { id: row!.id },
      data: {
        status: 'sending',
        attempts: 1,
        leaseToken: randomUUID(),
        leaseUntil: new Date(ctx.clock.now().getTime() + 60_000),
      },
    });
    const d = dispatcher({ surfaces: () => [slack], leaseMs: 60_000 });
    expect(await d.drain()).toBe(0);
    ctx.clock.advance(60_000);
    await d.drain();
    expect(slack.calls[0]?.outcomeUnknown).toBe(true);
    expect(slack.postsOf(row!.id)).toBe(1);
    expect((await ctx.deps.db.outboxMessage.findUniqueOrThrow({ where: { id: row!.id } })).platformMessageId).toBe(
      'slack-early',
    );
  });

  it('delivers each message once with two dispatchers on their own connections', async () => {
    const other = createDb(ctx.database.url);
    try {
      await owe(
        ...Array.from({ length: 150 }, (_, i) => ({
          to: 'channel' as const,
          channel: 'coordinators' as const,
          message: { text: `m${i}` },
        })),
      );
      const a = dispatcher({ surfaces: () => [slack], pacing: {}, concurrency: 3 });
      const b = createDispatcher({ ...ctx.deps, db: other }, { surfaces: () => [slack], pacing: {}, concurrency: 3 });
      const [na, nb] = await Promise.all([a.drain(), b.drain()]);
      expect(na + nb).toBe(150);
      expect(na).toBeGreaterThan(0);
      expect(nb).toBeGreaterThan(0);
      expect(slack.posted).toHaveLength(150);
      expect(new Set(slack.posted.map((p) => p.outboxId)).size).toBe(150);
    } finally {
      await other.$disconnect();
    }
  });

  it('is woken by the commit itself (LISTEN/NOTIFY), with no poll', async () => {
    const d = dispatcher({ listenUrl: ctx.database.url, surfaces: () => [slack] });
    d.start();
    try {
      await until(() => d.listening());
      await owe({ to: 'channel', channel: 'coordinators', message: { text: 'ping', tone: 'urgent' }, urgent: true });
      await until(() => slack.posted.length === 1);
    } finally {
      await d.stop();
    }
  });
});

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
