// Surface.deliver on Discord against the fake REST API: direct messages, channel posts and edits,
// one attempt per call, each failure reported the way the outbox needs it, and a message's picture
// sent as an attachment of the same request.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery, Surface } from '../../../src/core/surface.js';
import { startDiscordBot, type DiscordBot } from '../../helpers/discord-bot.js';
import { discordUser } from '../../helpers/discord-payloads.js';

let bot: DiscordBot;
let surface: Surface;
const CHANNEL = '400000000000000004';
const messagesPath = /^\/api\/v10\/channels\/\d+\/messages$/;

beforeAll(async () => {
  bot = await startDiscordBot();
  surface = bot.app.surfaces.find((s) => s.platform === 'discord')!;
});

afterAll(() => bot?.close());

const dm = (userId: string, extra: Partial<Delivery> = {}): Delivery => ({
  outboxId: randomUUID(),
  target: { kind: 'dm', platformUserId: userId },
  message: {
    title: 'Supervision offered',
    text: 'A peer supervisor can meet you this week.',
    fields: [{ label: 'When', value: 'Thursday 18:00' }],
    buttons: [{ actionId: 'supervision.accept', label: 'Accept', value: 'sv-1', style: 'primary' }],
  },
  ...extra,
});

/** Runs one delivery and counts the requests it made to post messages. */
async function attempt(delivery: Delivery) {
  const before = bot.fake.requests.filter((r) => messagesPath.test(r.path)).length;
  const result = await surface.deliver(delivery);
  return { result, posts: bot.fake.requests.filter((r) => messagesPath.test(r.path)).length - before };
}

describe('Discord delivery', () => {
  it('sends a direct message with a nonce from the outbox id, and a resend returns the same message', async () => {
    const member = discordUser('pat');
    const delivery = dm(member.id);
    const { result, posts } = await attempt(delivery);
    expect(posts).toBe(1);
    expect(result).toMatchObject({ status: 'ok', platformChannelId: bot.fake.dmChannelId(member.id) });
    const sent = bot.fake.requests.filter((r) => messagesPath.test(r.path)).at(-1)!;
    expect(sent.authorization).toBe('Bot test-token');
    expect(sent.body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(sent.body.nonce.length).toBeLessThanOrEqual(25);
    expect(sent.body.content).toContain('**Supervision offered**');
    expect(sent.body.embeds[0].fields).toEqual([{ name: 'When', value: 'Thursday 18:00' }]);
    expect(sent.body.components[0].components[0]).toMatchObject({
      custom_id: 'a:supervision.accept:sv-1',
      label: 'Accept',
    });

    const again = await surface.deliver({ ...delivery, outcomeUnknown: true });
    expect(again).toEqual(result);
    expect(bot.fake.messages.filter((m) => m.channel_id === bot.fake.dmChannelId(member.id))).toHaveLength(1);
  });

  it('posts in a channel and edits the post in place', async () => {
    const posted = await surface.deliver({
      outboxId: randomUUID(),
      target: { kind: 'channel', channelId: CHANNEL },
      message: { text: 'Escalation ES-12 is waiting for the duty coordinator.', tone: 'urgent' },
    });
    expect(posted.status).toBe('ok');
    const { platformMessageId } = posted as Extract<typeof posted, { status: 'ok' }>;
    const edited = await surface.deliver({
      outboxId: randomUUID(),
      target: { kind: 'channel', channelId: CHANNEL },
      message: { text: 'Escalation ES-12 was acknowledged.', tone: 'success' },
      update: { platformMessageId, platformChannelId: CHANNEL },
    });
    expect(edited).toEqual({ status: 'ok', platformMessageId, platformChannelId: CHANNEL });
    const message = bot.fake.messages.find((m) => m.id === platformMessageId)!;
    expect(message).toMatchObject({ content: 'Escalation ES-12 was acknowledged.', edits: 1 });
  });

  it('reports a rate limit with its retry-after, after one attempt', async () => {
    bot.fake.failNext({
      method: 'POST',
      path: messagesPath,
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 3, global: false },
      headers: { 'retry-after': '3' },
    });
    const { result, posts } = await attempt(dm(discordUser('quinn').id));
    expect(posts).toBe(1);
    expect(result.status).toBe('rate_limited');
    expect((result as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(3000);
  });

  it('reports a server error or a dropped connection as transient, after one attempt', async () => {
    bot.fake.failNext({
      method: 'POST',
      path: messagesPath,
      status: 500,
      body: { message: 'Internal Server Error', code: 0 },
    });
    const failed = await attempt(dm(discordUser('rory').id));
    expect(failed).toMatchObject({ posts: 1, result: { status: 'transient' } });
    bot.fake.failNext({ method: 'POST', path: messagesPath, drop: true });
    const dropped = await attempt({
      outboxId: randomUUID(),
      target: { kind: 'channel', channelId: CHANNEL },
      message: { text: 'Weekly digest is ready.' },
    });
    expect(dropped).toMatchObject({ posts: 1, result: { status: 'transient' } });
  });

  it('reports a refused direct message (50007) and other refusals as permanent, with the code', async () => {
    const closed = discordUser('sky');
    bot.fake.failNext({
      method: 'POST',
      path: new RegExp(`/channels/${bot.fake.dmChannelId(closed.id)}/messages$`),
      status: 403,
      body: { message: 'Cannot send messages to this user', code: 50007 },
    });
    expect(await surface.deliver(dm(closed.id))).toMatchObject({ status: 'permanent', code: '50007' });
    bot.fake.failNext({
      method: 'POST',
      path: messagesPath,
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    });
    expect(
      await surface.deliver({
        outboxId: randomUUID(),
        target: { kind: 'channel', channelId: CHANNEL },
        message: { text: 'Hello' },
      }),
    ).toMatchObject({ status: 'permanent', code: '50013' });
    const gone = await surface.deliver({
      outboxId: randomUUID(),
      target: { kind: 'channel', channelId: CHANNEL },
      message: { text: 'Edited' },
      update: { platformMessageId: '499999999999999999', platformChannelId: CHANNEL },
    });
    expect(gone).toMatchObject({ status: 'permanent', code: '10008' });
  });

  describe('a message with a picture', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 4, 5, 6]);
    const chart = (outboxId = randomUUID()): Delivery => ({
      outboxId,
      target: { kind: 'channel', channelId: CHANNEL },
      message: {
        title: 'Weekly digest',
        text: 'Three learnings this week.',
        image: { png: png.toString('base64'), alt: 'Debriefs per week, rising' },
      },
    });

    it('posts it as multipart with the PNG attached, keeping the nonce, and a resend returns the same message', async () => {
      const delivery = chart();
      const { result, posts } = await attempt(delivery);
      expect(posts).toBe(1);
      expect(result).toMatchObject({ status: 'ok', platformChannelId: CHANNEL });
      const sent = bot.fake.requests.filter((r) => messagesPath.test(r.path)).at(-1)!;
      expect(sent.body).toMatchObject({
        content: '**Weekly digest**\nThree learnings this week.',
        enforce_nonce: true,
        attachments: [{ id: 0, filename: 'digest.png', description: 'Debriefs per week, rising' }],
      });
      expect(sent.files).toEqual([{ field: 'files[0]', filename: 'digest.png', contentType: 'image/png', data: png }]);
      const { platformMessageId } = result as Extract<typeof result, { status: 'ok' }>;
      expect(bot.fake.messages.find((m) => m.id === platformMessageId)!.attachments).toMatchObject([
        { filename: 'digest.png', size: png.length, content_type: 'image/png' },
      ]);

      const again = await attempt({ ...delivery, outcomeUnknown: true });
      expect(again.result).toEqual(result);
      expect(bot.fake.messages.filter((m) => m.id === platformMessageId)).toHaveLength(1);
    });

    it('sends a message without one as plain JSON, with no files', async () => {
      await attempt({
        outboxId: randomUUID(),
        target: { kind: 'channel', channelId: CHANNEL },
        message: { text: 'No chart this week.' },
      });
      const sent = bot.fake.requests.filter((r) => messagesPath.test(r.path)).at(-1)!;
      expect(sent.files).toBeUndefined();
      expect(sent.body.attachments).toBeUndefined();
    });

    it('reports a refused attachment with the message, after one attempt', async () => {
      bot.fake.failNext({
        method: 'POST',
        path: messagesPath,
        status: 403,
        body: { message: 'Missing Permissions', code: 50013 },
      });
      expect(await attempt(chart())).toMatchObject({ posts: 1, result: { status: 'permanent', code: '50013' } });
    });
  });
});
