// Issue 16: the audit log ("Event") must be append-only against the bot itself, not only against its
// mistakes. A trigger refuses UPDATE, DELETE and TRUNCATE, but a role that owns the table can disable
// the trigger first. So migrations run as an owner role and the bot as a runtime role that can only
// read and append the audit log: connected as the bot connects, every way of removing or changing
// audit rows is refused by the database, and the bot still works.
// Roles are cluster-wide: the ones made here on the run's server have a random suffix and are dropped.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { createDb, type Db } from '../../src/db/client.js';
import { openDatabase } from '../../src/db/database.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { applyMigrations, pendingMigrations, readMigrations } from '../../src/db/migrate.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { testConfig } from '../helpers/deps.js';

const TAMPERING: [string, string][] = [
  ['disable the trigger', 'ALTER TABLE "Event" DISABLE TRIGGER ALL'],
  ['delete', 'DELETE FROM "Event"'],
  ['update', `UPDATE "Event" SET "kind" = 'tampered'`],
  ['truncate', 'TRUNCATE "Event"'],
  ['rename', 'ALTER TABLE "Event" RENAME TO "EventGone"'],
  ['drop', 'DROP TABLE "Event"'],
];
const REFUSED = /permission denied|must be owner/;

/** What each tampering statement did when run as the bot connects: refused, or ran. */
async function tamper(db: Db): Promise<Record<string, string>> {
  const outcome: Record<string, string> = {};
  for (const [what, sql] of TAMPERING) {
    outcome[what] = await db.$executeRawUnsafe(sql).then(
      (rows) => `ran (${rows} rows)`,
      (error: Error) => (REFUSED.test(error.message) ? 'refused' : `failed otherwise: ${error.message.slice(0, 200)}`),
    );
  }
  return outcome;
}
const allRefused = Object.fromEntries(TAMPERING.map(([what]) => [what, 'refused']));

let seq = 0;
const mentor = { platform: 'slack' as const, platformUserId: `U0TAMPER`, displayName: 'Tam' };
async function submitDebrief(app: App, caseCode: string): Promise<void> {
  await app.router.dispatch({
    kind: 'submit',
    id: `t${++seq}`,
    user: mentor,
    formId: 'debrief',
    values: {
      caseCode,
      sessionDate: '2026-11-20',
      sessionWent: 'mixed',
      feeling: '3',
      flagConcern: 'no',
      notes: 'kept private',
    },
    context: {},
  });
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function login(url: string, user: string, password: string, database?: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  if (database) u.pathname = `/${database}`;
  return u.toString();
}

/** Tables in the public schema and their owners. */
const owners = (url: string) =>
  query<{ table: string; owner: string }>(
    url,
    `SELECT tablename AS table, tableowner AS owner FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );

describe('a real PostgreSQL with an owner role and a runtime role (MIGRATION_DATABASE_URL)', () => {
  const adminUrl = inject('adminUrl');
  const suffix = randomBytes(5).toString('hex');
  const owner = `msb_owner_${suffix}`;
  const runtime = `msb_bot_${suffix}`;
  const database = `msb_tamper_${suffix}`;
  const ownerPassword = randomBytes(12).toString('hex');
  const ownerUrl = login(adminUrl, owner, ownerPassword, database);
  const runtimeUrl = login(adminUrl, runtime, randomBytes(12).toString('hex'), database);
  let app: TestApp | undefined;

  beforeAll(async () => {
    await query(adminUrl, `CREATE ROLE ${owner} LOGIN PASSWORD '${ownerPassword}'`);
    await query(adminUrl, `CREATE ROLE ${runtime} LOGIN PASSWORD '${new URL(runtimeUrl).password}'`);
    await query(adminUrl, `CREATE DATABASE ${database} OWNER ${owner}`);
    app = await startTestApp(
      { DATABASE_URL: runtimeUrl, MIGRATION_DATABASE_URL: ownerUrl },
      { database: { url: runtimeUrl, name: database, drop: async () => undefined } },
    );
  });

  afterAll(async () => {
    await app?.close();
    await query(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await query(adminUrl, `DROP ROLE IF EXISTS ${runtime}`);
    await query(adminUrl, `DROP ROLE IF EXISTS ${owner}`);
  });

  it('the bot, as the runtime role, records a debrief and its audit events', async () => {
    await submitDebrief(app!, 'MS-0301');
    expect(await app!.deps.db.debrief.count({ where: { caseCode: 'MS-0301' } })).toBe(1);
    expect(await app!.deps.db.event.count({ where: { kind: { startsWith: 'debrief' } } })).toBeGreaterThan(0);
  });

  it('connected as the bot connects, it cannot delete, update, truncate, alter or drop the audit table', async () => {
    const db = app!.deps.db;
    const before = await db.event.count();
    expect(before).toBeGreaterThan(0);
    expect(await tamper(db)).toEqual(allRefused);
    expect(await db.event.count()).toBe(before);
    expect(await query(runtimeUrl, 'SELECT current_user::text AS role')).toEqual([{ role: runtime }]);
  });

  it('the runtime role owns nothing; the owner owns every table', async () => {
    const tables = await owners(ownerUrl);
    expect(tables.map((t) => t.table)).toContain('Event');
    expect(new Set(tables.map((t) => t.owner))).toEqual(new Set([owner]));
    const [privileges] = await query<Record<string, boolean>>(
      ownerUrl,
      `SELECT has_table_privilege($1, '"Event"', 'SELECT') AS select, has_table_privilege($1, '"Event"', 'INSERT') AS insert,
              has_table_privilege($1, '"Event"', 'UPDATE') AS update, has_table_privilege($1, '"Event"', 'DELETE') AS delete,
              has_table_privilege($1, '"Event"', 'TRUNCATE') AS truncate, has_schema_privilege($1, 'public', 'CREATE') AS create`,
      [runtime],
    );
    expect(privileges).toEqual({
      select: true,
      insert: true,
      update: false,
      delete: false,
      truncate: false,
      create: false,
    });
  });

  it('a later migration’s table is granted too, and a second start is idempotent', async () => {
    const later = {
      name: '29991231000000_later',
      sql: 'CREATE TABLE "Later" ("id" SERIAL PRIMARY KEY, "note" TEXT)',
      checksum: 'later',
    };
    await applyMigrations(ownerUrl, [later]);
    await query(runtimeUrl, `INSERT INTO "Later" ("note") VALUES ('x')`);
    expect(await query(runtimeUrl, `UPDATE "Later" SET "note" = 'y' RETURNING "note"`)).toEqual([{ note: 'y' }]);
    const again = await openDatabase({
      databaseUrl: runtimeUrl,
      migrationDatabaseUrl: ownerUrl,
      dataDir: tmpdir(),
      log: pino({ level: 'silent' }),
    });
    await again.stop();
    expect(await tamper(app!.deps.db)).toEqual(allRefused);
  });

  it('the runtime role alone (migrations applied by the owner beforehand) starts, with no warning, and sees what is pending', async () => {
    const lines: { level: number }[] = [];
    const opened = await openDatabase({
      databaseUrl: runtimeUrl,
      dataDir: tmpdir(),
      log: pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) }),
    });
    await opened.stop();
    expect(opened).toMatchObject({ url: runtimeUrl, applied: [] });
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    const next = { name: '29991231000001_next', sql: 'SELECT 1', checksum: 'next' };
    expect(await pendingMigrations(runtimeUrl, [...readMigrations(), next])).toEqual([next.name]);
  });

  it('refuses to start when the runtime role could still act as the owner, saying what to run', async () => {
    await query(adminUrl, `GRANT ${owner} TO ${runtime}`);
    try {
      await expect(
        openDatabase({
          databaseUrl: runtimeUrl,
          migrationDatabaseUrl: ownerUrl,
          dataDir: tmpdir(),
          log: pino({ level: 'silent' }),
        }),
      ).rejects.toThrow(
        `could disable the audit log's trigger; as a superuser, in database ${database}, run: REVOKE "${owner}" FROM "${runtime}"`,
      );
    } finally {
      await query(adminUrl, `REVOKE ${owner} FROM ${runtime}`);
    }
  });

  it('with DATABASE_URL alone the bot runs as the owner as before, and start-up warns about it', async () => {
    const lines: { level: number; msg: string; role?: string }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const opened = await openDatabase({ databaseUrl: ownerUrl, dataDir: tmpdir(), log });
    await opened.stop();
    expect(opened.url).toBe(ownerUrl);
    const warning = lines.find((l) => l.level === 40);
    expect(warning).toMatchObject({ role: owner, msg: expect.stringMatching(/owner/) });
    expect(warning!.msg).toContain('MIGRATION_DATABASE_URL');
  });
});

describe('the embedded default (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'msb-tamper-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const startEmbeddedApp = () =>
    startApp(testConfig({ PORT: '0', DATA_DIR: dataDir, SURFACES: 'shell' }), {
      io: { input: new PassThrough(), output: new PassThrough() },
      log: pino({ level: 'silent' }),
    });

  it('upgrades a data directory made before the runtime role existed, then runs as that role', async () => {
    // A .data/ as earlier versions left it: everything owned by the superuser the bot connected as.
    const server = await startEmbeddedPostgres({ dataRoot: dataDir });
    try {
      await query(server.url('postgres'), 'CREATE DATABASE mentor_support');
      await applyMigrations(server.url('mentor_support'));
      await query(
        server.url('mentor_support'),
        `INSERT INTO "Event" ("at", "subjectKind", "subjectId", "kind") VALUES (now(), 'system', 'old', 'earlier.event')`,
      );
    } finally {
      await server.stop();
    }

    const app = await startEmbeddedApp();
    try {
      await submitDebrief(app, 'MS-0401');
      expect(await app.deps.db.debrief.count()).toBe(1);
      expect(await app.deps.db.event.count({ where: { kind: 'earlier.event' } })).toBe(1);
      const before = await app.deps.db.event.count();
      expect(await tamper(app.deps.db)).toEqual(allRefused);
      expect(await app.deps.db.event.count()).toBe(before);
    } finally {
      await app.stop();
    }
    expect(statSync(path.join(dataDir, 'postgres.runtime.password')).mode & 0o777).toBe(0o600);

    // A second start finds everything in place (the database as the app opens it, without the rest).
    const again = await openDatabase({ dataDir, log: pino({ level: 'silent' }) });
    const db = createDb(again.url);
    try {
      expect(await tamper(db)).toEqual(allRefused);
      expect(await db.$queryRawUnsafe('SELECT current_user::text AS role')).toEqual([{ role: 'msb_bot' }]);
      const tableOwners = await db.$queryRawUnsafe<{ owner: string }[]>(
        `SELECT DISTINCT tableowner::text AS owner FROM pg_tables WHERE schemaname = 'public'`,
      );
      expect(tableOwners).toEqual([{ owner: 'msb_owner' }]);
    } finally {
      await db.$disconnect();
      await again.stop();
    }
  }, 60_000);
});
