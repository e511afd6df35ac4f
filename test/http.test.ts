import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('HTTP server', () => {
  it('answers /healthz with the database and surfaces', async () => {
    const res = await fetch(`http://127.0.0.1:${app.http.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: true, surfaces: { shell: true } });
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`http://127.0.0.1:${app.http.port}/nothing`)).status).toBe(404);
  });
});
