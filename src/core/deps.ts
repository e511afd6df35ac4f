import type { Config } from '../config.js';
import type { Cipher } from '../db/cipher.js';
import type { Db, Tx } from '../db/client.js';
import type { Vault } from '../db/vault.js';
import type { JobRegistry } from '../jobs/registry.js';
import type { Clock } from './clock.js';
import type { Logger } from './log.js';
import type { Reply } from './message.js';

export type OwedReply = Extract<Reply, { to: 'member' | 'channel' | 'update' }>;

/** Writes owed messages into the outbox, inside the caller's transaction. */
export interface OutboxWriter {
  enqueue(tx: Tx, reply: OwedReply): Promise<void>;
}

/** Everything features and surfaces get from the composition root. */
export interface Deps {
  config: Config;
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
}
