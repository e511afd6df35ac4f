// What wakes the dispatcher: NOTIFY on a dedicated connection (sent by the outbox writer, delivered
// when the writing transaction commits, to every replica), an in-process nudge, and the ticker's
// poll as the fallback. The listening connection reconnects by itself after losing the database;
// the app's caches listen the same way (core/heard-cache.ts).
import pg from 'pg';
import { errorFields, type Logger } from '../core/log.js';

/** Wakes waiting workers; `generation` lets a worker notice a wake that came while it was busy. */
export class Waker {
  generation = 0;
  private waiters: (() => void)[] = [];

  wake(): void {
    this.generation += 1;
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

export interface Listener {
  connected(): boolean;
  stop(): Promise<void>;
}

/** Listens on each channel on one connection, calling its handler for every notification on it. */
export function listen(
  connectionString: string,
  channels: Record<string, () => void>,
  log: Logger,
  retryMs = 1_000,
): Listener {
  let client: pg.Client | undefined;
  let stopped = false;
  let up = false;
  let timer: NodeJS.Timeout | undefined;

  const retry = () => {
    up = false;
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
  };

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000, keepAlive: true });
    client = next;
    const lost = () => {
      if (client !== next) return;
      void next.end().catch(() => undefined);
      retry();
    };
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', (message) => channels[message.channel]?.());
    try {
      await next.connect();
      for (const channel of Object.keys(channels)) await next.query(`LISTEN ${channel}`);
      if (stopped) return void (await next.end().catch(() => undefined));
      up = true;
      log.debug({ channels: Object.keys(channels) }, 'listening for notifications');
      // Anything committed while we were not listening is picked up now.
      for (const onNotify of Object.values(channels)) onNotify();
    } catch (error) {
      log.warn(
        { channels: Object.keys(channels), err: errorFields(error) },
        'could not listen for notifications; retrying',
      );
      lost();
    }
  }

  void connect();
  return {
    connected: () => up,
    async stop() {
      stopped = true;
      up = false;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
