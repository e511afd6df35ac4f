// The programme report for a period, from structured fields only (never free text): one read of
// the aggregates in queries.ts, laid out as the tables and statistics every reader starts from.
import type { Db } from '../../db/client.js';
import { outcomes, positiveSteps, riskFactors, riskLevels } from '../cases/api.js';
import { agencies, concernCategories } from '../concerns/api.js';
import { engagementChoices } from '../debrief/api.js';
import { declineReasons, decisions, endingReasons, reinvolvementAnswers, sourcesInReport } from '../referrals/api.js';
import type { FigureStat, FigureTable, ProgrammeFigures, Section } from './model.js';
import type { Period } from './period.js';
import {
  caseCounts,
  distanceTravelled,
  followUpCounts,
  mentorCounts,
  referralCounts,
  safeguardingCounts,
  sessionCounts,
} from './queries.js';

type Options = readonly { value: string; label: string }[];
const column = (key: string, label: string) => ({ key, label });

/** A one-column table of counts by option, in the options' order. */
function byOption(
  id: string,
  title: string,
  rowHeader: string,
  options: Options,
  rows: { a: string; n: number }[],
  extra: Partial<FigureTable> = {},
): FigureTable {
  const count = new Map(rows.map((r) => [r.a, r.n]));
  return {
    id,
    title,
    rowHeader,
    columns: [column('count', 'Count')],
    rows: options.map((o) => ({ key: o.value, label: o.label, cells: [count.get(o.value) ?? 0] })),
    totals: true,
    notRecorded: false,
    ...extra,
  };
}

const stat = (
  id: string,
  label: string,
  kind: FigureStat['kind'],
  unit: FigureStat['unit'],
  value: number | null,
  basedOn: number,
): FigureStat => ({
  id,
  label,
  kind,
  unit,
  value: basedOn === 0 ? null : value,
  basedOn,
});

export async function programmeFigures(db: Db, period: Period): Promise<ProgrammeFigures> {
  // Independent reads: on the pool (not in a transaction) they run side by side.
  const [ref, cases, sessions, distance, followUps, mentors, safe] = await Promise.all([
    referralCounts(db, period),
    caseCounts(db, period),
    sessionCounts(db, period),
    distanceTravelled(db, period),
    followUpCounts(db, period),
    mentorCounts(db, period),
    safeguardingCounts(db, period),
  ]);
  const decided = [
    ...decisions.filter((d) => d.value !== 'awaiting'),
    ...decisions.filter((d) => d.value === 'awaiting'),
  ];
  const pairs = new Map(ref.bySourceDecision.map((r) => [`${r.a}|${r.b}`, r.n]));
  const referrals: Section = {
    id: 'referrals',
    title: 'Referrals',
    tables: [
      {
        id: 'referrals_by_source',
        title: 'Referrals received, by source and decision',
        rowHeader: 'Source',
        columns: decided.map((d) => column(d.value, d.label)),
        rows: sourcesInReport.map((s) => ({
          key: s.value,
          label: s.label,
          cells: decided.map((d) => pairs.get(`${s.value}|${d.value}`) ?? 0),
        })),
        totals: true,
        notRecorded: false,
      },
      byOption('decline_reasons', 'Reasons referrals were declined', 'Reason', declineReasons, ref.declineReasons),
    ],
    stats: [
      stat(
        'referral_to_first_session_median',
        'Days from referral to first session (median)',
        'median',
        'days',
        ref.toFirstSession.median,
        ref.toFirstSession.n,
      ),
      stat(
        'referral_to_first_session_p90',
        'Days from referral to first session (90th percentile)',
        'p90',
        'days',
        ref.toFirstSession.p90,
        ref.toFirstSession.n,
      ),
    ],
  };

  const caseSection: Section = {
    id: 'cases',
    title: 'Cases and outcomes',
    tables: [
      {
        id: 'cases',
        title: 'Cases',
        rowHeader: 'Cases',
        columns: [column('count', 'Count')],
        rows: [
          { key: 'opened', label: 'Opened in the period', cells: [cases.opened] },
          { key: 'closed', label: 'Closed in the period', cells: [cases.closed] },
          { key: 'open_at_end', label: 'Open at the end of the period', cells: [cases.open_at_end] },
        ],
        totals: false,
        notRecorded: false,
      },
      {
        ...byOption(
          'outcomes',
          'Outcomes of the cases closed, in the evaluations’ categories',
          'Outcome',
          outcomes,
          cases.outcomes,
        ),
        columns: [column('count', 'Cases')],
        rates: true,
      },
      {
        ...byOption(
          'positive_steps',
          'Positive steps seen in the cases closed',
          'Positive step',
          positiveSteps,
          cases.steps,
        ),
        totals: false,
        note: 'A case can show several steps.',
      },
      byOption('early_endings', 'Reasons cases ended early', 'Reason', endingReasons, cases.endings),
    ],
    stats: [],
  };

  const ended = sessions.held + sessions.missed;
  const sessionSection: Section = {
    id: 'sessions',
    title: 'Sessions and engagement',
    tables: [
      {
        id: 'sessions',
        title: 'Sessions',
        rowHeader: 'Sessions',
        columns: [column('count', 'Count')],
        rows: [
          { key: 'held', label: 'Held', cells: [sessions.held] },
          { key: 'missed', label: 'Missed (client did not attend)', cells: [sessions.missed] },
          { key: 'cancelled', label: 'Cancelled', cells: [sessions.cancelled] },
        ],
        totals: true,
        notRecorded: false,
      },
      byOption(
        'engagement',
        'Client engagement recorded in debriefs',
        'Engagement',
        engagementChoices,
        sessions.engagement,
        {
          notRecorded: sessions.engagement.length === 0,
          rates: false,
        },
      ),
    ],
    stats: [
      stat(
        'hours',
        'Hours of mentoring (timed sessions held)',
        'sum',
        'hours',
        sessions.hours === null ? null : Math.round(sessions.hours * 10) / 10,
        sessions.timed,
      ),
    ],
  };
  if (ended === 0 && sessions.cancelled === 0)
    sessionSection.tables[0]!.note = 'No session ended or was cancelled in this period.';

  const level = (at: string, kind: string, a: string) =>
    distance.find((r) => r.at === at && r.kind === kind && r.a === a)?.n ?? 0;
  const assessed = distance.find((r) => r.kind === 'cases')?.n ?? 0;
  const distanceSection: Section = {
    id: 'distance',
    title: 'Distance travelled',
    tables: [
      {
        id: 'risk_levels',
        title: 'Risk or vulnerability level: baseline and latest review or closure',
        rowHeader: 'Level',
        columns: [column('baseline', 'At baseline'), column('latest', 'At latest review or closure')],
        rows: riskLevels.map((l) => ({
          key: l.value,
          label: l.label,
          cells: [level('baseline', 'level', l.value), level('latest', 'level', l.value)],
        })),
        totals: false,
        notRecorded: assessed === 0,
        note: 'Cases active in the period with at least one review or closure.',
      },
      {
        id: 'risk_factors',
        title: 'Risk and vulnerability factors present: baseline and latest',
        rowHeader: 'Factor',
        columns: [column('baseline', 'At baseline'), column('latest', 'At latest review or closure')],
        rows: riskFactors.map((f) => ({
          key: f.value,
          label: f.label,
          cells: [level('baseline', 'factor', f.value), level('latest', 'factor', f.value)],
        })),
        totals: false,
        notRecorded: assessed === 0,
        note: 'A case can have several factors.',
      },
    ],
    stats: [stat('assessed_cases', 'Cases compared', 'count', 'cases', assessed, assessed)],
  };

  const months = [...new Set([...followUps.answered.map((r) => r.a)])].sort((a, b) => a - b);
  const answered = new Map(followUps.answered.map((r) => [`${r.a}|${r.b}`, r.n]));
  const followUpSection: Section = {
    id: 'follow_ups',
    title: 'After closure',
    tables: [
      {
        id: 'follow_ups',
        title: 'Follow-ups answered: re-offending or re-involvement known',
        rowHeader: 'Follow-up',
        columns: reinvolvementAnswers.map((a) =>
          column(a.value, a.value === 'yes' ? 'Yes' : a.value === 'no' ? 'No' : 'Unknown'),
        ),
        rows: months.map((m) => ({
          key: `${m}m`,
          label: `${m} months after closure`,
          cells: reinvolvementAnswers.map((a) => answered.get(`${m}|${a.value}`) ?? 0),
        })),
        totals: true,
        rates: true,
        notRecorded: followUps.ever === 0,
      },
    ],
    stats: [
      stat(
        'follow_ups_unanswered',
        'Follow-ups asked in the period and not answered yet',
        'count',
        'cases',
        followUps.asked,
        followUps.ever,
      ),
    ],
  };

  const mentorSection: Section = {
    id: 'mentors',
    title: 'Mentors and supervision',
    tables: [
      {
        id: 'supervision',
        title: 'Support for mentors',
        rowHeader: 'Support',
        columns: [column('count', 'Count')],
        rows: [
          {
            key: 'mentors_active',
            label: 'Mentors active (a session or debrief in the period)',
            cells: [mentors.active],
          },
          { key: 'supervision_held', label: 'Peer supervision sessions held', cells: [mentors.supervision] },
          { key: 'group_sessions', label: 'Group supervision sessions', cells: [mentors.groups] },
          { key: 'group_attendances', label: 'Group supervision attendances', cells: [mentors.attended] },
        ],
        totals: false,
        notRecorded: false,
      },
    ],
    stats: [
      stat(
        'caseload_mean',
        'Cases per mentor at the end of the period (mean)',
        'mean',
        'cases',
        mentors.mean === null ? null : Math.round(mentors.mean * 10) / 10,
        mentors.with_cases,
      ),
      stat(
        'caseload_max',
        'Cases per mentor at the end of the period (most)',
        'max',
        'cases',
        mentors.max,
        mentors.with_cases,
      ),
    ],
  };

  const tiers = ['P1', 'P2', 'P3'];
  const esc = new Map(safe.escalations.map((e) => [e.a, e]));
  const safeguarding: Section = {
    id: 'safeguarding',
    title: 'Safeguarding',
    tables: [
      byOption(
        'escalations',
        'Escalations raised, by tier',
        'Tier',
        tiers.map((t) => ({ value: t, label: t })),
        safe.escalations,
      ),
      byOption('concerns', 'Concerns recorded, by category', 'Category', concernCategories, safe.concerns),
      byOption('onward_referrals', 'Onward referrals made, by agency', 'Agency', agencies, safe.onward),
    ],
    stats: tiers.flatMap((t) => {
      const e = esc.get(t);
      return [
        stat(
          `ack_${t}_median`,
          `${t}: minutes to acknowledge (median)`,
          'median',
          'minutes',
          e?.median === undefined || e.median === null ? null : Math.round(e.median * 10) / 10,
          e?.acked ?? 0,
        ),
        stat(
          `ack_${t}_p90`,
          `${t}: minutes to acknowledge (90th percentile)`,
          'p90',
          'minutes',
          e?.p90 === undefined || e.p90 === null ? null : Math.round(e.p90 * 10) / 10,
          e?.acked ?? 0,
        ),
      ];
    }),
  };

  const sections = [
    referrals,
    caseSection,
    sessionSection,
    distanceSection,
    followUpSection,
    mentorSection,
    safeguarding,
  ];
  const anything =
    sections.some((s) =>
      s.tables.some((t) => !t.notRecorded && t.id !== 'cases' && t.rows.some((r) => r.cells.some((c) => c > 0))),
    ) || cases.opened + cases.closed > 0;
  return { from: period.from, to: period.to, sections, empty: !anything };
}
