import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRAMME_COLUMNS, programmeCsv } from '../../../src/features/reports/csv.js';
import { EVALUATION_COLUMNS, evaluationRows } from '../../../src/features/reports/evaluation.js';
import { parseReportExport, runReportExport, type ReportExportRequest } from '../../../src/features/reports/exports.js';
import { programmeFigures } from '../../../src/features/reports/figures.js';
import type { Reader } from '../../../src/features/reports/model.js';
import { parsePeriod, type Period } from '../../../src/features/reports/period.js';
import { presentReport, type ShownReport } from '../../../src/features/reports/present.js';
import { createTestContext, type TestContext } from '../../helpers/deps.js';
import { driver, slack, text } from '../cases/setup.js';
import { known, seedYear } from './year.js';

let t: TestContext;
let d: ReturnType<typeof driver>;
const coord = slack('U-YCOORD', 'Yara');
const mentor = slack('U-YMENT', 'Yusuf');
const board = slack('U-YBOARD', 'Bo');
const now = new Date('2026-11-23T09:00:00Z');
const year = parsePeriod({ from: '2026-01-01', to: '2026-12-31' }, now, 'Europe/London') as Period;
const reports: Partial<Record<Reader, ShownReport>> = {};

beforeAll(async () => {
  t = await createTestContext();
  d = driver(t);
  const coordinatorId = await d.join(coord, ['coordinator']);
  await d.join(mentor);
  await d.join(board, ['board']);
  await seedYear(t.deps.db, coordinatorId);
  const figures = await programmeFigures(t.deps.db, year);
  for (const reader of ['coordinator', 'board', 'evaluator'] as const) reports[reader] = presentReport(figures, reader);
});
afterAll(() => t.close());

const table = (reader: Reader, id: string) =>
  reports[reader]!.sections.flatMap((s) => s.tables).find((x) => x.id === id)!;
const cell = (reader: Reader, id: string, row: string, column = 0) =>
  table(reader, id).rows.find((r) => r.key === row)!.cells[column];
const stat = (reader: Reader, id: string) =>
  reports[reader]!.sections.flatMap((s) => s.stats).find((x) => x.id === id)!.value;

describe('the period', () => {
  it('answers bad dates, a reversed period and a future period kindly, and stops a period at today', () => {
    expect(parsePeriod({ from: '01/01/2026' }, now, 'Europe/London')).toEqual({
      problem: 'The from date "01/01/2026" is not a date; write it as YYYY-MM-DD, like 2026-11-23.',
    });
    expect(parsePeriod({ from: '2026-03-01', to: '2026-02-01' }, now, 'Europe/London')).toEqual({
      problem: 'The period ends (2026-02-01) before it starts (2026-03-01); give the earlier date first.',
    });
    expect(parsePeriod({ from: '2027-01-01', to: '2027-02-01' }, now, 'Europe/London')).toHaveProperty(
      'problem',
      'The period starting 2027-01-01 is in the future; nothing can be reported for it yet.',
    );
    expect(year).toMatchObject({ from: '2026-01-01', to: '2026-11-23', cutToToday: true });
  });
});

describe('the programme report from a seeded year', () => {
  it('counts referrals by source and decision, and the days from referral to first session', () => {
    expect(table('coordinator', 'referrals_by_source').columns).toEqual([
      'Accepted',
      'Declined',
      'Withdrawn',
      'Awaiting a decision',
    ]);
    expect(cell('coordinator', 'referrals_by_source', 'police', 0)).toBe('12');
    expect(cell('coordinator', 'referrals_by_source', 'probation', 0)).toBe('3');
    expect(cell('coordinator', 'referrals_by_source', 'channel', 1)).toBe('2');
    expect(cell('coordinator', 'referrals_by_source', 'self_family', 2)).toBe('1');
    expect(cell('coordinator', 'referrals_by_source', 'marac', 3)).toBe('1');
    expect(table('coordinator', 'referrals_by_source').totals?.at(-1)).toBe(String(known.referrals.total));
    expect(cell('coordinator', 'decline_reasons', 'not_eligible')).toBe('2');
    expect(stat('coordinator', 'referral_to_first_session_median')).toBe(`${known.referralToFirstSession.median} days`);
    expect(stat('coordinator', 'referral_to_first_session_p90')).toBe(`${known.referralToFirstSession.p90} days`);
  });

  it('counts cases, outcomes with rates, positive steps and early endings', () => {
    expect(['opened', 'closed', 'open_at_end'].map((k) => cell('coordinator', 'cases', k))).toEqual([
      String(known.cases.opened),
      String(known.cases.closed),
      String(known.cases.openAtEnd),
    ]);
    expect(['desisted', 'custody_missing', 'not_engaged'].map((k) => cell('coordinator', 'outcomes', k))).toEqual([
      '7 (64%)',
      '2 (18%)',
      '2 (18%)',
    ]);
    expect(cell('coordinator', 'positive_steps', 'education')).toBe('5');
    expect(cell('coordinator', 'positive_steps', 'work')).toBe('3');
    expect(cell('coordinator', 'early_endings', 'client_withdrew')).toBe('2');
    expect(cell('coordinator', 'early_endings', 'custody')).toBe('1');
  });

  it('counts sessions held, missed and cancelled, their hours, and engagement', () => {
    expect(['held', 'missed', 'cancelled'].map((k) => cell('coordinator', 'sessions', k))).toEqual(['55', '5', '3']);
    expect(stat('coordinator', 'hours')).toBe('55 hours');
    expect(['active', 'passive', 'did_not_attend'].map((k) => cell('coordinator', 'engagement', k))).toEqual([
      '40',
      '15',
      '5',
    ]);
  });

  it('compares baseline with the latest review or closure, per level and factor', () => {
    expect(stat('coordinator', 'assessed_cases')).toBe('11');
    expect(table('coordinator', 'risk_levels').rows.map((r) => r.cells)).toEqual([
      ['0', '8'],
      ['1', '3'],
      ['10', '0'],
    ]);
    expect(cell('coordinator', 'risk_factors', 'isolation', 0)).toBe('11');
    expect(cell('coordinator', 'risk_factors', 'isolation', 1)).toBe('4');
    expect(cell('coordinator', 'risk_factors', 'online_influence', 0)).toBe('6');
  });

  it('counts follow-ups, mentors, supervision, escalations with time to acknowledge, concerns and onward referrals', () => {
    expect(table('coordinator', 'follow_ups').rows.map((r) => [r.label, ...r.cells])).toEqual([
      ['3 months after closure', '1 (11%)', '6 (67%)', '2 (22%)'],
    ]);
    expect(cell('coordinator', 'supervision', 'mentors_active')).toBe('4');
    expect(cell('coordinator', 'supervision', 'supervision_held')).toBe('2');
    expect(stat('coordinator', 'caseload_mean')).toBe('1.3 cases');
    expect(stat('coordinator', 'caseload_max')).toBe('2 cases');
    expect(cell('coordinator', 'escalations', 'P1')).toBe('2');
    expect(cell('coordinator', 'escalations', 'P2')).toBe('12');
    expect(stat('coordinator', 'ack_P1_median')).toBe('4 minutes');
    expect(stat('coordinator', 'ack_P1_p90')).toBe('4.8 minutes');
    expect(stat('coordinator', 'ack_P2_median')).toBe('65 minutes');
    expect(stat('coordinator', 'ack_P2_p90')).toBe('109 minutes');
    expect(stat('coordinator', 'ack_P3_median')).toBe('not recorded');
    expect(cell('coordinator', 'concerns', 'risk_to_others')).toBe('4');
    expect(cell('coordinator', 'onward_referrals', 'police')).toBe('2');
  });

  it('shows the board 1 and 2 as "fewer than 3", and hides statistics over fewer than 3', () => {
    expect(cell('board', 'referrals_by_source', 'channel', 1)).toBe('fewer than 3');
    expect(cell('board', 'referrals_by_source', 'marac', 3)).toBe('fewer than 3');
    expect(cell('board', 'referrals_by_source', 'probation', 0)).toBe('3');
    expect(cell('board', 'referrals_by_source', 'police', 1)).toBe('0');
    expect(cell('board', 'outcomes', 'desisted')).toBe('7 (64%)');
    expect(cell('board', 'outcomes', 'custody_missing')).toBe('fewer than 3');
    expect(stat('board', 'ack_P1_median')).toBe('not shown (fewer than 3 records)');
    expect(stat('board', 'ack_P2_median')).toBe('65 minutes');
  });

  it('gives evaluators the digest’s rules: under 10 hidden, the rest rounded to 5, totals protected', () => {
    const shown = reports.evaluator!.sections.flatMap((s) =>
      s.tables.flatMap((x) => [...x.rows.flatMap((r) => r.cells), ...(x.totals ?? []), ...(x.rowTotals ?? [])]),
    );
    for (const value of shown) expect(value).toMatch(/^(fewer than 10|not shown|not recorded|\d*[05]( \(\d+%\))?)$/);
    expect(cell('evaluator', 'referrals_by_source', 'probation', 0)).toBe('fewer than 10');
    expect(cell('evaluator', 'sessions', 'held')).toBe('55');
    expect(cell('evaluator', 'engagement', 'active')).toMatch(/^(40|not shown)$/);
    expect(stat('evaluator', 'ack_P2_median')).toBe('65 minutes');
    expect(stat('evaluator', 'ack_P1_median')).toBe('not shown (fewer than 10 records)');
    expect(stat('evaluator', 'caseload_max')).toMatch(/^not shown/);
  });

  it('writes the figures as CSV with the same labels, for each reader', () => {
    const lines = programmeCsv(reports.board!).trim().split('\r\n');
    expect(lines[0]).toBe(PROGRAMME_COLUMNS.join(','));
    expect(lines).toContain(
      'Referrals,"Referrals received, by source and decision",Channel or Prevent panel,Declined,fewer than 3',
    );
    expect(lines).toContain('Sessions and engagement,Sessions,Held,Count,55');
    expect(lines).toContain('Safeguarding,P2: minutes to acknowledge (median),,,65 minutes');
  });

  it('shows "not recorded" for what a period has not recorded, never zero, and says when nothing happened', async () => {
    const empty = parsePeriod({ from: '2024-01-01', to: '2024-12-31' }, now, 'Europe/London') as Period;
    const figures = presentReport(await programmeFigures(t.deps.db, empty), 'coordinator');
    expect(figures.empty).toBe(true);
    const all = figures.sections.flatMap((s) => s.tables);
    expect(all.find((x) => x.id === 'risk_levels')!.rows[0]!.cells).toEqual(['not recorded', 'not recorded']);
    expect(all.find((x) => x.id === 'engagement')!.notRecorded).toBe(true);
    expect(figures.sections.flatMap((s) => s.stats).find((x) => x.id === 'hours')!.value).toBe('not recorded');
  });
});

describe('the evaluation export', () => {
  it('has one row per case with pseudonymous ids that differ per export, months only, and rare categories hidden', async () => {
    const first = await evaluationRows(t.deps.db, year, Buffer.alloc(32, 1));
    const second = await evaluationRows(t.deps.db, year, Buffer.alloc(32, 2));
    expect(first).toHaveLength(16);
    expect(Object.keys(first[0]!)).toEqual([...EVALUATION_COLUMNS]);
    expect(new Set(first.map((r) => r.case_id)).size).toBe(16);
    expect(first.some((r) => second.some((s) => s.case_id === r.case_id))).toBe(false);
    for (const r of first) {
      expect(r.case_id).toMatch(/^[0-9a-f]{16}$/);
      expect(r.opened_month).toMatch(/^\d{4}-\d{2}$/);
      expect(JSON.stringify(r)).not.toMatch(/YR-\d|\d{4}-\d{2}-\d{2}/);
    }
    expect(first.filter((r) => r.referral_source === 'police')).toHaveLength(13);
    expect(first.filter((r) => r.referral_source === 'fewer than 10')).toHaveLength(3);
    expect(first.filter((r) => r.outcome === 'fewer than 10')).toHaveLength(11);
    expect(first.filter((r) => r.sessions_held === '4')).toHaveLength(10);
    expect(first.filter((r) => r.follow_up_3_months === 'no')).toHaveLength(6);
  });
});

describe('/report in chat', () => {
  it('answers coordinators and the board with a one-time link, refuses mentors, and explains bad dates', async () => {
    const reply = text(await d.run(coord, 'report', undefined, { from: '2026-01-01', to: '2026-06-30' }));
    expect(reply).toMatch(
      /Your report for 2026-01-01 to 2026-06-30: http:\/\/localhost:\d+\/report\/sign-in\/[A-Za-z0-9_-]{43}\n/,
    );
    expect(text(await d.run(board, 'report'))).toContain('Your report for 2026-01-01 to 2026-11-23');
    expect(text(await d.run(mentor, 'report'))).toContain('for coordinators and board members and evaluators only');
    expect(text(await d.run(coord, 'report', undefined, { from: '2026-06-30', to: '2026-01-01' }))).toContain(
      'before it starts',
    );
    expect(text(await d.run(coord, 'report', undefined, { from: '2026-13-01' }))).toContain('write it as YYYY-MM-DD');
    expect(text(await d.run(coord, 'report', undefined, { from: '2027-01-01', to: '2027-03-01' }))).toContain(
      'in the future',
    );
    expect(await t.deps.db.reportSignIn.count()).toBe(2);
  });
});

describe('npm run export', () => {
  it('reads its words strictly, and writes the same figures, audited; the evaluation key is drawn per export', async () => {
    expect(parseReportExport(['programme', '--from', '2026-01-01', '--format', 'xml'])).toEqual({
      problem: '--format is csv or json.',
    });
    expect(parseReportExport(['evaluation', '--reader', 'board'])).toHaveProperty('problem');
    expect(parseReportExport(['cases'])).toEqual({ problem: 'Say which export: programme or evaluation.' });
    const bad = parseReportExport(['programme', '--from', '2026-05-01', '--to', '2026-04-01']) as ReportExportRequest;
    expect(await runReportExport(t.deps, bad)).toEqual({
      problem: 'The period ends (2026-04-01) before it starts (2026-05-01); give the earlier date first.',
    });
    const board = await runReportExport(
      t.deps,
      parseReportExport([
        'programme',
        '--from',
        '2026-01-01',
        '--to',
        '2026-12-31',
        '--reader',
        'board',
      ]) as ReportExportRequest,
    );
    expect('output' in board && board.output).toBe(programmeCsv(reports.board!));
    const evaluation = await runReportExport(
      t.deps,
      parseReportExport([
        'evaluation',
        '--from',
        '2026-01-01',
        '--to',
        '2026-12-31',
        '--format',
        'json',
      ]) as ReportExportRequest,
    );
    if (!('output' in evaluation)) throw new Error(evaluation.problem);
    expect(JSON.parse(evaluation.output).rows).toHaveLength(16);
    expect(evaluation.note).toMatch(/^16 cases\. Pseudonym key for this export .*: [0-9a-f]{64}$/);
    const audited = await t.deps.db.event.findMany({ where: { kind: 'report.exported' }, orderBy: { id: 'asc' } });
    expect(audited.map((e) => e.data)).toEqual([
      { kind: 'programme', from: '2026-01-01', to: '2026-11-23', reader: 'board', format: 'csv' },
      { kind: 'evaluation', from: '2026-01-01', to: '2026-11-23', reader: 'evaluator', format: 'json' },
    ]);
  });

  it('any typed period is either refused with a reason or runs from its first day to a day no later than today (property)', () => {
    fc.assert(
      fc.property(
        fc.option(
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc
              .date({ min: new Date('1999-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
              .map((x) => x.toISOString().slice(0, 10)),
          ),
        ),
        fc.option(
          fc
            .date({ min: new Date('1999-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
            .map((x) => x.toISOString().slice(0, 10)),
        ),
        (from, to) => {
          const p = parsePeriod({ from: from ?? undefined, to: to ?? undefined }, now, 'Europe/London');
          if ('problem' in p) expect(p.problem.length).toBeGreaterThan(10);
          else expect(p.from <= p.to && p.to <= '2026-11-23' && p.start < p.end).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
