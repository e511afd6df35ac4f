// Acknowledgement latency of signed /debrief slash commands under load: the whole bot (Slack surface,
// router, embedded PostgreSQL, modal opened after the ack) against a bare Bolt app that only acks,
// on the same machine and the same fake Slack Web API. Prints one JSON line.
// Usage: npm run bench:slack [-- requests concurrency]
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { App, LogLevel } from '@slack/bolt';
import pino from 'pino';
import { startApp } from '../src/app.js';
import { configSchema } from '../src/config.js';
import { startFakeSlack, type FakeSlack } from '../test/helpers/fake-slack.js';
import { postSigned, SIGNING_SECRET, slashCommandBody } from '../test/helpers/slack-requests.js';

const requests = Number(process.argv[2] ?? 500);
const concurrency = Number(process.argv[3] ?? 20);
const WARM_UP = 50;
const USERS = 20;

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  failed: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const ms = (n: number) => Math.round(n * 100) / 100;

/** Sends `count` signed slash commands, `parallel` at a time; latency is until the HTTP answer. */
async function load(url: string, fake: FakeSlack, count: number, parallel = concurrency): Promise<Figures> {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const body = slashCommandBody({ command: '/debrief', userId: `U0BENCH${i % USERS}`, responseUrl: fake.responseUrl() });
      const started = performance.now();
      const reply = await postSigned(url, body);
      latencies.push(performance.now() - started);
      if (reply.status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  latencies.sort((a, b) => a - b);
  return { p50: ms(quantile(latencies, 0.5)), p95: ms(quantile(latencies, 0.95)), p99: ms(quantile(latencies, 0.99)), max: ms(latencies.at(-1)!), failed };
}

async function bareBolt(fake: FakeSlack): Promise<Figures> {
  const app = new App({ signingSecret: SIGNING_SECRET, token: 'xoxb-test', clientOptions: { slackApiUrl: fake.url }, logLevel: LogLevel.ERROR });
  app.command(/.*/, async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as { address(): AddressInfo | string | null };
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  try {
    await load(url, fake, WARM_UP);
    return await load(url, fake, requests);
  } finally {
    await app.stop();
  }
}

async function wholeBot(fake: FakeSlack): Promise<Figures & { modalsOpened: number }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'msb-bench-'));
  const config = configSchema.parse({
    PORT: '0',
    DATA_DIR: dataDir,
    DATA_KEYS: `bench:${Buffer.alloc(32, 9).toString('base64')}`,
    SURFACES: 'slack',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    LOG_LEVEL: 'silent',
  });
  const app = await startApp(config, { log: pino({ level: 'silent' }) });
  const url = `http://127.0.0.1:${app.http.port}/slack/events`;
  try {
    // Each member's first contact, one at a time (their joining is not what is measured), then a warm-up.
    await load(url, fake, USERS, 1);
    await fake.waitFor('views.open', USERS, 60_000);
    await load(url, fake, WARM_UP);
    await fake.waitFor('views.open', USERS + WARM_UP, 60_000);
    const before = fake.callsTo('views.open').length;
    const figures = await load(url, fake, requests);
    // The work after each ack (database, views.open) finishes before the bot is stopped.
    const opened = await fake.waitFor('views.open', before + requests, 120_000);
    return { ...figures, modalsOpened: opened.length - before };
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const fake = await startFakeSlack();
try {
  const bare = await bareBolt(fake);
  const bot = await wholeBot(fake);
  process.stdout.write(`${JSON.stringify({ bench: 'slack-ack', unit: 'ms', requests, concurrency, command: '/debrief', bot, bareBolt: bare, node: process.version })}\n`);
} finally {
  await fake.close();
}
