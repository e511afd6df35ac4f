// What the outbox and jobs benchmarks share: a migrated database on an embedded server of their own
// in a temporary directory, a data key, and the fake platform (test/helpers/recording-surface.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Cipher } from '../src/db/cipher.js';
import { createDb, type Db } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { applyMigrations } from '../src/db/migrate.js';

export interface BenchDatabase {
  url: string;
  db: Db;
  cipher: Cipher;
  /** DATA_KEYS for the replicas. */
  dataKeys: string;
  stop(): Promise<void>;
}

export async function startBenchDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'msb-bench-'));
  const server = await startEmbeddedPostgres({ dataRoot: dir });
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE msb_bench');
  await admin.end();
  const url = server.url('msb_bench');
  await applyMigrations(url);
  const key = randomBytes(32);
  const db = createDb(url);
  return {
    url,
    db,
    cipher: new Cipher([{ id: 'bench', key }]),
    dataKeys: `bench:${key.toString('base64')}`,
    async stop() {
      await db.$disconnect();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
