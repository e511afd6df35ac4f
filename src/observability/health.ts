// Database reachability for /healthz: a fresh connection and `SELECT 1` on a timer, each bounded
// by a timeout, so a lost database shows within one interval plus one timeout (10 s + 5 s by
// default; the issue asks for 30 s) and a returned one at the next check.
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { Db } from '../db/client.js';
import { probeDatabase } from '../db/pg-connection.js';

export interface DatabaseMonitor {
  reachable(): boolean;
  check(): Promise<boolean>;
  stop(): void;
}

export function monitorDatabase(
  connectionString: string,
  log: Logger,
  options: { intervalMs?: number; timeoutMs?: number; onChange?: (up: boolean) => void } = {},
): DatabaseMonitor {
  const timeoutMs = options.timeoutMs ?? 5_000;
  let up = true;
  let checking: Promise<boolean> | undefined;

  const probe = async () => (await probeDatabase(connectionString, timeoutMs)).reachable;

  const check = () =>
    (checking ??= probe()
      .then((now) => {
        if (now !== up) {
          if (now) log.info({}, 'database reachable again');
          else log.error({}, 'database unreachable');
          options.onChange?.(now);
        }
        up = now;
        return now;
      })
      .finally(() => (checking = undefined)));

  const timer = setInterval(() => void check(), options.intervalMs ?? 10_000);
  timer.unref();
  void check();
  return { reachable: () => up, check, stop: () => clearInterval(timer) };
}

/** Seconds the oldest overdue job has waited (claimable now and not taken), or 0. */
export async function oldestOverdueJobSeconds(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const rows = await db.$queryRaw<{ at: Date | null }[]>`
    SELECT min(CASE WHEN "status" = 'pending' THEN "runAt" ELSE "leaseUntil" END) AS at FROM "Job"
    WHERE ("status" = 'pending' AND "runAt" <= ${now}) OR ("status" = 'running' AND "leaseUntil" <= ${now})`;
  const at = rows[0]?.at;
  return at ? Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000)) : 0;
}
