// Issue 16, "/metrics and /healthz not public": on the public port (where Slack's events URL faces
// the internet) /metrics answers only to METRICS_TOKEN and is not served at all without one, and
// /healthz says one word (ok, starting or unavailable) unless the token is presented. METRICS_PORT
// serves both on 127.0.0.1 only. Before the fix anyone could read overdue escalation jobs here.
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHttpServer, type HttpServer } from '../../src/http.js';
import { enqueueJob } from '../../src/jobs/enqueue.js';
import { mountObservability, type Readiness } from '../../src/observability/endpoints.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { METRICS_TOKEN, withMetricsToken } from '../helpers/metrics-token.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

/** An escalation job overdue by 90 s that no replica runs: what a stranger must not learn of (the
 * database is shared by the bots below, so it is written once, by whichever bot starts first). */
async function overdueEscalationJob(app: TestApp): Promise<void> {
  await app.deps.db.$transaction((tx) =>
    enqueueJob(tx, {
      kind: 'escalation.unrun',
      dueAt: new Date(app.clock.now().getTime() - 90_000),
      dedupeKey: 'metrics-exposure:overdue-escalation',
    }),
  );
}

/** Waits until the bot's dispatcher listens for owed messages (it connects just after start). */
async function listening(app: TestApp): Promise<void> {
  await vi.waitFor(() => {
    if (!app.background.dispatcher.listening()) throw new Error('not listening yet');
  });
}

const at = (server: HttpServer, path: string, init?: RequestInit) =>
  fetch(`http://127.0.0.1:${server.port}${path}`, init);

describe('without METRICS_TOKEN or METRICS_PORT', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({}, { database });
    await overdueEscalationJob(app);
  });
  afterAll(() => app?.close());

  it('answers /metrics 404 with nothing in it, whatever is presented', async () => {
    for (const init of [undefined, withMetricsToken(), withMetricsToken('')]) {
      const res = await at(app.http, '/metrics', init);
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).not.toContain('msb_');
      expect(text).not.toContain('escalation');
    }
    expect(app.metricsHttp).toBeUndefined();
  });

  it('answers /healthz with one word and no details', async () => {
    const res = await at(app.http, '/healthz', withMetricsToken());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toBe('ok');
  });
});

describe('with METRICS_TOKEN', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ METRICS_TOKEN }, { database });
    await overdueEscalationJob(app);
    await listening(app);
  });
  afterAll(() => app?.close());

  it('refuses /metrics without the token, or with a wrong one, and serves it with the token', async () => {
    const wrong = [
      undefined,
      withMetricsToken('x'),
      withMetricsToken(`${METRICS_TOKEN.slice(0, -1)}X`),
      withMetricsToken(`${METRICS_TOKEN}0`),
      { headers: { authorization: METRICS_TOKEN } },
      { headers: { authorization: `Basic ${METRICS_TOKEN}` } },
    ];
    for (const init of wrong) {
      const res = await at(app.http, '/metrics', init);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await res.text()).not.toContain('msb_');
    }
    const res = await at(app.http, '/metrics', withMetricsToken());
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('msb_job_lag_seconds{kind="escalation.unrun"} 90');
    expect(text).toContain('msb_jobs_overdue{kind="escalation.unrun"} 1');
  });

  it('answers /healthz with one word to the public and with its details to the token', async () => {
    const word = await at(app.http, '/healthz', withMetricsToken('not-the-token-at-all-0000000'));
    expect(word.status).toBe(200);
    expect(await word.text()).toBe('ok');
    const details = await at(app.http, '/healthz', withMetricsToken());
    expect(details.status).toBe(200);
    expect(details.headers.get('cache-control')).toBe('no-store');
    expect(await details.json()).toMatchObject({
      status: 'ok',
      ok: true,
      database: true,
      surfaces: { shell: true },
      oldestOverdueJobSeconds: 90,
      listening: true,
    });
  });
});

describe('with METRICS_PORT', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ METRICS_PORT: '0' }, { database });
    await overdueEscalationJob(app);
  });
  afterAll(() => app?.close());

  it('serves /metrics and the details of /healthz on 127.0.0.1 only, and still not on the public port', async () => {
    const metricsHttp = app.metricsHttp!;
    expect(metricsHttp.server.address()).toMatchObject({ address: '127.0.0.1', port: metricsHttp.port });
    const metrics = await at(metricsHttp, '/metrics');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('msb_jobs_overdue{kind="escalation.unrun"} 1');
    expect(await (await at(metricsHttp, '/healthz')).json()).toMatchObject({ status: 'ok', database: true });
    expect((await at(app.http, '/metrics')).status).toBe(404);
    expect(await (await at(app.http, '/healthz')).text()).toBe('ok');
    // Not reachable on the machine's other addresses.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) await expect(fetch(`http://${external.address}:${metricsHttp.port}/metrics`)).rejects.toThrow();
  });
});

describe('the one word of /healthz', () => {
  let http: HttpServer;
  let readiness: Readiness = 'starting';
  let reachable = true;
  beforeAll(async () => {
    http = await startHttpServer(0, { host: '127.0.0.1' });
    mountObservability(
      http,
      {
        token: METRICS_TOKEN,
        readiness: () => readiness,
        reachable: () => reachable,
        details: async () => ({ ok: reachable, database: reachable, oldestOverdueJobSeconds: 1234 }),
        metrics: async () => ({ contentType: 'text/plain', body: 'msb_secret 1\n' }),
      },
      'public',
    );
  });
  afterAll(() => http?.close());

  const word = async () => {
    const res = await at(http, '/healthz');
    return [res.status, await res.text()];
  };

  it('is starting (503) until the bot has started, ok (200) while it runs with its database, unavailable (503) otherwise', async () => {
    readiness = 'starting';
    expect(await word()).toEqual([503, 'starting']);
    readiness = 'running';
    expect(await word()).toEqual([200, 'ok']);
    reachable = false;
    expect(await word()).toEqual([503, 'unavailable']);
    const details = await at(http, '/healthz', withMetricsToken());
    expect(details.status).toBe(503);
    expect(await details.json()).toEqual({
      status: 'unavailable',
      ok: false,
      database: false,
      oldestOverdueJobSeconds: 1234,
    });
    reachable = true;
    readiness = 'stopping';
    expect(await word()).toEqual([503, 'unavailable']);
  });

  it('answers only GET, and only at its own path', async () => {
    expect((await at(http, '/healthz', { method: 'POST' })).status).toBe(405);
    expect((await at(http, '/healthzz')).status).toBe(404);
    expect((await at(http, '/metrics', withMetricsToken())).status).toBe(200);
    expect((await at(http, '/metricsx', withMetricsToken())).status).toBe(404);
  });
});
