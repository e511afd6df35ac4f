// Issue 16, "the demo cast only in the terminal demo on a database the bot created itself": the
// terminal used to create sam, rowan and jo (jo a coordinator and admin) whenever it started, in
// whatever database it was given, even a real one through DATABASE_URL, and `/as jo` then made
// anyone at the keyboard an admin. Now the cast (and /as) exists only when the terminal runs alone
// on the embedded database the bot created itself, or when DEMO=on says so; otherwise the terminal
// is the operating system user, who joins like any first contact.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { isDemo, keyboardUser } from '../../src/surfaces/shell/demo.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { runBot } from '../helpers/bot-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { waitFor } from '../jobs/owed-work.js';

const URL = 'postgresql://bot@db.example/network';

describe('when the terminal is the demo', () => {
  it('auto: only the terminal alone on the embedded database', () => {
    expect(isDemo(loadConfig({}))).toBe(true);
    expect(isDemo(loadConfig({ SURFACES: 'shell' }))).toBe(true);
    expect(isDemo(loadConfig({ DATABASE_URL: URL }))).toBe(false);
    expect(isDemo(loadConfig({ DATABASE_URL: URL, SURFACES: 'shell' }))).toBe(false);
    expect(isDemo(loadConfig({ SURFACES: 'shell,slack' }))).toBe(false);
    expect(isDemo(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toBe(false);
  });

  it('on and off say so explicitly, whatever the database', () => {
    expect(isDemo(loadConfig({ DEMO: 'on', DATABASE_URL: URL }))).toBe(true);
    expect(isDemo(loadConfig({ DEMO: 'off' }))).toBe(false);
    expect(() => loadConfig({ DEMO: 'yes' })).toThrow('DEMO must be one of on, off, auto');
  });

  it('names the person at the keyboard after the operating system user, or "you"', () => {
    expect(keyboardUser({ USER: 'alex' })).toEqual({ platform: 'shell', platformUserId: 'alex', displayName: 'alex' });
    expect(keyboardUser({ USER: 'Alex.Smith' }).platformUserId).toBe('alexsmith');
    expect(keyboardUser({}).platformUserId).toBe('you');
    expect(keyboardUser({ USER: '—' }).platformUserId).toBe('you');
  });
});

describe('the terminal on a database it was given (DATABASE_URL)', () => {
  let database: TestDatabase;
  let app: TestApp;
  const user = process.env.USER;
  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.USER = 'alex';
    app = await startTestApp({}, { database });
  });
  afterAll(async () => {
    process.env.USER = user;
    await app?.close();
    await database?.drop();
  });

  it('creates no cast: the terminal is the operating system user, who joined like any first contact', async () => {
    const shell = await app.deps.db.memberIdentity.findMany({
      where: { platform: 'shell' },
      include: { member: true },
    });
    expect(shell.map((i) => [i.platformUserId, i.member.roles])).toEqual([['alex', ['mentor']]]);
    expect(await app.deps.db.event.count({ where: { kind: 'member.joined', subjectId: shell[0]!.memberId } })).toBe(1);
    expect(app.output()).toContain('You are alex (mentor).');
    expect(app.output()).not.toContain('/as <handle>');
  });

  it('refuses /as: nobody at the keyboard becomes jo, and no jo is created', async () => {
    app.input.write('/as jo\n');
    await waitFor(() => app.output().includes('/as belongs to the terminal demo'), 10_000, 'the refusal printed');
    expect(app.output()).not.toContain('You are now jo');
    expect(
      await app.deps.db.memberIdentity.count({
        where: { platform: 'shell', platformUserId: { in: ['sam', 'rowan', 'jo'] } },
      }),
    ).toBe(0);
  });
});

describe('real processes', { timeout: 240_000 }, () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('DATABASE_URL, no DEMO: no cast, and the keyboard user is "you" when the system names nobody', async () => {
    const fresh = await createTestDatabase();
    try {
      const { code, stdout } = await runBot({ DATABASE_URL: fresh.url }, '/as jo\n/help\n');
      expect(code).toBe(0);
      expect(stdout).toContain('You are you (mentor).');
      expect(stdout).toContain('/as belongs to the terminal demo');
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      const rows = await client.query<{ platformUserId: string }>(
        `SELECT "platformUserId" FROM "MemberIdentity" WHERE platform = 'shell'`,
      );
      await client.end();
      expect(rows.rows.map((r) => r.platformUserId)).toEqual(['you']);
    } finally {
      await fresh.drop();
    }
  });

  it('the embedded database the bot created itself, with the terminal alone: the demo cast and /as', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'msb-demo-'));
    dirs.push(dataDir);
    const { code, stdout } = await runBot({ DATA_DIR: dataDir, DATA_KEYS: '' }, '/as jo\n');
    expect(code).toBe(0);
    expect(stdout).toContain('You are sam (mentor).');
    expect(stdout).toContain('You are now jo (coordinator, admin).');
  });
});
