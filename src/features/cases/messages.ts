// The cases' wording: lists, a case's detail, the review's confirmation, timeline pages, and what
// the coordinator and the team are told when a case opens, pauses or closes.
import { DateTime } from 'luxon';
import type { Message, Reply } from '../../core/message.js';
import { labelOf } from '../../core/wording.js';
import {
  describeChange,
  outcomes,
  positiveSteps,
  programmes,
  riskFactors,
  riskLevels,
  type AssessmentChange,
  type Baseline,
} from './policy.js';
import type { TimelineEntry } from './timeline-entry.js';

export interface CaseView {
  code: string;
  status: string;
  pauseReason: string | null;
  openedAt: Date;
  nextReviewAt: Date | null;
  outcome: string | null;
  positiveSteps: string[];
  baseline: Baseline | null;
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

/** One page of a case's chronology, as shown. */
export interface TimelinePage {
  code: string;
  own: boolean;
  zone: string;
  page: number;
  pages: number;
  entries: TimelineEntry[];
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

/** The same words to each member of a case's team, privately. */
export const toTeam = (team: readonly { memberId: string }[], text: string): Reply[] =>
  team.map(({ memberId }) => ({ to: 'member', memberId, message: { text, tone: 'info' } }));

/** The coordinator's confirmation of a newly opened case. */
export const caseOpenedText = (code: string) =>
  `Case ${code} is open and its baseline recorded. Use ${code} everywhere instead of the client’s name. Next: /case assign ${code} <mentor>.`;

/** Said to the coordinator and the team when a case pauses or resumes. */
export const pausedText = (code: string, reason: string) =>
  reason === 'resume'
    ? `${code} is open again.`
    : `${code} is paused (${reason}). Agreement reviews still come round; resume it with /case pause ${code} resume.`;

/** The first words of what the coordinator and the team are told when a case closes. */
export const closedText = (code: string, outcome: string) => `${code} is closed: ${labelOf(outcomes, outcome)}.`;
