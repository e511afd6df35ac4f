// The report pages: the sign-in link (GET shows Continue, POST signs in), the report with its
// period picker and charts, and the CSV downloads. A session opens these pages only; every view
// and download is audited (who, which period, which reader's rules).
import { z } from 'zod';
import { recordEvent } from '../../core/events.js';
import { readSettings } from '../../core/settings.js';
import type { Deps } from '../../core/deps.js';
import { file, html, page, redirect, type WebRequest, type WebResult, type WebRouter } from '../../web/index.js';
import { programmeCsv, toCsv } from './csv.js';
import { EVALUATION_COLUMNS, evaluationRows, newExportKey } from './evaluation.js';
import { programmeFigures } from './figures.js';
import type { Reader } from './model.js';
import { parsePeriod, type Period } from './period.js';
import { presentReport, readerOf } from './present.js';
import { periodPicker, REPORT_CSS_PATH, reportBody, reportCss } from './render.js';
import {
  LINK_MINUTES,
  peekSignInLink,
  redeemSignInLink,
  SESSION_COOKIE,
  SESSION_HOURS,
  sessionMember,
} from './signin.js';

const lead = (text: string) => html`<p class="lead">${text}</p>`;
const ASK_AGAIN = 'Type /report in chat for a new link.';

const linkProblems = {
  unknown: 'This sign-in link is not valid. It may have been copied wrongly.',
  expired: `This sign-in link has expired: links work for ${LINK_MINUTES} minutes.`,
  used: 'This sign-in link has already been used. Each link signs in once.',
};

const audit = (deps: Deps, memberId: string, kind: string, at: Date, data: Record<string, string>) =>
  recordEvent(deps.db, { subjectKind: 'report', subjectId: memberId, kind, at, actorId: memberId, data });

const NOT_A_READER = page(
  'Not available',
  lead(
    'The report pages are for coordinators, board members and evaluators. If you think you should see them, please ask a coordinator.',
  ),
  { status: 403 },
);

/** The reader's rules a member's roles give them now (none for a mentor or a member who left). */
async function mayRead(deps: Deps, memberId: string): Promise<Reader | undefined> {
  const member = await deps.db.member.findUnique({ where: { id: memberId }, select: { roles: true, status: true } });
  return member && member.status !== 'left' ? readerOf(member.roles) : undefined;
}

/** The signed-in member and the reader's rules their roles give, or the page that says why not. */
async function reader(req: WebRequest): Promise<{ memberId: string; reader: Reader } | WebResult> {
  const memberId = await sessionMember(req.deps.db, req.cookies.get(req.cookieName(SESSION_COOKIE)), req.now);
  if (!memberId)
    return page(
      'Please sign in',
      lead(`You are not signed in to the report pages, or your session ended. ${ASK_AGAIN}`),
      { status: 401 },
    );
  const role = await mayRead(req.deps, memberId);
  return role ? { memberId, reader: role } : NOT_A_READER;
}

async function periodOf(req: WebRequest): Promise<Period | { problem: string }> {
  const { networkTimeZone } = await readSettings(req.deps.db, req.deps);
  return parsePeriod(
    { from: req.query.get('from') ?? undefined, to: req.query.get('to') ?? undefined },
    req.now,
    networkTimeZone,
  );
}

const query = (p: { from: string; to: string }) => `from=${p.from}&to=${p.to}`;

export function registerReportPages(web: WebRouter): void {
  web.get(REPORT_CSS_PATH, async () => file('text/css; charset=utf-8', reportCss));

  web.get('/report/sign-in/:token', async (req) => {
    const state = await peekSignInLink(req.deps.db, req.params.token!, req.now);
    if (!state.ok) return page('Link not valid', lead(`${linkProblems[state.why]} ${ASK_AGAIN}`), { status: 410 });
    if (!(await mayRead(req.deps, state.memberId))) return NOT_A_READER;
    return page(
      'Sign in to the report',
      html`<p class="lead">The programme report for ${state.from} to ${state.to}.</p>
<form method="post">${req.csrfField()}<button type="submit">Continue</button></form>
<p class="muted">This link is yours alone and works once. Pressing Continue signs you in to the report pages for ${SESSION_HOURS} hours on this browser.</p>`,
    );
  });

  web.post('/report/sign-in/:token', z.object({}), async (req) => {
    const result = await req.deps.db.$transaction((tx) => redeemSignInLink(tx, req.params.token!, req.now));
    if (!result.ok) return page('Link not valid', lead(`${linkProblems[result.why]} ${ASK_AGAIN}`), { status: 410 });
    if (!(await mayRead(req.deps, result.memberId))) return NOT_A_READER;
    await audit(req.deps, result.memberId, 'report.signed_in', req.now, { from: result.from, to: result.to });
    return redirect(`/report?${query(result)}`, {
      cookies: [{ name: req.cookieName(SESSION_COOKIE), value: result.session, maxAgeSeconds: SESSION_HOURS * 3600 }],
    });
  });

  web.get('/report', async (req) => {
    const who = await reader(req);
    if ('kind' in who) return who;
    const period = await periodOf(req);
    if ('problem' in period) {
      return page(
        'Programme report',
        html`<link rel="stylesheet" href="${REPORT_CSS_PATH}">${periodPicker(req.query.get('from')?.slice(0, 10) ?? '', req.query.get('to')?.slice(0, 10) ?? '', period.problem)}`,
        { status: 400 },
      );
    }
    const figures = await programmeFigures(req.deps.db, period);
    await audit(req.deps, who.memberId, 'report.viewed', req.now, {
      from: period.from,
      to: period.to,
      reader: who.reader,
    });
    const links = {
      csv: `/report/programme.csv?${query(period)}`,
      evaluationCsv: who.reader === 'board' ? undefined : `/report/evaluation.csv?${query(period)}`,
    };
    return page('Programme report', await reportBody(presentReport(figures, who.reader), links));
  });

  web.get('/report/programme.csv', async (req) => {
    const who = await reader(req);
    if ('kind' in who) return who;
    const period = await periodOf(req);
    if ('problem' in period) return page('Programme report', lead(period.problem), { status: 400 });
    const csv = programmeCsv(presentReport(await programmeFigures(req.deps.db, period), who.reader));
    await audit(req.deps, who.memberId, 'report.downloaded', req.now, {
      kind: 'programme',
      from: period.from,
      to: period.to,
      reader: who.reader,
    });
    return file('text/csv; charset=utf-8', csv, { filename: `programme-${period.from}-${period.to}.csv` });
  });

  web.get('/report/evaluation.csv', async (req) => {
    const who = await reader(req);
    if ('kind' in who) return who;
    if (who.reader === 'board')
      return page('Not available', lead('The evaluation export is for evaluators and coordinators.'), { status: 403 });
    const period = await periodOf(req);
    if ('problem' in period) return page('Programme report', lead(period.problem), { status: 400 });
    const rows = await evaluationRows(req.deps.db, period, newExportKey());
    await audit(req.deps, who.memberId, 'report.downloaded', req.now, {
      kind: 'evaluation',
      from: period.from,
      to: period.to,
      reader: who.reader,
    });
    return file(
      'text/csv; charset=utf-8',
      toCsv(
        EVALUATION_COLUMNS,
        rows.map((r) => EVALUATION_COLUMNS.map((c) => r[c])),
      ),
      { filename: `evaluation-${period.from}-${period.to}.csv` },
    );
  });
}
