import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';
import { METRICS_TOKEN, withMetricsToken } from './helpers/metrics-token.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ METRICS_TOKEN });
});
afterAll(() => app.close());

describe('HTTP server', () => {
  it('answers /healthz with the database and surfaces to the metrics token', async () => {
    const res = await fetch(`http://127.0.0.1:${app.http.port}/healthz`, withMetricsToken());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: true, surfaces: { shell: true } });
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`http://127.0.0.1:${app.http.port}/nothing`)).status).toBe(404);
  });
});
