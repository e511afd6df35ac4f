// Applies the committed migrations in prisma/migrations with the same bookkeeping as
// `prisma migrate deploy` (the _prisma_migrations table, sha256 checksums), so `prisma migrate status`
// agrees, without loading the Prisma CLI at start-up. Replicas starting together serialise on an
// advisory lock. Run them as the owner role (README, "Database"); src/db/roles.ts then grants the
// runtime role what the bot needs.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

// Found by walking up, so the same code runs from src/ (tsx) and from dist/src/ (compiled).
function findMigrations(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error('prisma/migrations not found');
  }
}

export const migrationsDir = findMigrations(import.meta.dirname);
/** Held while migrating and while granting the runtime role (concurrent GRANTs can fail). */
export const LOCK_KEY = 72_201_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const bookkeeping = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies pending migrations; returns the names applied. `role`: SET ROLE to it first, so that what
 * the migrations create belongs to it (the embedded server's owner role, which cannot log in).
 */
export async function applyMigrations(
  connectionString: string,
  migrations = readMigrations(),
  options: { role?: string } = {},
): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    if (options.role) await client.query(`SET ROLE ${client.escapeIdentifier(options.role)}`);
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(bookkeeping);
    const done = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const applied = new Map(done.rows.map((row) => [row.migration_name, row]));
    const ran: string[] = [];
    for (const migration of migrations) {
      const previous = applied.get(migration.name);
      if (previous?.finished_at) {
        if (previous.checksum !== migration.checksum) {
          throw new Error(`migration ${migration.name} was changed after it was applied; add a new migration instead`);
        }
        continue;
      }
      if (previous)
        throw new Error(`migration ${migration.name} failed earlier and needs attention (prisma migrate resolve)`);
      const id = randomUUID();
      await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)', [
        id,
        migration.checksum,
        migration.name,
      ]);
      try {
        await client.query('BEGIN');
        await client.query(migration.sql);
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        await client.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [
          id,
          String((error as Error).message),
        ]);
        throw error;
      }
      ran.push(migration.name);
    }
    return ran;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/**
 * The migrations not applied yet, read-only: for a runtime role, which may not migrate. Refuses, as
 * applyMigrations does, a migration changed after it was applied.
 */
export async function pendingMigrations(connectionString: string, migrations = readMigrations()): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const [{ exists }] = (
      await client.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`)
    ).rows as [{ exists: boolean }];
    if (!exists) return migrations.map((m) => m.name);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
    );
    const applied = new Map(done.rows.map((row) => [row.migration_name, row.checksum]));
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined && checksum !== migration.checksum) {
        throw new Error(`migration ${migration.name} was changed after it was applied; add a new migration instead`);
      }
    }
    return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
  } finally {
    await client.end();
  }
}
