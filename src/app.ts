// Wires one running bot: database, deps, router and features, the HTTP server, the surfaces.
// Used by main.ts and by tests that need a whole bot in-process.
import { catalogue } from '../commands/index.js';
import { httpPort, surfacesToRun, type Config } from './config.js';
import type { CommandDecl } from './core/catalogue.js';
import { systemClock, type Clock } from './core/clock.js';
import type { Deps } from './core/deps.js';
import { createLogger, type Logger } from './core/log.js';
import { openToStrangers } from './core/membership.js';
import { Router } from './core/router.js';
import type { Surface } from './core/surface.js';
import { openStore } from './db/store.js';
import { features as allFeatures } from './features/index.js';
import type { Feature } from './features/feature.js';
import { installFeatures, installPages, jobRegistryOf } from './features/install.js';
import { startHttpServer, type HttpServer } from './http.js';
import { createBackground, type Background, type BackgroundOptions } from './jobs/background.js';
import { mountObservability, type Observability, type Readiness } from './observability/endpoints.js';
import { createOutboxWriter } from './jobs/outbox-writer.js';
import { createSurface, type SurfaceIo } from './surfaces/index.js';
import { WebRouter } from './web/index.js';
import { EVENTS_PATH } from './surfaces/slack/paths.js';
import { IdentityCache } from './core/identity-cache.js';
import { SettingsCache } from './core/settings-cache.js';

export interface App {
  deps: Deps;
  background: Background;
  router: Router;
  http: HttpServer;
  /** The web pages (ack links, reports, calendar feeds) on `http`. */
  web: WebRouter;
  /** The METRICS_PORT server on 127.0.0.1 (/metrics and /healthz's details, no token), when configured. */
  metricsHttp?: HttpServer;
  surfaces: Surface[];
  stop(): Promise<void>;
}

export interface AppOptions {
  io?: SurfaceIo;
  clock?: Clock;
  log?: Logger;
  /** Called when a surface ends by itself (the terminal at end of input). */
  onSurfaceEnd?: () => void;
  /** The features this app is made of (tests add a fixture feature or run one alone); default all. */
  features?: readonly Feature[];
  /** The command declarations its router serves (a fixture feature's added); default commands/index.ts. */
  catalogue?: readonly CommandDecl[];
  /** Job runner, dispatcher, ticking and health check settings (tests shorten them). */
  background?: BackgroundOptions;
}

export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const features = options.features ?? allFeatures;
  const { database, db, cipher, vault } = await openStore(config, log);
  const names = surfacesToRun(config);
  const clock = options.clock ?? systemClock;
  let background: Background | undefined;
  const outbox = createOutboxWriter(
    { vault, clock },
    () => names.filter((n) => n !== 'shell'),
    () => background?.nudge(),
  );
  const deps: Deps = {
    config,
    db,
    cipher,
    vault,
    clock,
    log,
    outbox,
    jobs: jobRegistryOf(features),
    settings: new SettingsCache(),
    identities: new IdentityCache(),
  };

  const router = new Router(deps, options.catalogue ?? catalogue);
  installFeatures(router, features);
  router.verify();

  const surfaces: Surface[] = [];
  background = createBackground(deps, database.url, () => surfaces, options.background);
  let readiness: Readiness = 'starting';
  const observability: Observability = {
    token: config.METRICS_TOKEN,
    readiness: () => readiness,
    reachable: () => background.database.reachable(),
    details: () => background.health(),
    metrics: () => background.renderMetrics(),
  };
  const http = await startHttpServer(httpPort(config));
  mountObservability(http, observability, 'public');
  // Links are built from PUBLIC_URL; without it, from the port actually listened on (the terminal demo's is picked free).
  if (!config.PUBLIC_URL) deps.config = { ...deps.config, PUBLIC_URL: `http://localhost:${http.port}` };
  const web = new WebRouter(deps);
  installPages(web, features);
  web.mount(http);
  // Slack retries a 503 after Retry-After; a 404 before its receiver is mounted would look like a wrong URL.
  if (names.includes('slack') && !config.SLACK_APP_TOKEN) http.reserve(EVENTS_PATH);
  let metricsHttp: HttpServer | undefined;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      readiness = 'stopping';
      await background.stop();
      for (const surface of surfaces.reverse()) await surface.stop().catch(() => undefined);
      await http.close();
      await metricsHttp?.close();
      await db.$disconnect();
      await database.stop();
    })());

  try {
    if (config.METRICS_PORT !== undefined) {
      metricsHttp = await startHttpServer(config.METRICS_PORT, { host: '127.0.0.1' });
      mountObservability(metricsHttp, observability, 'local');
    }
    for (const name of names) {
      const surface = await createSurface(name, {
        deps,
        http,
        background,
        io: options.io,
        onEnd: options.onSurfaceEnd,
      });
      surfaces.push(surface);
      await surface.start(router);
    }
    await background.start();
    readiness = 'running';
  } catch (error) {
    await stop();
    throw error;
  }
  // Open membership on a shared workspace or server: anyone there can become a mentor and page a P1.
  const exposed = await openToStrangers(db, config, names);
  if (exposed.length)
    log.warn(
      { event: 'membership_open', membership: 'open', surfaces: exposed, recommended: 'MEMBERSHIP=invite' },
      'membership open on a shared platform',
    );
  log.info(
    { port: http.port, ...(metricsHttp ? { metricsPort: metricsHttp.port } : {}), surfaces: names },
    'bot started',
  );
  return { deps, router, background, http, web, metricsHttp, surfaces, stop };
}
