// The dependencies a command-line tool needs, on the configured (and migrated) database.
import { ConfigError, loadConfig } from '../config.js';
import { systemClock } from '../core/clock.js';
import type { Deps } from '../core/deps.js';
import { createLogger } from '../core/log.js';
import type { Database } from '../db/database.js';
import { openStore } from '../db/store.js';
import { jobRegistryOf } from '../features/install.js';
import { createOutboxWriter } from '../jobs/outbox-writer.js';
import { SettingsCache } from '../core/settings-cache.js';
import { IdentityCache } from '../core/identity-cache.js';

export interface CliContext {
  deps: Deps;
  database: Database;
  close(): Promise<void>;
}

export async function openCli(): Promise<CliContext> {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const { database, db, cipher, vault } = await openStore(config, log);
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
    settings: new SettingsCache(),
    identities: new IdentityCache(),
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
