// A bot replica as a child process for jobs and outbox tests: the real background wiring (job runner,
// dispatcher woken by NOTIFY, node-cron ticking) against the test harness's database, with surfaces
// that post to the test's recorder (test/helpers/recording-surface.ts).
// Environment: DATABASE_URL, DATA_KEYS, RECORDER_URL; PLATFORMS (slack,discord); LEASE_MS; CONCURRENCY;
// SLACK_API_URL: deliver Slack messages through the real Slack surface to that (fake) Web API instead;
// JOBS=1 to run the `test.count` job kind; HANG=before-send:N or after-send:N stops the N-th
// delivery at that point (and prints "hanging") so the test can SIGKILL it there.
import pino from 'pino';
import { configSchema } from '../../src/config.js';
import { systemClock } from '../../src/core/clock.js';
import type { Deps } from '../../src/core/deps.js';
import { recordEvent } from '../../src/core/events.js';
import type { Platform } from '../../src/core/roles.js';
import { Cipher } from '../../src/db/cipher.js';
import { createDb } from '../../src/db/client.js';
import { parseDataKeys } from '../../src/db/keys.js';
import { Vault } from '../../src/db/vault.js';
import { createBackground } from '../../src/jobs/background.js';
import { createOutboxWriter } from '../../src/jobs/outbox-writer.js';
import { createJobRegistry } from '../../src/jobs/registry.js';
import { createHttpSurface } from './recording-surface.js';
import { Router } from '../../src/core/router.js';
import type { Surface } from '../../src/core/surface.js';
import { startHttpServer } from '../../src/http.js';
import { createSlackSurface } from '../../src/surfaces/slack/index.js';
import { SettingsCache } from '../../src/core/settings-cache.js';
import { IdentityCache } from '../../src/core/identity-cache.js';

const env = process.env;
const databaseUrl = env.DATABASE_URL!;
const recorderUrl = env.RECORDER_URL!;
const platforms = (env.PLATFORMS ?? 'slack,discord').split(',') as Platform[];
const [hangAt, hangCount] = (env.HANG ?? ':').split(':') as [string, string];
let sends = 0;
const hang = async (point: string) => {
  if (point !== hangAt || sends !== Number(hangCount)) return;
  process.stdout.write('hanging\n');
  await new Promise(() => undefined);
};

const log = pino({ level: env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
const db = createDb(databaseUrl);
const cipher = new Cipher(parseDataKeys(env.DATA_KEYS!, 'DATA_KEYS'));
const registry = createJobRegistry();
if (env.JOBS === '1') {
  registry.register('test.count', {
    catchUp: 'run',
    maxAttempts: 5,
    async handler({ tx, job, now }) {
      await fetch(`${recorderUrl}/job`, { method: 'POST', body: job.id });
      await recordEvent(tx, { subjectKind: 'job', subjectId: job.id, kind: 'test.ran', at: now });
    },
  });
}

const vault = new Vault(cipher);
const deps: Deps = {
  config: configSchema.parse({
    DATABASE_URL: databaseUrl,
    DATA_KEYS: env.DATA_KEYS,
    LOG_LEVEL: 'silent',
    ...(env.SLACK_API_URL
      ? { SLACK_API_URL: env.SLACK_API_URL, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-secret' }
      : {}),
  }),
  db,
  cipher,
  vault,
  clock: systemClock,
  log,
  outbox: createOutboxWriter({ vault, clock: systemClock }, () => platforms),
  jobs: registry,
  settings: new SettingsCache(),
  identities: new IdentityCache(),
};

const hooks = {
  beforeSend: async () => {
    sends += 1;
    await hang('before-send');
  },
  afterSend: () => hang('after-send'),
};

/** The real Slack surface, its sends wrapped with the same hang points. */
async function realSlack(): Promise<Surface> {
  const http = await startHttpServer(0);
  const surface = await createSlackSurface({ deps, http });
  await surface.start(new Router(deps, []));
  return {
    platform: surface.platform,
    start: (router) => surface.start(router),
    stop: () => surface.stop(),
    connected: () => surface.connected(),
    async deliver(delivery) {
      await hooks.beforeSend();
      const result = await surface.deliver(delivery);
      await hooks.afterSend();
      return result;
    },
  };
}

const surfaces: Surface[] = [];
for (const platform of platforms)
  surfaces.push(
    platform === 'slack' && env.SLACK_API_URL ? await realSlack() : createHttpSurface(platform, recorderUrl, hooks),
  );
const leaseMs = Number(env.LEASE_MS ?? 2_000);
const background = createBackground(deps, databaseUrl, () => surfaces, {
  runner: { leaseMs, concurrency: Number(env.CONCURRENCY ?? 4) },
  dispatcher: { leaseMs, concurrency: Number(env.CONCURRENCY ?? 4), pacing: {} },
});
await background.start();
process.stdout.write('ready\n');
process.once(
  'SIGTERM',
  () =>
    void background
      .stop()
      .then(() => db.$disconnect())
      .finally(() => process.exit(0)),
);
