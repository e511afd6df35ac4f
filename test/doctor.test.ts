// npm run doctor against the local fake Slack and Discord, a relay and a gateway: every check passes
// when all is well, and each broken piece is one line saying what to fix, with exit code 1.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { catalogue } from '../commands/index.js';
import { createDb } from '../src/db/client.js';
import { checkSetupOnce } from '../src/doctor/background.js';
import { setupProblems, setupProblemsMessage } from '../src/doctor/record.js';
import { runSetupChecks, formatResult, allPassed, type CheckResult } from '../src/doctor/index.js';
import { discordCommands } from '../src/surfaces/discord/commands.js';
import { BOT_SCOPES } from '../src/surfaces/slack/manifest.js';
import { ManualClock } from './helpers/clock.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import { TEST_DATA_KEYS, testConfig } from './helpers/deps.js';
import { snowflake } from './helpers/discord-payloads.js';
import { startFakeDiscord, type FakeDiscord } from './helpers/fake-discord.js';
import { startFakeSlack, type FakeSlack } from './helpers/fake-slack.js';
import { startSmtpSink, TEST_CA_FILE, type SmtpSink } from './helpers/smtp-sink.js';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.js';

const VIEW = 1n << 10n;
const SEND = 1n << 11n;
const EMBED = 1n << 14n;
const ATTACH = 1n << 15n;

let slack: FakeSlack;
let discord: FakeDiscord;
let database: TestDatabase;
let relay: SmtpSink;
let gateway: WebhookReceiver;
let eventsUrl: Server;
const guildId = snowflake();
const botRole = snowflake();
const coordinators = snowflake();
const learning = snowflake();
let env: Record<string, string>;

/** A server where @everyone may do nothing, the bot's role may do what it needs, and the coordinators' channel is private to it. */
function wellSetUpServer(): void {
  discord.guilds.set(guildId, {
    ownerId: snowflake(),
    roles: [
      { id: guildId, permissions: String(VIEW | SEND) },
      { id: botRole, permissions: String(VIEW | SEND | EMBED | ATTACH) },
    ],
    members: new Map([[discord.botUserId, [botRole]]]),
  });
  discord.channels.set(coordinators, {
    guildId,
    overwrites: [
      { id: guildId, type: 0, allow: '0', deny: String(VIEW) },
      { id: botRole, type: 0, allow: String(VIEW), deny: '0' },
    ],
  });
  discord.channels.set(learning, { guildId, overwrites: [] });
  discord.commands.set(
    guildId,
    discordCommands(catalogue, 'guild').map((c) => ({
      ...c,
      id: snowflake(),
      application_id: discord.applicationId,
      guild_id: guildId,
    })),
  );
}

beforeAll(async () => {
  [slack, discord, database, relay, gateway] = await Promise.all([
    startFakeSlack(),
    startFakeDiscord(),
    createTestDatabase(),
    startSmtpSink({ mode: 'starttls', auth: { user: 'alerts', pass: 'relay-password' } }),
    startWebhookReceiver({ tls: true }),
  ]);
  // Our receiver refuses an unsigned request: that is how the events URL shows it reaches the bot.
  eventsUrl = createServer((req, res) => void res.writeHead(req.url === '/slack/events' ? 401 : 404).end());
  await new Promise<void>((resolve) => eventsUrl.listen(0, '127.0.0.1', resolve));
  env = {
    DATABASE_URL: database.url,
    DATA_KEYS: TEST_DATA_KEYS,
    SLACK_BOT_TOKEN: 'xoxb-doctor',
    SLACK_SIGNING_SECRET: 'signing-secret-for-the-doctor',
    SLACK_API_URL: slack.url,
    SLACK_COORDINATORS_CHANNEL: 'C0COORD',
    SLACK_LEARNING_CHANNEL: 'C0LEARN',
    PUBLIC_URL: `http://127.0.0.1:${(eventsUrl.address() as { port: number }).port}`,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.url,
    DISCORD_GUILD_ID: guildId,
    DISCORD_COORDINATORS_CHANNEL: coordinators,
    DISCORD_LEARNING_CHANNEL: learning,
    ALERT_SMTP_URL: relay.url,
    ALERT_EMAIL_TO: 'duty@example.org',
    ALERT_TLS_CA_FILE: TEST_CA_FILE,
    ALERT_WEBHOOK_URL: gateway.url,
    ALERT_WEBHOOK_SECRET: 'a-webhook-secret-of-32-characters!',
  };
});
afterAll(async () => {
  await Promise.all([
    slack?.close(),
    discord?.close(),
    database?.drop(),
    relay?.close(),
    gateway?.close(),
    new Promise((resolve) => eventsUrl?.close(resolve)),
  ]);
});
beforeEach(() => {
  slack.setScopes(BOT_SCOPES);
  slack.setChannel('C0LEARN', {});
  wellSetUpServer();
});

const check = (extra: Record<string, string> = {}) =>
  runSetupChecks(testConfig({ ...env, ...extra }), { catalogue, timeoutMs: 3_000 });
const failures = (results: CheckResult[]) => results.filter((r) => r.status === 'fail').map(formatResult);

describe('npm run doctor', { timeout: 60_000 }, () => {
  it('passes every check when all is well, one line each, sending nothing', async () => {
    const sent = {
      mails: relay.mails.length,
      bodies: gateway.bodies.length,
      posts: slack.callsTo('chat.postMessage').length,
    };
    const results = await check();
    expect(failures(results)).toEqual([]);
    expect(allPassed(results)).toBe(true);
    expect(results.map((r) => r.check)).toEqual([
      'slack.token',
      'slack.scopes',
      'slack.channel.coordinators',
      'slack.channel.learning',
      'slack.events_url',
      'discord.token',
      'discord.application',
      'discord.commands',
      'discord.channel.coordinators',
      'discord.channel.learning',
      'database',
      'database.migrations',
      'keys',
      'smtp',
      'webhook',
    ]);
    expect(results.map(formatResult).join('\n')).not.toMatch(/xoxb-doctor|test-token|relay-password|webhook-secret/);
    expect(relay.mails.slice(sent.mails)).toEqual([]);
    expect(gateway.bodies.slice(sent.bodies)).toEqual([]);
    expect(slack.callsTo('chat.postMessage').slice(sent.posts)).toEqual([]);
  });

  it('names a missing Slack scope in one line', async () => {
    slack.setScopes(BOT_SCOPES.filter((s) => s !== 'files:write'));
    expect(failures(await check())).toEqual([
      '✗ Slack scopes missing: files:write. Add them under OAuth & Permissions → Bot Token Scopes (or paste the manifest from npm run slack:manifest again) and reinstall the app.',
    ]);
  });

  it('names a channel the bot is not in, in one line', async () => {
    slack.setChannel('C0LEARN', { isMember: false });
    expect(failures(await check())).toEqual([
      '✗ Slack learning channel C0LEARN: the bot is not a member; type /invite @<the bot> in it.',
    ]);
  });

  it('names a missing Attach Files permission in one line, computed from roles and overwrites', async () => {
    discord.channels.set(learning, {
      guildId,
      overwrites: [{ id: botRole, type: 0, allow: '0', deny: String(ATTACH) }],
    });
    expect(failures(await check())).toEqual([
      `✗ Discord learning channel ${learning}: the bot lacks Attach Files; allow them for the bot's role in the channel's permissions.`,
    ]);
  });

  it('says when the registered Discord commands are not current', async () => {
    const [first, ...rest] = discord.commands.get(guildId)!;
    discord.commands.set(guildId, [{ ...first, description: 'an older description' }, ...rest.slice(1)]);
    const [line] = failures(await check());
    expect(line).toMatch(
      /^✗ Discord commands server \d+ not current \(missing \/\w+; changed since \/\w+\): run npm run discord:register\.$/,
    );
  });

  it('says what is wrong with the token, the events URL, the relay and the gateway', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(failures(await check({ PUBLIC_URL: `http://127.0.0.1:${port}` }))).toEqual([
      `✗ Slack events URL http://127.0.0.1:${port}/slack/events unreachable (ECONNREFUSED): start the bot, and check PUBLIC_URL, DNS and your TLS proxy.`,
    ]);
    const lines = failures(
      await check({
        SLACK_BOT_TOKEN: 'xapp-wrong',
        ALERT_SMTP_URL: 'smtp://127.0.0.1:9',
        ALERT_WEBHOOK_URL: 'https://127.0.0.1:9/sms',
      }),
    );
    expect(lines).toEqual([
      '✗ Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.',
      expect.stringMatching(/^✗ E-mail alerts: relay 127\.0\.0\.1:9 failed \(\w+\): check ALERT_SMTP_URL/),
      expect.stringMatching(/^✗ Text alerts: gateway https:\/\/127\.0\.0\.1:9\/sms unreachable \(ECONNREFUSED\)/),
    ]);
  });

  it('sends one test e-mail only when asked, to the person running it', async () => {
    const mailsBefore = relay.mails.length;
    const results = await runSetupChecks(testConfig(env), {
      catalogue,
      timeoutMs: 3_000,
      sendTestTo: 'me@example.org',
    });
    expect(results.at(-1)).toEqual({
      check: 'send_test',
      status: 'ok',
      line: 'Test e-mail sent to me@example.org: check that it arrived.',
    });
    expect(relay.mails.slice(mailsBefore).map((m) => m.to)).toEqual([['me@example.org']]);
  });

  it('in the background: logs the failing line as a warning, without secrets, and keeps it for the daily cover check', async () => {
    slack.setChannel('C0LEARN', { isMember: false });
    const logged: string[] = [];
    const log = pino(
      { level: 'warn' },
      new Writable({
        write: (chunk, _encoding, done) => {
          logged.push(String(chunk));
          done();
        },
      }),
    );
    const db = createDb(database.url);
    const clock = new ManualClock('2026-11-30T07:00:00Z');
    try {
      await checkSetupOnce({ config: testConfig(env), db, log, clock }, catalogue);
      expect(logged.map((line) => JSON.parse(line) as { check: string; msg: string })).toEqual([
        expect.objectContaining({
          check: 'slack.channel.learning',
          msg: 'setup check failed (npm run doctor says what to fix)',
        }),
      ]);
      expect(logged.join('')).not.toMatch(/xoxb-doctor|test-token|relay-password|webhook-secret/);
      expect(await setupProblems(db, new Date('2026-11-30T00:00:00Z'))).toEqual([
        'Slack learning channel C0LEARN: the bot is not a member; type /invite @<the bot> in it.',
      ]);
      expect(await setupProblems(db, new Date('2026-11-30T08:00:00Z'))).toEqual([]);
      expect(
        setupProblemsMessage([
          'Slack learning channel C0LEARN: the bot is not a member; type /invite @<the bot> in it.',
        ]).text,
      ).toContain('found a problem that can stop messages reaching people');
    } finally {
      await db.$disconnect();
    }
  });

  it('exits 1 from the command line when a check fails, printing its line', async () => {
    slack.setScopes(BOT_SCOPES.filter((s) => s !== 'groups:history'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/doctor.ts'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(out).toContain('✗ Slack scopes missing: groups:history.');
    expect(out).toContain('✓ Discord learning channel');
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '1 check failed: fix the lines marked ✗ and run npm run doctor again.',
    );
  });
});
