import { defineForm, field, type FormValues } from '../../core/form.js';
import type { Message } from '../../core/message.js';
import { labelOf, outcomes, positiveSteps, programmes, riskFactors, riskLevels } from './policy.js';

export const caseOpenForm = defineForm({
  id: 'case.open',
  title: 'Open a case',
  intro: 'The bot issues the case code; never write the client’s name anywhere. This baseline is what later reviews and the evaluation compare against.',
  submitLabel: 'Open case',
  precondition: 'coordinator',
  fields: {
    programme: field.select({ label: 'Referral type', options: programmes, public: true }),
    riskLevel: field.select({ label: 'Risk or vulnerability level now', options: riskLevels, public: true }),
    riskFactors: field.multiSelect({ label: 'Risk and vulnerability factors now', hint: 'Choose any that apply', options: riskFactors, required: false, public: true }),
  },
});
export type CaseOpenValues = FormValues<typeof caseOpenForm>;

export const caseCloseForm = defineForm({
  id: 'case.close',
  title: 'Close a case',
  intro: 'The outcome uses the evaluations’ categories, so the network can see what works.',
  submitLabel: 'Close case',
  precondition: 'coordinator',
  fields: {
    outcome: field.select({ label: 'Outcome', options: outcomes, public: true }),
    positiveSteps: field.multiSelect({ label: 'Positive steps observed', hint: 'Choose any that apply', options: positiveSteps, required: false, public: true }),
  },
});
export type CaseCloseValues = FormValues<typeof caseCloseForm>;

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

export function caseLine(c: Pick<CaseView, 'code' | 'status' | 'pauseReason' | 'team'>): { label: string; value: string } {
  const status = c.status === 'paused' ? `paused (${c.pauseReason ?? 'other'})` : c.status;
  const team = c.team.length ? c.team.map((m) => `${m.displayName}${m.role === 'co_mentor' ? ' (co-mentor)' : ''}`).join(', ') : 'needs a mentor';
  return { label: c.code, value: `${status}; ${team}` };
}

export function caseListMessage(cases: CaseView[], own: boolean): Message {
  return {
    title: own ? 'Your cases' : `Cases (${cases.length})`,
    text: cases.length ? 'Case codes only; never the client’s name.' : own ? 'You have no cases assigned just now.' : 'No open or paused cases.',
    fields: cases.map(caseLine),
  };
}

export function caseDetailMessage(c: CaseView): Message {
  const fields = [
    { label: 'Status', value: caseLine(c).value },
    { label: 'Opened', value: day(c.openedAt) },
    { label: 'Referral type', value: labelOf(programmes, c.baseline?.programme) || 'not recorded' },
    { label: 'Baseline risk level', value: labelOf(riskLevels, c.baseline?.riskLevel) || 'not recorded' },
    { label: 'Baseline factors', value: (c.baseline?.riskFactors ?? []).map((f) => labelOf(riskFactors, f)).join(', ') || 'none recorded' },
  ];
  if (c.nextReviewAt && c.status !== 'closed') fields.push({ label: 'Next agreement review', value: day(c.nextReviewAt) });
  if (c.lastDebriefOn) fields.push({ label: 'Last debrief', value: day(c.lastDebriefOn) });
  if (c.outcome) fields.push({ label: 'Outcome', value: labelOf(outcomes, c.outcome) });
  if (c.positiveSteps.length) fields.push({ label: 'Positive steps', value: c.positiveSteps.map((s) => labelOf(positiveSteps, s)).join(', ') });
  return { title: `Case ${c.code}`, text: 'Structured answers only.', fields };
}
