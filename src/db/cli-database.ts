// For command-line tools: the configured database (DATABASE_URL, else the embedded one in DATA_DIR),
// migrated, with a logger that only speaks up on problems.
import { loadConfig, type Config } from '../config.js';
import { createLogger } from '../core/log.js';
import { openDatabase, type Database } from './database.js';

export async function openCliDatabase(): Promise<{ config: Config; database: Database }> {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  return { config, database: await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, log }) };
}
