// The bot's background work, wired once for app.ts: the job runner and the outbox dispatcher,
// node-cron ticking them (it only ticks; the rows decide what is due), the metrics and the health
// report that observability/endpoints.ts serves (protected) as /metrics and /healthz.
import { ensureStandingSeries } from './series.js';
import cron, { type ScheduledTask } from 'node-cron';
import type { Deps } from '../core/deps.js';
import { MEMBERS_CHANNEL } from '../core/identity-cache.js';
import { errorFields } from '../core/log.js';
import { SETTINGS_CHANNEL } from '../core/settings-cache.js';
import type { Surface } from '../core/surface.js';
import { monitorDatabase, oldestOverdueJobSeconds, type DatabaseMonitor } from '../observability/health.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './dispatcher.js';
import { createJobRunner, type JobRunner, type JobRunnerOptions } from './runner.js';
import { listen, type Listener } from './wake.js';

export interface BackgroundOptions {
  runner?: Omit<JobRunnerOptions, 'metrics'>;
  dispatcher?: Omit<DispatcherOptions, 'surfaces' | 'listenUrl' | 'metrics'>;
  /** node-cron expression of the tick (default every second). */
  tick?: string;
  healthIntervalMs?: number;
  healthTimeoutMs?: number;
}

export interface HealthReport {
  ok: boolean;
  database: boolean;
  surfaces: Record<string, boolean>;
  oldestOverdueJobSeconds: number | null;
  listening: boolean;
  [key: string]: unknown;
}

export interface Background {
  runner: JobRunner;
  dispatcher: Dispatcher;
  metrics: Metrics;
  database: DatabaseMonitor;
  /** The Prometheus exposition, the surfaces' state and the database gauges read now. */
  renderMetrics(): Promise<{ contentType: string; body: string }>;
  /** Catches up on work that fell due while no runner was up, then ticks. */
  start(): Promise<void>;
  nudge(): void;
  health(): Promise<HealthReport>;
  stop(): Promise<void>;
}

export function createBackground(
  deps: Deps,
  databaseUrl: string,
  surfaces: () => Surface[],
  options: BackgroundOptions = {},
): Background {
  const { log, db, clock } = deps;
  const metrics = createMetrics();
  const database = monitorDatabase(databaseUrl, log, {
    intervalMs: options.healthIntervalMs,
    timeoutMs: options.healthTimeoutMs,
    onChange: metrics.setDatabase,
  });
  metrics.setDatabase(true);
  const runner = createJobRunner(deps, { ...options.runner, metrics });
  const dispatcher = createDispatcher(deps, { ...options.dispatcher, surfaces, listenUrl: databaseUrl, metrics });
  let task: ScheduledTask | undefined;
  let cacheListener: Listener | undefined;

  const tick = async () => {
    dispatcher.wake();
    await runner.tick().catch((error: unknown) => log.warn({ err: errorFields(error) }, 'job tick failed'));
  };

  return {
    runner,
    dispatcher,
    metrics,
    database,
    async renderMetrics() {
      for (const surface of surfaces()) metrics.setSurface(surface.platform, surface.connected());
      return { contentType: metrics.registry.contentType, body: await metrics.render(db, clock) };
    },
    async start() {
      await ensureStandingSeries(deps);
      // Every change to the network settings or to who an account is, on any replica, drops this app's copies.
      cacheListener = listen(
        databaseUrl,
        { [SETTINGS_CHANNEL]: () => deps.settings.changed(), [MEMBERS_CHANNEL]: () => deps.identities.changed() },
        log,
      );
      const hearing = () => cacheListener?.connected() ?? false;
      deps.settings.follow(hearing);
      deps.identities.follow(hearing);
      dispatcher.start();
      // Catching up runs in the background: start-up does not wait for a long backlog.
      void runner.tick().then(
        (counts) => Object.values(counts).some(Boolean) && log.info(counts, 'jobs caught up on start'),
        (error: unknown) =>
          log.warn({ err: { name: (error as Error).name } }, 'catch-up on start failed; the next tick retries'),
      );
      task = cron.schedule(options.tick ?? '* * * * * *', tick, { name: 'msb-tick' });
    },
    nudge: () => dispatcher.nudge(),
    async health() {
      const reachable = database.reachable();
      const overdue = reachable ? await oldestOverdueJobSeconds(db, clock).catch(() => null) : null;
      return {
        ok: reachable,
        database: reachable,
        surfaces: Object.fromEntries(surfaces().map((s) => [s.platform, s.connected()])),
        oldestOverdueJobSeconds: overdue,
        listening: dispatcher.listening(),
      };
    },
    async stop() {
      await task?.destroy();
      database.stop();
      await dispatcher.stop();
      await cacheListener?.stop();
      await runner.stop();
    },
  };
}
