// The whole bot in-process: owed messages reach the surface on commit, /healthz reports the database,
// surfaces and the oldest overdue job, and /metrics exposes backlog, lag and failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { METRICS_TOKEN, withMetricsToken } from '../helpers/metrics-token.js';
import { waitFor } from './owed-work.js';

let app: TestApp;
beforeAll(async () => {
  // The terminal demo's cast (jo receives the owed message): turned on explicitly on a test database.
  app = await startTestApp({ METRICS_TOKEN, DEMO: 'on' });
});
afterAll(() => app.close());

const get = (path: string) => fetch(`http://127.0.0.1:${app.http.port}${path}`, withMetricsToken());

// One owed message to jo, delivered once whichever test asks first (the metrics count exactly one).
let delivered: Promise<void> | undefined;
const deliverRotaMessage = () => {
  delivered ??= (async () => {
    const jo = await app.deps.db.memberIdentity.findFirstOrThrow({
      where: { platform: 'shell', platformUserId: 'jo' },
    });
    await app.deps.db.$transaction((tx) =>
      app.deps.outbox.enqueue(tx, {
        to: 'member',
        memberId: jo.memberId,
        message: { text: 'Your rota starts Monday.' },
      }),
    );
    await waitFor(
      async () => (await app.deps.db.outboxMessage.count({ where: { status: 'sent' } })) === 1,
      10_000,
      'the row marked sent',
    );
  })();
  return delivered;
};

describe('the running bot', () => {
  it('delivers an owed message to the surface as soon as its transaction commits', async () => {
    await deliverRotaMessage();
    await waitFor(() => app.output().includes('Your rota starts Monday.'), 10_000, 'the message printed');
    expect(app.output()).toContain('direct message to jo');
    await waitFor(
      async () => (await app.deps.db.outboxMessage.count({ where: { status: 'sent' } })) === 1,
      10_000,
      'the row marked sent',
    );
  });

  it('reports the oldest overdue job in /healthz and job lag and backlog in /metrics', async () => {
    await deliverRotaMessage();
    // A kind no replica runs yet (as during a rolling deploy): it waits, and the wait shows.
    await app.deps.db.$transaction((tx) =>
      enqueueJob(tx, { kind: 'test.nobody', dueAt: new Date(app.clock.now().getTime() - 90_000) }),
    );
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      ok: true,
      database: true,
      surfaces: { shell: true },
      oldestOverdueJobSeconds: 90,
      listening: true,
    });

    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toContain('msb_job_lag_seconds{kind="test.nobody"} 90');
    expect(text).toContain('msb_jobs_overdue{kind="test.nobody"} 1');
    expect(text).toContain('msb_outbox_delivery_attempts_total{platform="shell",result="ok"} 1');
    expect(text).toMatch(/msb_outbox_delivery_seconds_count\{platform="shell"\} 1/);
    expect(text).toContain('msb_database_up 1');
    expect(text).toContain('msb_surface_connected{platform="shell"} 1');
    for (const name of [
      'msb_outbox_backlog',
      'msb_outbox_oldest_undelivered_seconds',
      'msb_outbox_delivery_failures_total',
      'msb_jobs_failed',
    ])
      expect(text).toContain(`# TYPE ${name}`);
  });
});
