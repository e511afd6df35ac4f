// Surface.deliver against the fake Web API: one attempt per call, the outbox id in message
// metadata, the duplicate check after an unknown outcome, and each failure reported as the outbox
// needs it (ok, rate-limited with the wait, transient, permanent with Slack's code), and a
// message's picture uploaded after it, best-effort.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery, Surface } from '../../../src/core/surface.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { startSlackBot, type SlackBot } from '../../helpers/slack-bot.js';

let fake: FakeSlack;
let bot: SlackBot;
let slack: Surface;

beforeAll(async () => {
  fake = await startFakeSlack();
  bot = await startSlackBot(fake);
  slack = bot.app.surfaces.find((s) => s.platform === 'slack')!;
});
afterAll(async () => {
  await bot?.app.close();
  await fake?.close();
});

let n = 0;
const outboxId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const alert = {
  title: 'Escalation P2',
  text: 'A mentor asked for help with case MS-0042. <!channel> & friends',
  tone: 'urgent' as const,
  buttons: [{ actionId: 'escalation.ack', label: 'Acknowledge', value: 'esc-1' }],
};
const toChannel = (o: Partial<Delivery> = {}): Delivery => ({
  outboxId: outboxId(),
  target: { kind: 'channel', channelId: 'C0COORD' },
  message: alert,
  ...o,
});
const toMember = (o: Partial<Delivery> = {}): Delivery => ({
  outboxId: outboxId(),
  target: { kind: 'dm', platformUserId: 'U0JO' },
  message: { text: 'Your supervision is booked.' },
  ...o,
});

const attempts = (method: string, since: number) => fake.calls.slice(since).filter((c) => c.method === method);

describe('Slack delivery', () => {
  it('posts to a channel with blocks, escaped fallback text and the outbox id in metadata', async () => {
    const delivery = toChannel();
    const result = await slack.deliver(delivery);
    const [post] = fake.callsTo('chat.postMessage').slice(-1);
    expect(result).toEqual({ status: 'ok', platformMessageId: fake.messages.at(-1)!.ts, platformChannelId: 'C0COORD' });
    expect(post!.body).toMatchObject({
      channel: 'C0COORD',
      metadata: { event_type: 'msb_outbox', event_payload: { outbox_id: delivery.outboxId } },
    });
    expect(post!.body.text).toBe(
      'Escalation P2\nA mentor asked for help with case MS-0042. &lt;!channel&gt; &amp; friends',
    );
    const blocks = post!.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'actions']);
    expect(blocks[2]!.elements![0]).toMatchObject({ action_id: 'escalation.ack', value: 'esc-1' });
  });

  it('names the commands an owed message mentions as they are typed on Slack: /msn case list, and the /debrief shortcut as it is', async () => {
    await slack.deliver(
      toMember({
        message: {
          text: 'You are now the mentor for MS-0042. /case list MS-0042 shows its baseline; after each session, /debrief.',
        },
      }),
    );
    const [post] = fake.callsTo('chat.postMessage').slice(-1);
    expect(post!.body.text).toBe(
      'You are now the mentor for MS-0042. /msn case list MS-0042 shows its baseline; after each session, /debrief.',
    );
    expect(JSON.stringify(post!.body.blocks)).toContain('/msn case list MS-0042');
  });

  it('sends a direct message through conversations.open and chat.postMessage', async () => {
    const result = await slack.deliver(toMember());
    expect(fake.callsTo('conversations.open').at(-1)!.body.users).toBe('U0JO');
    expect(fake.callsTo('chat.postMessage').at(-1)!.body.channel).toBe('DU0JO');
    expect(result).toMatchObject({ status: 'ok', platformChannelId: 'DU0JO' });
  });

  it('edits an earlier message in place with chat.update', async () => {
    const first = await slack.deliver(toChannel());
    if (first.status !== 'ok') throw new Error('first post failed');
    const update = toChannel({
      message: { text: 'Acknowledged by Jo at 14:05.', tone: 'success' },
      update: { platformMessageId: first.platformMessageId, platformChannelId: 'C0COORD' },
    });
    const before = fake.calls.length;
    expect(await slack.deliver(update)).toEqual({
      status: 'ok',
      platformMessageId: first.platformMessageId,
      platformChannelId: 'C0COORD',
    });
    expect(attempts('chat.update', before)).toHaveLength(1);
    expect(attempts('chat.postMessage', before)).toHaveLength(0);
    expect(fake.messages.find((m) => m.ts === first.platformMessageId)!.text).toContain('Acknowledged by Jo');
  });

  it('after an unknown outcome, finds the message already sent instead of sending it again', async () => {
    const delivery = toChannel();
    const sent = fake.seedMessage({
      channel: 'C0COORD',
      text: 'earlier',
      metadata: { event_type: 'msb_outbox', event_payload: { outbox_id: delivery.outboxId } },
    });
    fake.seedMessage({ channel: 'C0COORD', text: 'later, unrelated' });
    const before = fake.calls.length;
    expect(await slack.deliver({ ...delivery, outcomeUnknown: true })).toEqual({
      status: 'ok',
      platformMessageId: sent.ts,
      platformChannelId: 'C0COORD',
    });
    expect(attempts('conversations.history', before)[0]!.body).toMatchObject({
      channel: 'C0COORD',
      include_all_metadata: 'true',
    });
    expect(attempts('chat.postMessage', before)).toHaveLength(0);
  });

  it('after an unknown outcome with nothing found, sends once', async () => {
    const before = fake.calls.length;
    expect(await slack.deliver(toMember({ outcomeUnknown: true }))).toMatchObject({ status: 'ok' });
    expect(attempts('conversations.history', before)[0]!.body.channel).toBe('DU0JO');
    expect(attempts('chat.postMessage', before)).toHaveLength(1);
  });

  it('sends anyway when Slack will not show the history (a missing scope), and waits when it is rate-limited', async () => {
    fake.fail('conversations.history', { error: 'missing_scope' });
    let before = fake.calls.length;
    expect(await slack.deliver(toChannel({ outcomeUnknown: true }))).toMatchObject({ status: 'ok' });
    expect(attempts('chat.postMessage', before)).toHaveLength(1);
    fake.fail('conversations.history', { status: 429, retryAfter: 3 });
    before = fake.calls.length;
    expect(await slack.deliver(toChannel({ outcomeUnknown: true }))).toEqual({
      status: 'rate_limited',
      retryAfterMs: 3000,
    });
    expect(attempts('chat.postMessage', before)).toHaveLength(0);
  });

  it('reports 429 as rate-limited with Retry-After, after exactly one attempt', async () => {
    fake.fail('chat.postMessage', { status: 429, retryAfter: 7 });
    const before = fake.calls.length;
    expect(await slack.deliver(toChannel())).toEqual({ status: 'rate_limited', retryAfterMs: 7000 });
    expect(attempts('chat.postMessage', before)).toHaveLength(1);
  });

  it('reports a 5xx, a dropped connection and a Slack internal error as transient, after one attempt', async () => {
    for (const [failure, error] of [
      [{ status: 500 }, 'http_500'],
      [{ status: 503 }, 'http_503'],
      [{ drop: true }, 'network'],
      [{ error: 'internal_error' }, 'internal_error'],
    ] as const) {
      fake.fail('chat.postMessage', failure);
      const before = fake.calls.length;
      expect(await slack.deliver(toChannel())).toEqual({ status: 'transient', error });
      expect(attempts('chat.postMessage', before)).toHaveLength(1);
    }
  });

  it('reports Slack refusals as permanent with their code', async () => {
    for (const code of ['channel_not_found', 'not_in_channel', 'is_archived', 'msg_too_long']) {
      fake.fail('chat.postMessage', { error: code });
      expect(await slack.deliver(toChannel())).toEqual({ status: 'permanent', error: code, code });
    }
    for (const code of ['user_not_found', 'account_inactive', 'cannot_dm_bot']) {
      fake.fail('conversations.open', { error: code });
      const before = fake.calls.length;
      expect(await slack.deliver(toMember())).toEqual({ status: 'permanent', error: code, code });
      expect(attempts('chat.postMessage', before)).toHaveLength(0);
    }
    fake.fail('chat.update', { error: 'message_not_found' });
    expect(
      await slack.deliver(toChannel({ update: { platformMessageId: '1.000001', platformChannelId: 'C0COORD' } })),
    ).toEqual({ status: 'permanent', error: 'message_not_found', code: 'message_not_found' });
  });

  describe('a message with a picture', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const chart = { text: 'Weekly digest', image: { png: png.toString('base64'), alt: 'Debriefs per week, rising' } };

    it('posts the message, then uploads the PNG into the same conversation', async () => {
      const before = fake.calls.length;
      const result = await slack.deliver(toChannel({ message: chart }));
      expect(result).toEqual({
        status: 'ok',
        platformMessageId: fake.messages.at(-1)!.ts,
        platformChannelId: 'C0COORD',
      });
      expect(fake.calls.slice(before).map((c) => c.method)).toEqual([
        'chat.postMessage',
        'files.getUploadURLExternal',
        'files.completeUploadExternal',
      ]);
      expect(attempts('files.getUploadURLExternal', before)[0]!.body).toMatchObject({
        filename: 'digest.png',
        length: String(png.length),
        alt_text: 'Debriefs per week, rising',
      });
      const upload = fake.uploads.at(-1)!;
      expect(upload.bytes).toEqual(png);
      expect(upload).toMatchObject({ channel: 'C0COORD', threadTs: undefined });
      expect(attempts('files.completeUploadExternal', before)[0]!.body.files).toEqual([{ id: upload.fileId }]);
    });

    it('uploads into the direct message the message went to', async () => {
      expect(await slack.deliver(toMember({ message: chart }))).toMatchObject({
        status: 'ok',
        platformChannelId: 'DU0JO',
      });
      expect(fake.uploads.at(-1)).toMatchObject({ channel: 'DU0JO', bytes: png });
    });

    it('uploads nothing for a message without one, nor for an edit', async () => {
      const before = fake.calls.length;
      const first = await slack.deliver(toChannel());
      if (first.status !== 'ok') throw new Error('first post failed');
      await slack.deliver(
        toChannel({
          message: chart,
          update: { platformMessageId: first.platformMessageId, platformChannelId: 'C0COORD' },
        }),
      );
      expect(fake.calls.slice(before).filter((c) => c.method.startsWith('files.'))).toHaveLength(0);
    });

    it('still reports the message delivered when any step of the upload fails, after one attempt each', async () => {
      for (const [method, failure] of [
        ['files.getUploadURLExternal', { error: 'missing_scope' }],
        ['files.getUploadURLExternal', { status: 429, retryAfter: 5 }],
        ['upload', { status: 500 }],
        ['upload', { drop: true }],
        ['files.completeUploadExternal', { error: 'internal_error' }],
      ] as const) {
        fake.fail(method, failure);
        const before = fake.calls.length;
        const uploads = fake.uploads.length;
        const result = await slack.deliver(toChannel({ message: chart }));
        expect(result).toEqual({
          status: 'ok',
          platformMessageId: fake.messages.at(-1)!.ts,
          platformChannelId: 'C0COORD',
        });
        expect(attempts('chat.postMessage', before)).toHaveLength(1);
        expect(attempts('files.getUploadURLExternal', before)).toHaveLength(1);
        expect(attempts('files.completeUploadExternal', before)).toHaveLength(
          method === 'files.completeUploadExternal' ? 1 : 0,
        );
        expect(fake.uploads.slice(uploads).filter((u) => u.channel)).toHaveLength(0);
      }
    });
  });
});
