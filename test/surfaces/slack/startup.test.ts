// Start-up against Slack's auth.test, and what the surface writes to the log: codes and ids only.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../src/app.js';
import { ManualClock } from '../../helpers/clock.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { testConfig } from '../../helpers/deps.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { slackEnv } from '../../helpers/slack-bot.js';
import { payloadBody, postSigned, slashCommandBody, viewSubmissionPayload } from '../../helpers/slack-requests.js';

let fake: FakeSlack;
let database: TestDatabase;
const lines: string[] = [];
const log = pino(
  { level: 'debug' },
  new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  }),
);

beforeAll(async () => {
  fake = await startFakeSlack();
  database = await createTestDatabase();
});
afterAll(async () => {
  await fake?.close();
  await database?.drop();
});

const start = (): Promise<App> =>
  startApp(testConfig({ PORT: '0', DATABASE_URL: database.url, ...slackEnv(fake) }), { log, clock: new ManualClock() });

describe('Slack start-up', () => {
  it('refuses to start with a bot token Slack refuses, naming the code', async () => {
    fake.fail('auth.test', { error: 'invalid_auth' });
    await expect(start()).rejects.toThrow('Slack refused SLACK_BOT_TOKEN (invalid_auth)');
  });

  it('starts while Slack cannot be reached, and asks who it is again on the first request', async () => {
    fake.fail('auth.test', { status: 503 });
    const before = fake.callsTo('auth.test').length;
    const app = await start();
    try {
      const reply = await postSigned(
        `http://127.0.0.1:${app.http.port}/slack/events`,
        slashCommandBody({ command: '/help', userId: 'U0SAM', responseUrl: fake.responseUrl('after-outage') }),
      );
      expect(reply.status).toBe(200);
      await fake.waitForResponse('after-outage');
      expect(fake.callsTo('auth.test').length).toBe(before + 2);
    } finally {
      await app.stop();
    }
  });
});

describe('Slack logs', () => {
  it('name what failed with codes and ids, never members’ words', async () => {
    const app = await start();
    const url = `http://127.0.0.1:${app.http.port}/slack/events`;
    const words = 'He talked about his brother';
    try {
      const slack = app.surfaces.find((s) => s.platform === 'slack')!;
      fake.fail('chat.postMessage', { error: 'channel_not_found' });
      await slack.deliver({
        outboxId: '00000000-0000-4000-8000-000000000001',
        target: { kind: 'channel', channelId: 'C0GONE' },
        message: { text: words },
      });
      const malformed = viewSubmissionPayload({
        userId: 'U0SAM',
        viewId: 'V0LOG',
        view: { callback_id: 'debrief' },
        answers: {},
      });
      await postSigned(url, payloadBody({ ...malformed, user: words }));
      await postSigned(url, payloadBody(malformed), { secret: 'wrong' });
      fake.fail('views.open', { error: 'expired_trigger_id' });
      await postSigned(
        url,
        slashCommandBody({ command: '/debrief', userId: 'U0SAM', responseUrl: fake.responseUrl('expired') }),
      );
      expect(String((await fake.waitForResponse('expired')).body.text)).toContain('could not be opened in time');
    } finally {
      await app.stop();
    }
    const logged = lines.join('');
    expect(logged).toContain('"code":"channel_not_found"');
    expect(logged).toContain('"code":"expired_trigger_id"');
    expect(logged).toContain('slack payload rejected');
    expect(logged).toContain('Failed to parse and verify the request data');
    expect(logged).not.toContain('brother');
  });
});
