import { DateTime } from 'luxon';
import { defineForm, field, type FormValues } from '../../core/form.js';
import type { Message } from '../../core/message.js';
import {
  attendanceChoices,
  describeChange,
  labelOf,
  outcomes,
  positiveSteps,
  programmes,
  riskFactors,
  riskLevels,
  type AssessmentChange,
} from './policy.js';
import type { TimelinePage } from './timeline.js';
import { endingReasons } from '../referrals/api.js';

export const caseOpenForm = defineForm({
  id: 'case.open',
  title: 'Open a case',
  intro:
    'The bot issues the case code; never write the client’s name anywhere. This baseline is what later reviews and the evaluation compare against.',
  submitLabel: 'Open case',
  precondition: 'coordinator',
  fields: {
    programme: field.select({ label: 'Referral type', options: programmes, public: true }),
    riskLevel: field.select({ label: 'Risk or vulnerability level now', options: riskLevels, public: true }),
    riskFactors: field.multiSelect({
      label: 'Risk and vulnerability factors now',
      hint: 'Choose any that apply',
      options: riskFactors,
      required: false,
      public: true,
    }),
    language: field.shortText({
      label: 'Language the client prefers',
      hint: 'Optional, for matching a mentor',
      required: false,
      maxLength: 40,
      public: true,
    }),
    area: field.shortText({
      label: 'Area',
      hint: 'Optional, where the client lives (a town or borough, never an address)',
      required: false,
      maxLength: 60,
      public: true,
    }),
  },
});
export type CaseOpenValues = FormValues<typeof caseOpenForm>;

export const caseCloseForm = defineForm({
  id: 'case.close',
  title: 'Close a case',
  intro:
    'The outcome uses the evaluations’ categories, so the network can see what works. The last re-assessment is compared with the baseline.',
  submitLabel: 'Close case',
  precondition: 'coordinator',
  fields: {
    outcome: field.select({ label: 'Outcome', options: outcomes, public: true }),
    positiveSteps: field.multiSelect({
      label: 'Positive steps observed',
      hint: 'Choose any that apply',
      options: positiveSteps,
      required: false,
      public: true,
    }),
    riskLevel: field.select({ label: 'Risk or vulnerability level now', options: riskLevels, public: true }),
    riskFactors: field.multiSelect({
      label: 'Risk and vulnerability factors now',
      hint: 'Choose any that apply',
      options: riskFactors,
      required: false,
      public: true,
    }),
    endingReason: field.select({
      label: 'If it ended early, why',
      options: endingReasons,
      required: false,
      public: true,
    }),
  },
});
export type CaseCloseValues = FormValues<typeof caseCloseForm>;

/** The three-monthly review of the mentoring agreement, as a re-assessment against the baseline. */
export const caseReviewForm = defineForm({
  id: 'case.review',
  title: 'Agreement review',
  intro:
    'A few structured answers after going over the mentoring agreement together. The bot compares them with the last assessment; never write the client’s name.',
  submitLabel: 'Record review',
  precondition: 'mentorOrCoordinator',
  fields: {
    attendance: field.select({ label: 'Attendance since the last review', options: attendanceChoices, public: true }),
    agreementRevised: field.yesNo({ label: 'Was the agreement revised?', public: true }),
    riskLevel: field.select({ label: 'Risk or vulnerability level now', options: riskLevels, public: true }),
    riskFactors: field.multiSelect({
      label: 'Risk and vulnerability factors now',
      hint: 'Choose any that apply',
      options: riskFactors,
      required: false,
      public: true,
    }),
  },
});
export type CaseReviewValues = FormValues<typeof caseReviewForm>;

/** The button on the review-due message; its value is the case code. */
export const RECORD_REVIEW_ACTION = 'case.review.record';

export interface CaseView {
  code: string;
  status: string;
  pauseReason: string | null;
  openedAt: Date;
  nextReviewAt: Date | null;
  outcome: string | null;
  positiveSteps: string[];
  baseline: { programme?: string; riskLevel?: string; riskFactors?: string[] } | null;
  team: { displayName: string; role: string }[];
  lastDebriefOn?: Date;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function caseLine(c: Pick<CaseView, 'code' | 'status' | 'pauseReason' | 'team'>): {
  label: string;
  value: string;
} {
  const status = c.status === 'paused' ? `paused (${c.pauseReason ?? 'other'})` : c.status;
  const team = c.team.length
    ? c.team.map((m) => `${m.displayName}${m.role === 'co_mentor' ? ' (co-mentor)' : ''}`).join(', ')
    : 'needs a mentor';
  return { label: c.code, value: `${status}; ${team}` };
}

export function caseListMessage(cases: CaseView[], own: boolean): Message {
  return {
    title: own ? 'Your cases' : `Cases (${cases.length})`,
    text: cases.length
      ? 'Case codes only; never the client’s name.'
      : own
        ? 'You have no cases assigned just now.'
        : 'No open or paused cases.',
    fields: cases.map(caseLine),
  };
}

export function caseDetailMessage(c: CaseView): Message {
  const fields = [
    { label: 'Status', value: caseLine(c).value },
    { label: 'Opened', value: day(c.openedAt) },
    { label: 'Referral type', value: labelOf(programmes, c.baseline?.programme) || 'not recorded' },
    { label: 'Baseline risk level', value: labelOf(riskLevels, c.baseline?.riskLevel) || 'not recorded' },
    {
      label: 'Baseline factors',
      value: (c.baseline?.riskFactors ?? []).map((f) => labelOf(riskFactors, f)).join(', ') || 'none recorded',
    },
  ];
  if (c.nextReviewAt && c.status !== 'closed')
    fields.push({ label: 'Next agreement review', value: day(c.nextReviewAt) });
  if (c.lastDebriefOn) fields.push({ label: 'Last debrief', value: day(c.lastDebriefOn) });
  if (c.outcome) fields.push({ label: 'Outcome', value: labelOf(outcomes, c.outcome) });
  if (c.positiveSteps.length)
    fields.push({ label: 'Positive steps', value: c.positiveSteps.map((s) => labelOf(positiveSteps, s)).join(', ') });
  return { title: `Case ${c.code}`, text: 'Structured answers only.', fields };
}

/** The review's confirmation: structured answers only. */
export function reviewRecordedText(code: string, change: AssessmentChange): string {
  return `Thank you: the agreement review of ${code} is recorded. Since the last assessment: ${describeChange(change)}. /case timeline ${code} shows it with the rest of the case.`;
}

/** One page of a case's chronology, dated in the network's time zone. */
export function timelineMessage(p: TimelinePage): Message {
  const title = p.own ? `Your timeline: ${p.code}` : `Timeline: ${p.code}`;
  const scope = p.own
    ? 'Your own entries on this case and the concerns you raised, newest first.'
    : 'Everything dated about this case, newest first; structured facts only.';
  if (!p.entries.length && p.page > p.pages) {
    const last = `/case timeline ${p.code}${p.pages > 1 ? ` page=${p.pages}` : ''}`;
    return {
      title,
      text: `The timeline of ${p.code} has ${p.pages === 1 ? 'one page' : `${p.pages} pages`}, so there is no page ${p.page}. ${last} shows the oldest entries.`,
      tone: 'info',
    };
  }
  if (!p.entries.length)
    return {
      title,
      text: p.own ? `Nothing of yours is recorded on ${p.code} yet.` : `Nothing is recorded on ${p.code} yet.`,
      tone: 'info',
    };
  const paging =
    p.pages === 1
      ? ''
      : p.page < p.pages
        ? ` This is page ${p.page} of ${p.pages}; /case timeline ${p.code} page=${p.page + 1} for more.`
        : ` This is page ${p.page} of ${p.pages}, the last.`;
  const when = (at: Date) => DateTime.fromJSDate(at, { zone: p.zone }).toFormat('yyyy-MM-dd HH:mm');
  return {
    title,
    text: `${scope}${paging}`,
    fields: p.entries.map((e) => ({ label: `${when(e.at)} ${e.title}`, value: e.detail })),
  };
}
