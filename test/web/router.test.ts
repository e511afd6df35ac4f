// The web layer on a real HTTP server with pages made for the test: routing, the layout and its
// escaping, security headers on every response, CSRF on every POST, form limits and validation,
// cookies, downloads, and hostile paths and bodies (never a 500, never a page run it should not).
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../../src/config.js';
import type { Deps } from '../../src/core/deps.js';
import { Refusal } from '../../src/core/refusal.js';
import { Cipher } from '../../src/db/cipher.js';
import { createDb } from '../../src/db/client.js';
import { Vault } from '../../src/db/vault.js';
import { startHttpServer, type HttpServer } from '../../src/http.js';
import { createJobRegistry } from '../../src/jobs/registry.js';
import { createOutboxWriter } from '../../src/jobs/outbox-writer.js';
import { file, html, page, publicLink, redirect, WebRouter } from '../../src/web/index.js';
import { ManualClock } from '../helpers/clock.js';
import { TEST_DATA_KEYS, TEST_KEY, testConfig } from '../helpers/deps.js';
import { expectSecurityHeaders, postForm, send, type WebReply } from './client.js';
import { SettingsCache } from '../../src/core/settings-cache.js';
import { IdentityCache } from '../../src/core/identity-cache.js';

/** Deps with no database behind them: these pages never query one. */
function pageDeps(config: Record<string, string> = {}): Deps {
  const cipher = new Cipher([{ id: 'test', key: TEST_KEY }]);
  const base = {
    config: testConfig(config),
    db: createDb('postgresql://nobody@127.0.0.1:1/none'),
    cipher,
    vault: new Vault(cipher),
    clock: new ManualClock(),
    log: pino({ level: 'silent' }),
  };
  return {
    ...base,
    outbox: createOutboxWriter(base, () => []),
    jobs: createJobRegistry(),
    settings: new SettingsCache(),
    identities: new IdentityCache(),
  };
}

const saved: string[] = [];
const seen: WebReply[] = [];
let http: HttpServer;
let port: number;

function testPages(web: WebRouter): void {
  web.get('/hello/:name', async (req) =>
    page(
      `Hello ${req.params.name}`,
      html`<p>Hi ${req.params.name}, ${req.query.get('q')}</p><form method="post" action="/notes">${req.csrfField('/notes')}<button>Save</button></form>`,
    ),
  );
  web.post(
    '/notes',
    z.object({ note: z.string().min(1, 'Please write a note.').max(200, 'A note can be at most 200 characters.') }),
    async (req) => {
      saved.push(req.form.note);
      return redirect('/hello/saved', { cookies: [{ name: req.cookieName('seen'), value: '1', maxAgeSeconds: 60 }] });
    },
  );
  web.get('/export/csv', async () => file('text/csv; charset=utf-8', 'a,b\n1,2\n', { filename: 'figures 2026.csv' }));
  web.get('/refuse/:reason', async (req) => {
    throw new Refusal('Not for you.', req.params.reason === 'nf' ? 'not_found' : 'role');
  });
  web.get('/broken', async () => {
    throw new Error('database exploded with secret details');
  });
}

beforeAll(async () => {
  http = await startHttpServer(0);
  port = http.port;
  const web = new WebRouter(pageDeps());
  testPages(web);
  web.mount(http);
});
afterAll(() => http.close());

const get = async (path: string) => {
  seen.push(await send(port, path));
  return seen.at(-1)!;
};
const post = async (path: string, form: Record<string, string>, headers: Record<string, string> = {}) => {
  seen.push(await postForm(port, path, form, headers));
  return seen.at(-1)!;
};

describe('pages', () => {
  it('renders in the shared layout with every value escaped, and serves the stylesheet', async () => {
    const reply = await get('/hello/%3Cscript%3Ealert(1)%3C%2Fscript%3E?q=%22%3E%3Cimg%20src%3Dx%3E');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.text).toContain('<link rel="stylesheet" href="/static/web.css">');
    expect(reply.text).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;, &quot;&gt;&lt;img src=x&gt;');
    expect(reply.text).not.toMatch(/<script|<img|style=/);
    const css = await get('/static/web.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.text).toContain('@media print');
  });

  it('answers unknown paths 404 and the wrong method 405, as kind pages', async () => {
    const missing = await get('/hello');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('There is no page at this address');
    const wrong = await post('/hello/jo', {});
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET');
    const head = await send(port, '/hello/jo', { method: 'HEAD' });
    expect([head.status, head.text]).toEqual([200, '']);
  });

  it('maps a Refusal to its status and anything else to a 500 page that tells nothing of the error', async () => {
    expect((await get('/refuse/nf')).status).toBe(404);
    const refused = await get('/refuse/role');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Not for you.');
    const broken = await get('/broken');
    expect(broken.status).toBe(500);
    expect(broken.text).toContain('Something went wrong on our side');
    expect(broken.text).not.toContain('exploded');
  });

  it('sends files as downloads with a safe filename', async () => {
    const csv = await get('/export/csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="figures_2026.csv"');
    expect(csv.text).toBe('a,b\n1,2\n');
  });
});

describe('forms', () => {
  it('a form posted from its page with its cookie runs once, validated, and redirects', async () => {
    saved.length = 0; // other tests (the https router) may have saved notes already
    const form = await get('/hello/jo');
    expect(form.cookie).toMatch(/^msn_csrf=[A-Za-z0-9_-]{32}$/);
    expect(form.headers['set-cookie']![0]).toMatch(/; Path=\/; HttpOnly; SameSite=Strict$/);
    const done = await post('/notes', { _csrf: form.csrf!, note: 'Call back on Tuesday' }, { cookie: form.cookie });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/hello/saved');
    expect(done.headers['set-cookie']).toEqual(['seen=1; Path=/; HttpOnly; SameSite=Strict; Max-Age=60']);
    expect(saved).toEqual(['Call back on Tuesday']);
  });

  it('refuses a missing or wrong CSRF token, a form for another page, a cross-site post, a bad body or type, and runs nothing', async () => {
    const form = await get('/hello/jo');
    const before = saved.length;
    const csrf = form.csrf!;
    const cookie = form.cookie;
    const cases: [Promise<WebReply>, number, string][] = [
      [post('/notes', { note: 'x' }, { cookie }), 403, 'did not come from this site'],
      [post('/notes', { _csrf: csrf, note: 'x' }), 403, 'nothing was changed'],
      [
        post(
          '/notes',
          { _csrf: `${csrf.slice(0, 30)}${csrf[30] === 'A' ? 'B' : 'A'}${csrf.slice(31)}`, note: 'x' },
          { cookie },
        ),
        403,
        'nothing was changed',
      ],
      [
        post('/notes', { _csrf: csrf, note: 'x' }, { cookie: 'msn_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
        403,
        'nothing was changed',
      ],
      [
        post('/notes', { _csrf: csrf, note: 'x' }, { cookie, 'sec-fetch-site': 'cross-site' }),
        403,
        'nothing was changed',
      ],
      [post('/notes', { _csrf: csrf, note: '' }, { cookie }), 400, 'Please write a note.'],
      [
        post('/notes', { _csrf: csrf, note: 'y'.repeat(201) }, { cookie }),
        400,
        'A note can be at most 200 characters.',
      ],
      [post('/notes', { _csrf: csrf, note: 'z'.repeat(17_000) }, { cookie }), 413, 'too large'],
      [
        send(port, '/notes', {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ _csrf: csrf, note: 'x' }),
        }),
        415,
        'only its own form',
      ],
    ];
    for (const [reply, status, text] of cases) {
      const got = await reply;
      seen.push(got);
      expect([got.status, got.text.includes(text)]).toEqual([status, true]);
    }
    expect(saved.length).toBe(before);
  });

  it('hostile paths and bodies never get a 500 and never run a form without its token', async () => {
    const before = saved.length;
    // Everything under the router's prefixes reaches it (other paths are the server's plain 404).
    const prefix = fc.constantFrom('/hello', '/notes', '/static', '/export', '/refuse');
    const rest = fc.oneof(
      fc.webPath(),
      fc.string({ maxLength: 80 }).map((s) => `/${encodeURI(s)}`),
      fc.constantFrom(
        '',
        '/%',
        '/%E0%A4%A',
        '/web.css/..',
        '//x',
        '/a?b=%ZZ',
        '/%2e%2e/%2e%2e/etc/passwd',
        `/${'a'.repeat(3000)}`,
      ),
    );
    const hostilePath = fc.tuple(prefix, rest).map(([a, b]) => a + b);
    await fc.assert(
      fc.asyncProperty(
        hostilePath,
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'),
        fc.string({ maxLength: 300 }),
        async (path, method, body) => {
          const reply = await send(port, path, {
            method,
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'msn_csrf=bad; __proto__=x' },
            body,
          });
          expect(reply.status).toBeLessThan(500);
          expectSecurityHeaders(reply);
        },
      ),
      { numRuns: 40 },
    );
    expect(saved.length).toBe(before);
  });

  it('every response carried the security headers, and none was stored', async () => {
    // Responses of its own, whatever ran before: pages, the stylesheet, refusals, a download and posts.
    for (const path of [
      '/hello/jo',
      '/hello',
      '/static/web.css',
      '/refuse/nf',
      '/refuse/role',
      '/broken',
      '/export/csv',
    ])
      await get(path);
    for (const path of ['/hello/jo', '/hello/x?q=1', '/static/web.css', '/export/csv', '/refuse/x']) await get(path);
    await post('/hello/jo', {});
    await post('/notes', { note: 'x' });
    await post('/notes', { _csrf: 'bad', note: 'x' }, { cookie: 'msn_csrf=bad' });
    await post('/notes', { note: '' });
    expect(seen.length).toBeGreaterThan(15);
    for (const reply of seen) expectSecurityHeaders(reply);
    expect(seen.find((r) => r.headers['content-type']?.startsWith('text/css'))!.headers['cache-control']).toBe(
      'public, max-age=3600',
    );
  });
});

describe('per app, and PUBLIC_URL', () => {
  it('two web routers in one process keep their own pages', async () => {
    const other = await startHttpServer(0);
    try {
      const web = new WebRouter(pageDeps());
      web.get('/only/here', async () => page('Only here', html`<p>here</p>`));
      web.mount(other);
      expect((await send(other.port, '/only/here')).status).toBe(200);
      expect((await send(other.port, '/hello/jo')).status).toBe(404);
      expect((await send(port, '/only/here')).status).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('on https, cookies are Secure with the __Host- prefix and HSTS is sent', async () => {
    const other = await startHttpServer(0);
    try {
      const web = new WebRouter(pageDeps({ PUBLIC_URL: 'https://bot.example.org/' }));
      testPages(web);
      web.mount(other);
      const form = await send(other.port, '/hello/jo');
      expect(form.headers['set-cookie']![0]).toMatch(
        /^__Host-msn_csrf=[A-Za-z0-9_-]{32}; Path=\/; HttpOnly; SameSite=Strict; Secure$/,
      );
      expect(form.headers['strict-transport-security']).toBe('max-age=31536000');
      const done = await postForm(other.port, '/notes', { _csrf: form.csrf!, note: 'ok' }, { cookie: form.cookie });
      expect(done.headers['set-cookie']).toEqual([
        '__Host-seen=1; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure',
      ]);
    } finally {
      await other.close();
    }
  });

  it('PUBLIC_URL must be an http(s) address; links are built from it, else from localhost and the port', () => {
    const env = { DATA_KEYS: TEST_DATA_KEYS };
    expect(publicLink(loadConfig({ ...env, PUBLIC_URL: 'https://bot.example.org/' }), '/ack/x')).toBe(
      'https://bot.example.org/ack/x',
    );
    expect(publicLink(loadConfig({ ...env, PORT: '8080' }), '/ack/x')).toBe('http://localhost:8080/ack/x');
    for (const bad of [
      'bot.example.org',
      'ftp://bot.example.org',
      'https://bot.example.org/?a=1',
      'javascript:alert(1)',
    ]) {
      expect(() => loadConfig({ ...env, PUBLIC_URL: bad })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ ...env, PUBLIC_URL: 'nope' })).toThrow(/PUBLIC_URL must be the address people open/);
  });
});
