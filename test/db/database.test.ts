// Where the data lives: the embedded default survives SIGKILL and restart; DATABASE_URL starts nothing.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { runBot, spawnBot } from '../helpers/bot-process.js';
import { databaseUrl } from '../helpers/db.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'msb-data-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('embedded database', () => {
  it('keeps a debrief entered before a SIGKILL, and restarts cleanly after it', async () => {
    const dataDir = tempDir();
    const bot = spawnBot({ DATA_DIR: dataDir, DATA_KEYS: '' });
    for (const line of [
      '/debrief',
      'MS-0101',
      '2026-11-20',
      '1',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '4',
      'no',
      '',
      '',
      '',
      '',
      'Good energy today.',
      '',
      '',
    ])
      bot.send(line);
    await bot.waitFor('Debrief saved', 150_000);
    bot.child.kill('SIGKILL');
    await bot.exited;
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);
    expect(readFileSync(path.join(dataDir, 'keys'), 'utf8')).toMatch(/^k\d{8}:/);

    const again = await runBot({ DATA_DIR: dataDir, DATA_KEYS: '' }, '/help\n');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('/debrief');

    const server = await startEmbeddedPostgres({ dataRoot: dataDir });
    try {
      const client = new pg.Client({ connectionString: server.url('mentor_support') });
      await client.connect();
      const rows = await client.query<{ caseCode: string; notesEnc: string }>(
        'SELECT "caseCode", "notesEnc" FROM "Debrief"',
      );
      await client.end();
      expect(rows.rows.map((r) => r.caseCode)).toEqual(['MS-0101']);
      expect(rows.rows[0]!.notesEnc).not.toContain('energy');
    } finally {
      await server.stop();
    }
  }, 240_000);
});

describe('DATABASE_URL', () => {
  it('migrates the given server and starts no embedded one', async () => {
    const name = `msb_fresh_${Date.now()}`;
    await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
    const url = databaseUrl(inject('adminUrl'), name);
    const dataDir = tempDir();
    try {
      const { code } = await runBot({ DATABASE_URL: url, DATA_DIR: dataDir }, '/help\n');
      expect(code).toBe(0);
      expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const applied = await client.query(
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL',
      );
      await client.end();
      expect(applied.rowCount).toBeGreaterThan(0);

      const status = await promisify(execFile)('npx', ['prisma', 'migrate', 'status'], {
        env: { ...process.env, DATABASE_URL: url },
        cwd: path.resolve(import.meta.dirname, '../..'),
      });
      expect(status.stdout).toContain('Database schema is up to date');
    } finally {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  }, 120_000);

  it('refuses to start without DATA_KEYS', async () => {
    const { code, stderr } = await runBot(
      { DATABASE_URL: databaseUrl(inject('adminUrl'), 'postgres'), DATA_KEYS: '' },
      '',
    );
    expect(code).toBe(2);
    expect(stderr).toContain('DATA_KEYS is required when DATABASE_URL is set');
  });
});
