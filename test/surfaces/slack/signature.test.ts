// Requests that must change nothing: a wrong signature, a stale timestamp, a malformed payload.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { startSlackBot, type SlackBot } from '../../helpers/slack-bot.js';
import {
  appHomeOpenedBody,
  blockActionsPayload,
  payloadBody,
  sign,
  slashCommandBody,
  viewSubmissionPayload,
} from '../../helpers/slack-requests.js';

let fake: FakeSlack;
let bot: SlackBot;

beforeAll(async () => {
  fake = await startFakeSlack();
  bot = await startSlackBot(fake);
});
afterAll(async () => {
  await bot?.app.close();
  await fake?.close();
});

const debriefView = { callback_id: 'debrief', private_metadata: '{"c":{}}', blocks: [] };
const submission = () =>
  payloadBody(
    viewSubmissionPayload({
      userId: 'U0SAM',
      viewId: 'V0SIGNED',
      view: debriefView,
      answers: {},
    }),
  );

/** Rows any handled request would have written (the outbox dispatcher's own events aside). */
async function written(): Promise<number> {
  const db = bot.app.deps.db;
  const counts = await Promise.all([
    db.member.count(),
    db.debrief.count(),
    db.event.count({ where: { subjectKind: { not: 'outbox' } } }),
    db.inboundReceipt.count(),
    db.outboxMessage.count(),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

const now = () => Math.floor(Date.now() / 1000);

describe('Slack request verification', () => {
  it('answers 401 to a wrong signature and writes nothing', async () => {
    const before = await written();
    const callsBefore = fake.calls.length;
    const bodies = [
      slashCommandBody({ command: '/debrief', userId: 'U0SAM', responseUrl: fake.responseUrl() }),
      submission(),
      appHomeOpenedBody('U0SAM'),
    ];
    for (const body of bodies) {
      expect((await bot.post(body, { secret: 'not-the-secret' })).status).toBe(401);
      expect((await bot.post(body, { signature: `v0=${'0'.repeat(64)}` })).status).toBe(401);
      expect((await bot.post(body, { signature: '' })).status).toBe(401);
    }
    const tampered = slashCommandBody({ command: '/debrief', userId: 'U0SAM', responseUrl: fake.responseUrl() });
    const timestamp = now();
    expect(
      (await bot.post(tampered.replace('U0SAM', 'U0EVE'), { timestamp, signature: sign(tampered, timestamp) })).status,
    ).toBe(401);
    expect((await written()) - before).toBe(0);
    expect(fake.calls.slice(callsBefore).filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('answers 401 to a correctly signed request older than 5 minutes and writes nothing', async () => {
    const before = await written();
    const callsBefore = fake.calls.length;
    for (const body of [
      slashCommandBody({ command: '/debrief', userId: 'U0SAM', responseUrl: fake.responseUrl() }),
      submission(),
    ]) {
      expect((await bot.post(body, { timestamp: now() - 5 * 60 - 30 })).status).toBe(401);
    }
    expect((await written()) - before).toBe(0);
    expect(fake.calls.slice(callsBefore).filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('accepts the same request signed within the 5 minutes', async () => {
    const reply = await bot.post(
      slashCommandBody({ command: '/help', userId: 'U0SAM', responseUrl: fake.responseUrl('fresh') }),
      { timestamp: now() - 4 * 60 },
    );
    expect(reply.status).toBe(200);
    await fake.waitForResponse('fresh');
  });

  it('refuses other methods on the events URL', async () => {
    const response = await fetch(bot.eventsUrl);
    expect(response.status).toBe(405);
  });
});

describe('Slack malformed payloads', () => {
  // Bodies of the kinds the bot handles with at least one required field missing or wrong, and
  // other fields changed at random.
  const junk = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.object({ maxDepth: 1, maxKeys: 3 }),
  );
  const brokenJson = fc.constantFrom<unknown>(undefined, '', 'not an id!', {}, [], 42);
  const brokenForm = fc.constantFrom<unknown>(undefined, '', 'not an id!', '{}');
  const mangle = (base: Record<string, unknown>, required: string[], broken = brokenJson) =>
    fc
      .record({
        key: fc.constantFrom(...required),
        value: broken,
        set: fc.dictionary(fc.constantFrom(...Object.keys(base).filter((k) => k !== 'type' && k !== 'command')), junk, {
          maxKeys: 3,
        }),
      })
      .map(({ key, value, set }) => {
        const copy: Record<string, unknown> = { ...base, ...set, [key]: value };
        if (value === undefined) delete copy[key];
        return copy;
      });
  const encodeForm = (fields: Record<string, unknown>) =>
    new URLSearchParams(
      Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ).toString();
  const command = Object.fromEntries(
    new URLSearchParams(
      slashCommandBody({ command: '/debrief', userId: 'U0FUZZ', responseUrl: 'http://127.0.0.1:9/response/x' }),
    ),
  );
  const bodies = fc.oneof(
    mangle(command, ['user_id', 'trigger_id'], brokenForm).map(encodeForm),
    mangle(viewSubmissionPayload({ userId: 'U0FUZZ', viewId: 'V0FUZZ', view: debriefView, answers: {} }), [
      'user',
      'view',
    ]).map(payloadBody),
    mangle(blockActionsPayload({ userId: 'U0FUZZ', actionId: 'profile.edit' }), ['user', 'trigger_id']).map(
      payloadBody,
    ),
    fc.string({ maxLength: 200 }).map((text) => `payload=${encodeURIComponent(`{"type":"view_submission",${text}`)}`),
  );

  it('acknowledges or rejects every malformed payload without saving anything, and keeps working', async () => {
    const before = await written();
    const opensBefore = fake.callsTo('views.open').length;
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const { status } = await bot.post(body);
        // 400: unreadable JSON; 500: a body Bolt itself cannot route (no user, say); 200: acknowledged and ignored.
        expect([200, 400, 500]).toContain(status);
      }),
      { numRuns: 60 },
    );
    expect(await written()).toBe(before);
    expect(fake.callsTo('views.open').slice(opensBefore)).toEqual([]);
    const reply = await bot.post(
      slashCommandBody({ command: '/help', userId: 'U0SAM', responseUrl: fake.responseUrl('after-fuzz') }),
    );
    expect(reply.status).toBe(200);
    await fake.waitForResponse('after-fuzz');
  });
});
