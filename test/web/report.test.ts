// The report page in a real headless browser (playwright-core driving the Chromium inside
// @sparticuz/chromium's npm package): sign-in once, refusals with no figures, charts, CSP, no script.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerReportPages } from '../../src/features/reports/pages.js';
import { createSignInLink } from '../../src/features/reports/signin.js';
import { startHttpServer, type HttpServer } from '../../src/http.js';
import { WebRouter } from '../../src/web/index.js';
import { createTestContext, type TestContext } from '../helpers/deps.js';
import { seedYear } from '../features/reports/year.js';

let t: TestContext;
let http: HttpServer;
let browser: Browser;
const ids = { coordinator: randomUUID(), board: randomUUID(), evaluator: randomUUID(), mentor: randomUUID() };
const SECRET_WORDS = 'ZEBRA-FREE-TEXT';
const year = { from: '2026-01-01', to: '2026-11-23' };

beforeAll(async () => {
  t = await createTestContext();
  await t.deps.db.member.createMany({
    data: [
      { id: ids.coordinator, displayName: 'Cora Coordinator', roles: ['coordinator'] },
      { id: ids.board, displayName: 'Bea Board', roles: ['board'] },
      { id: ids.evaluator, displayName: 'Eve Evaluator', roles: ['evaluator'] },
      { id: ids.mentor, displayName: 'Milo Mentor', roles: ['mentor'] },
    ],
  });
  await seedYear(t.deps.db, ids.coordinator);
  // Free text where it is kept: none of it may reach the page.
  await t.deps.db.debrief.updateMany({ data: { notesEnc: SECRET_WORDS, nextStepsEnc: SECRET_WORDS } });
  await t.deps.db.escalation.updateMany({ data: { detailsEnc: SECRET_WORDS } });
  const web = new WebRouter(t.deps);
  registerReportPages(web);
  http = await startHttpServer(0);
  web.mount(http);
  browser = await playwright.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args,
    headless: true,
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await http?.close();
  await t?.close();
});

const base = () => `http://127.0.0.1:${http.port}`;
const linkFor = async (memberId: string, at = t.clock.now()) =>
  `${base()}/report/sign-in/${await createSignInLink(t.deps.db, memberId, year, at)}`;

/** A fresh browser context (no cookies) that records CSP violations and console errors. */
async function fresh(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems };
}

async function signIn(memberId: string): Promise<{ page: Page; problems: string[] }> {
  const session = await fresh();
  await session.page.goto(await linkFor(memberId));
  await session.page.getByRole('button', { name: 'Continue' }).click();
  await session.page.waitForURL(/\/report\?from=/);
  return session;
}

describe('the report page', () => {
  it('signs in once with the link (GET shows Continue, POST signs in) and never again', async () => {
    // Only this test's audit events count: other tests sign the coordinator in too.
    const last = await t.deps.db.event.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
    const before = last?.id ?? 0n;
    const link = await linkFor(ids.coordinator);
    const { page, problems } = await fresh();
    const first = await page.goto(link);
    expect(first?.status()).toBe(200);
    expect(await page.locator('table').count()).toBe(0);
    await page.goto(link);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/report\?from=2026-01-01&to=2026-11-23$/);
    expect(await page.locator('table[data-table="referrals_by_source"]').count()).toBe(1);
    expect(problems).toEqual([]);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'msn_report')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      secure: false,
    });
    const again = await fresh();
    await again.page.goto(link);
    expect(await again.page.locator('main').innerText()).toContain('already been used');
    expect(await again.page.locator('table').count()).toBe(0);
    const audited = await t.deps.db.event.findMany({
      where: { subjectKind: 'report', actorId: ids.coordinator, id: { gt: before } },
      orderBy: { id: 'asc' },
    });
    expect(audited.map((e) => [e.kind, e.data])).toEqual([
      ['report.signed_in', { from: '2026-01-01', to: '2026-11-23' }],
      ['report.viewed', { from: '2026-01-01', to: '2026-11-23', reader: 'coordinator' }],
    ]);
  });

  it('shows figures with charts as SVG, under a strict CSP with no script, and no free text or names', async () => {
    const { page, problems } = await signIn(ids.coordinator);
    const response = await page.reload();
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("default-src 'none'");
    const html = await page.content();
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
    expect(html).not.toContain(SECRET_WORDS);
    expect(html).not.toMatch(/Year Mentor|Cora|YR-\d/);
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('[data-table="sessions"] tbody tr').first().innerText()).toContain('55');
    const shot = await page.screenshot({ fullPage: true });
    expect(shot.length).toBeGreaterThan(20_000);
    if (process.env.DOCS_SCREENSHOTS) {
      mkdirSync('docs', { recursive: true });
      await page.emulateMedia({ media: 'screen' });
      writeFileSync('docs/report.png', await page.screenshot({ fullPage: true }));
    }
    expect(problems).toEqual([]);
  });

  it('refuses an expired link, a tampered link, a mentor’s link and no cookie with a clear page and no figures', async () => {
    const { page } = await fresh();
    const expired = await linkFor(ids.coordinator, new Date(t.clock.now().getTime() - 11 * 60_000));
    await page.goto(expired);
    expect(await page.locator('main').innerText()).toContain('has expired');
    const good = await linkFor(ids.coordinator);
    await page.goto(`${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`);
    expect(await page.locator('main').innerText()).toContain('not valid');
    await page.goto(await linkFor(ids.mentor));
    expect(await page.locator('main').innerText()).toContain('for coordinators, board members and evaluators');
    await page.goto(`${base()}/report?from=2026-01-01&to=2026-11-23`);
    expect(await page.locator('main').innerText()).toContain('not signed in');
    expect(await page.locator('table').count()).toBe(0);
  });

  it('answers a reversed, future, malformed or empty period clearly on the page', async () => {
    const { page } = await signIn(ids.board);
    const says = async (query: string) => {
      await page.goto(`${base()}/report?${query}`);
      return page.locator('main').innerText();
    };
    expect(await says('from=2026-03-01&to=2026-02-01')).toContain('before it starts');
    expect(await says('from=2027-01-01&to=2027-02-01')).toContain('in the future');
    expect(await says('from=1/1/2026&to=2026-02-01')).toContain('write it as YYYY-MM-DD');
    expect(await says('from=2024-01-01&to=2024-12-31')).toContain('Nothing was recorded in this period');
    expect(await says('from=2026-01-01&to=2026-11-23')).toContain('fewer than 3');
  });

  it('lets an evaluator download the evaluation CSV and the board only the figures', async () => {
    const evaluator = await signIn(ids.evaluator);
    const csv = await evaluator.page
      .context()
      .request.get(`${base()}/report/evaluation.csv?from=2026-01-01&to=2026-11-23`);
    expect(csv.headers()['content-disposition']).toBe('attachment; filename="evaluation-2026-01-01-2026-11-23.csv"');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]!.startsWith('case_id,referral_source,referral_month')).toBe(true);
    expect(lines).toHaveLength(17);
    const board = await signIn(ids.board);
    expect(
      (
        await board.page.context().request.get(`${base()}/report/evaluation.csv?from=2026-01-01&to=2026-11-23`)
      ).status(),
    ).toBe(403);
    const figures = await board.page
      .context()
      .request.get(`${base()}/report/programme.csv?from=2026-01-01&to=2026-11-23`);
    expect(await figures.text()).toContain('Channel or Prevent panel,Declined,fewer than 3');
  });
});
