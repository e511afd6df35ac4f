// Ready before serving: while the Slack surface is still starting, its events URL answers 503 with
// Retry-After (Slack retries) rather than 404, and the public /healthz says "starting".
import { createServer } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../src/app.js';
import { ManualClock } from './helpers/clock.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import { testConfig } from './helpers/deps.js';
import { startFakeSlack, type FakeSlack } from './helpers/fake-slack.js';
import { slackEnv } from './helpers/slack-bot.js';

let fake: FakeSlack;
let database: TestDatabase;
beforeAll(async () => {
  fake = await startFakeSlack();
  database = await createTestDatabase();
});
afterAll(async () => {
  await fake?.close();
  await database?.drop();
});

/** A port free a moment ago: the app is asked for it, since start-up has not told us its port yet. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntilListening(url: string): Promise<Response> {
  for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 50))) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

describe('ready before serving', { timeout: 60_000 }, () => {
  it('answers 503 with Retry-After on /slack/events and "starting" on /healthz until Slack is mounted, then serves', async () => {
    const port = await freePort();
    const release = fake.hold('auth.test');
    const starting = startApp(testConfig({ PORT: String(port), DATABASE_URL: database.url, ...slackEnv(fake) }), {
      log: pino({ level: 'silent' }),
      clock: new ManualClock(),
    });
    try {
      const health = await waitUntilListening(`http://127.0.0.1:${port}/healthz`);
      expect([health.status, await health.text()]).toEqual([503, 'starting']);
      const early = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'command=%2Fhelp' });
      expect(early.status).toBe(503);
      expect(early.headers.get('retry-after')).toBe('5');
    } finally {
      release();
    }
    const app = await starting;
    try {
      const ready = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect([ready.status, await ready.text()]).toEqual([200, 'ok']);
      // Bolt's receiver now answers: an unsigned request is refused, no longer "starting".
      expect(
        (await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'command=%2Fhelp' })).status,
      ).toBe(401);
    } finally {
      await app.stop();
    }
  });
});
