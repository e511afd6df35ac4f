// The dependencies a command-line tool needs, on the configured (and migrated) database.
import { ConfigError, loadConfig } from '../config.js';
import { systemClock } from '../core/clock.js';
import type { Deps } from '../core/deps.js';
import { createLogger } from '../core/log.js';
import { Cipher } from '../db/cipher.js';
import { createDb } from '../db/client.js';
import { openDatabase, type Database } from '../db/database.js';
import { loadDataKeys } from '../db/keys.js';
import { Vault } from '../db/vault.js';
import { jobRegistryOf } from '../features/install.js';
import { createOutboxWriter } from '../jobs/outbox-writer.js';

export interface CliContext {
  deps: Deps;
  database: Database;
  close(): Promise<void>;
}

export async function openCli(): Promise<CliContext> {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const { keys } = loadDataKeys({
    dataKeys: config.DATA_KEYS,
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
  });
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    migrationDatabaseUrl: config.MIGRATION_DATABASE_URL,
    dataDir: config.DATA_DIR,
    log,
  });
  const db = createDb(database.url);
  const cipher = new Cipher(keys);
  const vault = new Vault(cipher);
  // The tools run no jobs; what they owe waits in the outbox for the bot's dispatcher.
  const deps: Deps = {
    config,
    db,
    cipher,
    vault,
    clock: systemClock,
    log,
    outbox: createOutboxWriter({ vault, clock: systemClock }, () => []),
    jobs: jobRegistryOf([]),
  };
  return {
    deps,
    database,
    async close() {
      await db.$disconnect();
      await database.stop();
    },
  };
}

/** Runs a tool: a usage or configuration problem is one line and exit code 2. */
export async function runCli(usage: string, main: (args: string[]) => Promise<void>): Promise<void> {
  try {
    await main(process.argv.slice(2));
  } catch (error) {
    const isUsage = error instanceof UsageError;
    process.stderr.write(`${isUsage ? `Usage: ${usage}\n` : ''}${(error as Error).message}\n`);
    process.exit(isUsage || error instanceof ConfigError ? 2 : 1);
  }
}

export class UsageError extends Error {}
