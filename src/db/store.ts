// The configured data keys and database, opened alike by the bot (app.ts) and the command-line tools:
// the keys first (a new key file is announced, to be backed up apart), then the migrated database.
import type { Logger } from '../core/log.js';
import { Cipher } from './cipher.js';
import { createDb, type Db } from './client.js';
import { openDatabase, type Database } from './database.js';
import { loadDataKeys } from './keys.js';
import { Vault } from './vault.js';

/** The configuration values this needs; deps.config has them. */
export interface StoreConfig {
  DATA_KEYS?: string;
  DATABASE_URL?: string;
  MIGRATION_DATABASE_URL?: string;
  DATA_DIR: string;
}

export interface Store {
  database: Database;
  db: Db;
  cipher: Cipher;
  vault: Vault;
}

export async function openStore(config: StoreConfig, log: Logger): Promise<Store> {
  const keySource = loadDataKeys({
    dataKeys: config.DATA_KEYS,
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
  });
  if (keySource.generatedAt) {
    log.warn(
      { file: keySource.generatedAt },
      'generated a new data encryption key; back it up separately from the database',
    );
  }
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    migrationDatabaseUrl: config.MIGRATION_DATABASE_URL,
    dataDir: config.DATA_DIR,
    log,
  });
  const cipher = new Cipher(keySource.keys);
  return { database, db: createDb(database.url), cipher, vault: new Vault(cipher) };
}
