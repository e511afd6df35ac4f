// The ack link through the real HTTP server: a GET shows and changes nothing, the button's POST
// acknowledges once (and the chain stops paging), and every other use gets a kind page and changes
// nothing. One server and one database for the file; each test raises its own escalation.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAckLink } from '../../../src/features/escalation/ack-link.js';
import { registerEscalationPages } from '../../../src/features/escalation/ack-link-page.js';
import { startHttpServer, type HttpServer } from '../../../src/http.js';
import { CSRF_COOKIE, csrfToken } from '../../../src/web/csrf.js';
import { WebRouter } from '../../../src/web/index.js';
import { startTestApp } from '../../helpers/app.js';
import { owedMessages } from '../../helpers/owed.js';
import { expectSecurityHeaders, postForm, send, type WebReply } from '../../web/client.js';
import {
  createHarness,
  DETAILS,
  raiseByForm,
  reset,
  roundTheClock,
  runAt,
  type Harness,
  type Person,
} from './fixture.js';

let h: Harness;
let http: HttpServer;
let base: string;
const seen: WebReply[] = [];
const NONCE = 'n'.repeat(32);

beforeAll(async () => {
  h = await createHarness();
  await reset(h);
  await roundTheClock(h);
  http = await startHttpServer(0);
  base = `http://127.0.0.1:${http.port}`;
  h.t.deps.config = { ...h.t.deps.config, PUBLIC_URL: base };
  const web = new WebRouter(h.t.deps);
  registerEscalationPages(web);
  web.mount(http);
});
afterAll(async () => {
  await http.close();
  await h.close();
});

const escalation = () => h.t.deps.db.escalation.findFirstOrThrow({ orderBy: { number: 'desc' } });

/** A fresh P1 at `at`, Sam primary and Bo backup. */
async function raiseP1(at = '2026-11-23T10:00:00Z') {
  h.t.clock.set(at);
  await raiseByForm(h, { tier: 'P1' });
  return escalation();
}

/** A link for `person` on the latest escalation; returns its path (checked to be on PUBLIC_URL). */
async function linkFor(person: Person, options: { expiresAt?: string } = {}): Promise<string> {
  const row = await escalation();
  const url = await h.t.deps.db.$transaction((tx) =>
    createAckLink(tx, h.t.deps, {
      escalationId: row.id,
      memberId: person.id,
      epoch: row.epoch,
      expiresAt: new Date(options.expiresAt ?? '2026-11-24T12:00:00Z'),
    }),
  );
  expect(url).toMatch(new RegExp(`^${base}/ack/[A-Za-z0-9_-]{43}$`));
  return url.slice(base.length);
}

const seenReply = (reply: WebReply) => {
  seen.push(reply);
  return reply;
};
const open = async (path: string) => seenReply(await send(http.port, path));
const post = async (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  seenReply(await postForm(http.port, path, form, headers));

/** Presses the page's button as a browser would; where the page has none, with a valid CSRF field anyway. */
async function press(path: string) {
  const page = await open(path);
  if (page.csrf) return post(path, { _csrf: page.csrf }, { cookie: page.cookie });
  return post(path, { _csrf: csrfToken(h.t.deps.cipher, NONCE, path) }, { cookie: `${CSRF_COOKIE}=${NONCE}` });
}

/** What must stay as it was after a use that changes nothing. */
async function snapshot() {
  const row = await escalation();
  return {
    status: row.status,
    epoch: row.epoch,
    acknowledgedById: row.acknowledgedById,
    used: await h.t.deps.db.escalationAckLink.count({ where: { usedAt: { not: null } } }),
    events: await h.t.deps.db.event.count({ where: { subjectId: row.id } }),
    owed: await h.t.deps.db.outboxMessage.count(),
  };
}

/** Direct messages paging coordinators about this escalation's steps. */
const pagesFor = async (id: string) =>
  (await owedMessages(h.t.deps)).filter((m) => m.logicalKey?.startsWith(`escalation:${id}:step`)).length;

describe('the ack link', () => {
  it('a GET shows the number, tier and reporter with a button, and changes nothing', async () => {
    const row = await raiseP1();
    const path = await linkFor(h.sam);
    const before = await snapshot();
    const page = await open(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Acknowledge escalation #${row.number}`);
    expect(page.text).toMatch(/<dt>Tier<\/dt><dd>P1<\/dd><dt>Raised by<\/dt><dd>Alex<\/dd>/);
    expect(page.text).toContain('<form method="post"');
    expect(page.text).not.toContain(DETAILS);
    expect(page.text).not.toContain('MS-0042');
    expect(page.cookie).toMatch(new RegExp(`^${CSRF_COOKIE}=`));
    await open(path);
    await send(http.port, path, { method: 'HEAD' });
    expect(await snapshot()).toEqual(before);
  });

  it('the button acknowledges once as that person, tells the reporter, and the chain stops paging', async () => {
    const row = await raiseP1();
    const path = await linkFor(h.sam);
    const done = await press(path);
    expect(done.status).toBe(200);
    expect(done.text).toContain(`escalation #${row.number} is yours`);
    expect(await escalation()).toMatchObject({
      status: 'acknowledged',
      acknowledgedById: h.sam.id,
      epoch: row.epoch + 1,
    });
    const acked = await h.t.deps.db.event.findFirstOrThrow({
      where: { subjectId: row.id, kind: 'escalation.acknowledged' },
    });
    expect(acked).toMatchObject({ actorId: h.sam.id, data: expect.objectContaining({ via: 'link' }) });
    const owed = await owedMessages(h.t.deps);
    expect(
      owed.some(
        (m) => m.recipientMemberId === h.alex.id && m.message.text.startsWith('Sam (coordinator) has your escalation'),
      ),
    ).toBe(true);
    expect(owed.some((m) => m.recipientMemberId === h.sam.id && m.message.text.includes('is yours'))).toBe(true);
    const paged = await pagesFor(row.id);
    await runAt(h, '2026-11-23T10:20:00Z');
    expect(await pagesFor(row.id)).toBe(paged);
  });

  it('a second POST, or another person’s link after that, says who has it and changes nothing', async () => {
    const row = await raiseP1();
    const sams = await linkFor(h.sam);
    const bos = await linkFor(h.bo);
    const first = await open(sams);
    expect((await post(sams, { _csrf: first.csrf! }, { cookie: first.cookie })).status).toBe(200);
    const before = await snapshot();
    const again = await post(sams, { _csrf: first.csrf! }, { cookie: first.cookie });
    expect(again.status).toBe(409);
    expect(again.text).toContain(
      `Escalation #${row.number} was already acknowledged by Sam at Mon 23 Nov 10:00. Nothing more was changed.`,
    );
    const other = await open(bos);
    expect(other.status).toBe(409);
    expect(other.csrf).toBeUndefined();
    expect(other.text).toContain('already acknowledged by Sam');
    expect((await press(bos)).status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('an expired link, a link from an earlier epoch and the reporter’s own link each get a clear page and change nothing', async () => {
    await raiseP1();
    const expired = await linkFor(h.bo, { expiresAt: '2026-11-23T09:59:00Z' });
    const reporters = await linkFor(h.alex);
    const before = await snapshot();
    const page = await press(expired);
    expect(page.status).toBe(410);
    expect(page.text).toContain('has expired or was already used, so nothing was changed');
    expect(page.text).toContain('acknowledge in chat with the escalation ack command');
    const own = await press(reporters);
    expect(own.status).toBe(403);
    expect(own.text).toContain('cannot acknowledge escalation');
    expect(await snapshot()).toEqual(before);
    const old = await linkFor(h.cy);
    await h.t.deps.db.escalation.update({ where: { id: (await escalation()).id }, data: { epoch: { increment: 1 } } });
    expect((await press(old)).status).toBe(410);
    expect((await escalation()).status).toBe('open');
  });

  it('a tampered or unknown token is not recognised, and changes nothing', async () => {
    await raiseP1();
    const path = await linkFor(h.sam);
    const token = path.split('/').pop()!;
    const tampered = `/ack/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const before = await snapshot();
    for (const bad of [tampered, `/ack/${token.slice(0, 20)}`, '/ack/%ZZ', `/ack/${token}x`, `/ack/${token}/`]) {
      const page = await press(bad);
      expect(page.status).toBe(404);
      expect(page.text).toMatch(/Link not recognised|Page not found/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a POST without the CSRF token, with a wrong one, without its cookie or from another site is refused and changes nothing', async () => {
    await raiseP1();
    const path = await linkFor(h.sam);
    const page = await open(path);
    const before = await snapshot();
    const attempts = [
      post(path, {}, { cookie: page.cookie }),
      post(path, { _csrf: `${page.csrf!.slice(0, -2)}xx` }, { cookie: page.cookie }),
      post(path, { _csrf: page.csrf! }),
      post(path, { _csrf: page.csrf! }, { cookie: `${CSRF_COOKIE}=${'y'.repeat(32)}` }),
      post(path, { _csrf: page.csrf! }, { cookie: page.cookie, 'sec-fetch-site': 'cross-site' }),
      post(path, { _csrf: csrfToken(h.t.deps.cipher, NONCE, '/ack/elsewhere') }, { cookie: `${CSRF_COOKIE}=${NONCE}` }),
    ];
    for (const attempt of await Promise.all(attempts)) {
      expect(attempt.status).toBe(403);
      expect(attempt.text).toContain('nothing was changed');
    }
    expect(await snapshot()).toEqual(before);
    expect((await post(path, { _csrf: page.csrf! }, { cookie: page.cookie })).status).toBe(200);
  });

  it('hostile tokens, with or without a valid CSRF field, never get a 500 and never acknowledge', async () => {
    await raiseP1();
    await linkFor(h.sam);
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), fc.webSegment()),
        fc.boolean(),
        async (token, withCsrf) => {
          const path = `/ack/${encodeURIComponent(token)}`;
          const shown = await open(path);
          const posted = await post(
            path,
            { _csrf: withCsrf ? csrfToken(h.t.deps.cipher, NONCE, path) : token },
            { cookie: `${CSRF_COOKIE}=${NONCE}` },
          );
          expect([shown.status, posted.status].every((s) => s >= 400 && s < 500)).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('the running app serves the ack page on its one HTTP server, with links on the port it listens on', async () => {
    await raiseP1();
    const path = await linkFor(h.sam);
    const app = await startTestApp({}, { database: h.t.database, clock: h.t.clock });
    try {
      expect(app.deps.config.PUBLIC_URL).toBe(`http://localhost:${app.http.port}`);
      const page = seenReply(await send(app.http.port, path));
      expect(page.status).toBe(200);
      expect(page.text).toContain('<button type="submit">Acknowledge escalation');
      expect(seenReply(await send(app.http.port, '/static/web.css')).status).toBe(200);
      expect((await send(app.http.port, '/healthz')).status).not.toBe(404);
    } finally {
      await app.stop();
    }
  });

  it('every page carried the security headers', async () => {
    // Pages of every kind from this test too, so the check has its material whatever ran before.
    await raiseP1();
    const path = await linkFor(h.sam);
    const expired = await linkFor(h.bo, { expiresAt: '2026-11-23T09:59:00Z' });
    const reporters = await linkFor(h.alex);
    const page = await open(path);
    await post(path, {}, { cookie: page.cookie });
    await press(expired);
    await press(reporters);
    await post(path, { _csrf: page.csrf! }, { cookie: page.cookie });
    await post(path, { _csrf: page.csrf! }, { cookie: page.cookie });
    for (let i = 0; i < 25; i++) await press(`/ack/unknown-${i}`);
    expect(seen.length).toBeGreaterThan(50);
    for (const reply of seen) expectSecurityHeaders(reply);
  });
});
