// The bot's database connection cut mid-run (a TCP proxy in front of the test database drops every
// connection and refuses new ones), then restored: /healthz reports the database unreachable and
// then healthy again, and no job is lost or run twice.
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { recordEvent } from '../../src/core/events.js';
import { createDb, type Db } from '../../src/db/client.js';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { defineFeature, job } from '../../src/features/feature.js';
import { features } from '../../src/features/index.js';
import { ManualClock } from '../helpers/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { testConfig } from '../helpers/deps.js';
import { METRICS_TOKEN, withMetricsToken } from '../helpers/metrics-token.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { waitFor } from './owed-work.js';

let database: TestDatabase;
let direct: Db;
let proxy: TcpProxy;
let app: App;
const clock = new ManualClock();
// A test feature: one job kind, run beside every other feature's.
const cutting = defineFeature({
  name: 'cutting',
  jobs: {
    'test.cut': job({
      catchUp: 'run',
      maxAttempts: 20,
      backoff: { baseMs: 1_000, maxMs: 1_000 },
      async handler({ tx, job, now }) {
        await new Promise((r) => setTimeout(r, 2));
        await recordEvent(tx, { subjectKind: 'job', subjectId: job.id, kind: 'test.ran', at: now });
      },
    }),
  },
});

beforeAll(async () => {
  database = await createTestDatabase();
  direct = createDb(database.url);
  const target = new URL(database.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port));
  app = await startApp(
    testConfig({ PORT: '0', DATABASE_URL: proxy.via(database.url), SURFACES: 'shell', METRICS_TOKEN }),
    {
      io: { input: new PassThrough(), output: new PassThrough() },
      clock,
      log: pino({ level: 'silent' }),
      features: [...features, cutting],
      background: { healthIntervalMs: 100, healthTimeoutMs: 500, runner: { leaseMs: 30_000, concurrency: 4 } },
    },
  );
});
afterAll(async () => {
  await proxy.restore();
  await app?.stop();
  await proxy.close();
  await direct.$disconnect();
  await database.drop();
});

const health = async () => {
  const res = await fetch(`http://127.0.0.1:${app.http.port}/healthz`, withMetricsToken());
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('losing the database mid-run', () => {
  it('reports it unreachable, then healthy again, and every job runs exactly once', async () => {
    expect(await health()).toMatchObject({ status: 200, body: { ok: true, database: true } });
    const ids: string[] = [];
    await direct.$transaction(async (tx) => {
      for (let i = 0; i < 300; i++) ids.push((await enqueueJob(tx, { kind: 'test.cut', dueAt: clock.now() })).id);
    });
    const ran = () => direct.event.count({ where: { kind: 'test.ran' } });

    const running = app.background.runner.tick().catch(() => undefined);
    await waitFor(async () => (await ran()) >= 20, 30_000, 'some jobs done');
    await proxy.cut();
    await running;
    await waitFor(async () => (await health()).status === 503, 30_000, '/healthz to report the loss');
    expect((await health()).body).toMatchObject({ ok: false, database: false, oldestOverdueJobSeconds: null });
    expect(await ran()).toBeLessThan(300);

    await proxy.restore();
    await waitFor(async () => (await health()).status === 200, 30_000, '/healthz to report the database back');
    await waitFor(async () => (await health()).body.listening === true, 30_000, 'the dispatcher listening again');
    // Jobs caught by the cut mid-transaction wait for their lease (or backoff) to run out.
    await waitFor(
      async () => {
        clock.advance(31_000);
        await app.background.runner.tick().catch(() => undefined);
        return (await direct.job.count({ where: { status: 'done' } })) === 300;
      },
      60_000,
      'every job done',
    );
    const runs = await direct.$queryRaw<
      { subjectId: string; runs: bigint }[]
    >`SELECT "subjectId", count(*) AS runs FROM "Event" WHERE "kind" = 'test.ran' GROUP BY 1`;
    expect(runs.map((r) => r.subjectId).sort()).toEqual([...ids].sort());
    expect(runs.every((r) => r.runs === 1n)).toBe(true);
    expect((await health()).body).toMatchObject({ ok: true, oldestOverdueJobSeconds: 0 });
    // Every pooled connection came back: a transaction's connection lost with the cut would keep
    // this waiting for ever (src/db/pg-adapter.ts).
    await app.stop();
  }, 120_000);
});
