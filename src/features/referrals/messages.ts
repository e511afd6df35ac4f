// The wording of referrals and their follow-ups: what was recorded, those waiting for a decision,
// and the question asked some months after closure (structured only: no names, no details).
import type { Message } from '../../core/message.js';
import { labelOf } from '../../core/wording.js';
import { programmes } from '../cases/api.js';
import { ANSWER_FOLLOW_UP_ACTION } from './forms.js';
import { decisions, referralSources } from './policy.js';

export interface PendingReferral {
  number: number;
  source: string;
  programme: string | null;
  decision: string;
  ageDays: number;
  language: string | null;
  area: string | null;
}

export function pendingMessage(rows: PendingReferral[]): Message {
  if (!rows.length)
    return {
      title: 'Referrals',
      text: 'No referral is awaiting a decision, and every accepted one has its case.',
      tone: 'info',
    };
  return {
    title: `Referrals awaiting a decision (${rows.length})`,
    text: 'Oldest first. Decide with /referral decide number:<n> decision:accepted|declined|withdrawn; accepting opens the case form.',
    fields: rows.map((r) => ({
      label: `#${r.number} · ${r.ageDays === 1 ? '1 day' : `${r.ageDays} days`}`,
      value: [
        labelOf(referralSources, r.source),
        labelOf(programmes, r.programme),
        r.decision === 'accepted' ? 'accepted, case not opened yet' : 'awaiting a decision',
        r.language ? `language: ${r.language}` : '',
        r.area ? `area: ${r.area}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    })),
  };
}

export const decisionWord = (decision: string) => labelOf(decisions, decision).toLowerCase();

/** A referral just recorded, and what comes next. */
export function referralRecorded(row: { number: number; source: string; programme: string | null; decision: string }) {
  const what = `Referral #${row.number} (${labelOf(referralSources, row.source)}, ${labelOf(programmes, row.programme)}) is recorded as ${decisionWord(row.decision)}.`;
  if (row.decision === 'accepted') return `${what} Now open its case: the form is prefilled from the referral.`;
  return row.decision === 'awaiting' ? `${what} /referral list shows it until it is decided.` : what;
}

/** Asked of the case's last mentor, or of the coordinators when that mentor has left. */
export function followUpQuestion(input: {
  code: string;
  months: number;
  followUpId: string;
  to: 'mentor' | 'coordinators';
}): Message {
  const question = `It is ${input.months} months since ${input.code} closed. Is any re-offending or re-involvement known, and from where? Two structured answers; no details.`;
  return {
    title: `Follow-up: ${input.code}`,
    text:
      input.to === 'mentor'
        ? `${question} If you have lost touch, answer "Unknown".`
        : `${question} Its last mentor has left the network, so a coordinator is asked.`,
    tone: 'info',
    buttons: [{ actionId: ANSWER_FOLLOW_UP_ACTION, label: 'Answer the follow-up', value: input.followUpId }],
  };
}
