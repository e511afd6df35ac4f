// The database the bot runs on: DATABASE_URL when set, else an embedded server kept in DATA_DIR.
// Migrations are applied either way before anything else touches it.
import path from 'node:path';
import type { Logger } from '../core/log.js';
import { startEmbeddedPostgres } from './embedded.js';
import { applyMigrations } from './migrate.js';

export interface Database {
  url: string;
  embedded: boolean;
  /** Migrations this start applied. */
  applied: string[];
  stop(): Promise<void>;
}

const DATABASE_NAME = 'mentor_support';

export async function openDatabase(options: { databaseUrl?: string; dataDir: string; log: Logger }): Promise<Database> {
  const { log } = options;
  if (options.databaseUrl) {
    const applied = await applyMigrations(options.databaseUrl);
    log.info({ applied: applied.length, embedded: false }, 'database ready');
    return { url: options.databaseUrl, embedded: false, applied, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ dataRoot: options.dataDir });
  try {
    const admin = server.url('postgres');
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
    await client.end();
    const url = server.url(DATABASE_NAME);
    const applied = await applyMigrations(url);
    log.info({ applied: applied.length, embedded: true, dataDir: path.join(options.dataDir, 'postgres'), port: server.port }, 'database ready');
    return { url, embedded: true, applied, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
