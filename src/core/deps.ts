// The app's parts as every use case, job and surface receives them (built once in src/app.ts).
import type { Cipher } from '../db/cipher.js';
import type { Db, Tx } from '../db/client.js';
import type { Vault } from '../db/vault.js';
import type { JobRegistry } from '../jobs/registry.js';
import type { Clock } from './clock.js';
import type { IdentityCache } from './identity-cache.js';
import type { Logger } from './log.js';
import type { Reply } from './message.js';
import type { SettingsDefaults } from './settings.js';
import type { SettingsCache } from './settings-cache.js';

export type OwedReply = Extract<Reply, { to: 'member' | 'channel' | 'update' }>;

/** Writes owed messages into the outbox, inside the caller's transaction. */
export interface OutboxWriter {
  enqueue(tx: Tx, reply: OwedReply): Promise<void>;
}

/** What the core reads from the configuration itself; anything else it needs is passed in. */
export interface CoreConfig extends SettingsDefaults {
  /** Who is an admin: `platform:userId` entries, comma-separated. */
  ADMINS: string;
  /** Interactions handled at once, and how long one may wait for a turn (core/admission.ts). */
  MAX_IN_FLIGHT: number;
  BUSY_AFTER_MS: number;
}

/**
 * The configuration on `deps.config`. The core sees only CoreConfig; src/config.ts widens this to
 * its whole Config by declaration merging (so the core imports nothing from config.ts, and the
 * compiler checks that Config supplies every value the core reads).
 */
export interface AppConfig extends CoreConfig {}

/** Everything features and surfaces get from the composition root. */
export interface Deps {
  config: AppConfig;
  db: Db;
  /** Master-key sealing for transient data (drafts, owed messages). */
  cipher: Cipher;
  /** Subject-key sealing for records, so a member's or a case's content can be erased. */
  vault: Vault;
  clock: Clock;
  log: Logger;
  outbox: OutboxWriter;
  /** This app's job kinds and standing series (from its features). */
  jobs: JobRegistry;
  /** This app's copy of the network settings, kept while it hears their changes. */
  settings: SettingsCache;
  /** This app's copies of who each platform account is, kept while it hears their changes. */
  identities: IdentityCache;
}
