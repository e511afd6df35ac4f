import type { Config } from '../config.js';
import type { Cipher } from '../db/cipher.js';
import type { Db, Tx } from '../db/client.js';
import type { Clock } from './clock.js';
import type { Logger } from './log.js';
import type { Reply } from './message.js';

export type OwedReply = Extract<Reply, { to: 'member' | 'channel' }>;

/** Writes owed messages into the outbox, inside the caller's transaction. */
export interface OutboxWriter {
  enqueue(tx: Tx, reply: OwedReply): Promise<void>;
}

/** Everything features and surfaces get from the composition root. */
export interface Deps {
  config: Config;
  db: Db;
  cipher: Cipher;
  clock: Clock;
  log: Logger;
  outbox: OutboxWriter;
}
