// Concern wording. Direct messages carry the case code, category, urgency and who raised it, never
// the account or what was done: those are read with /concern show, and each reading is audited.
import type { Message } from '../../core/message.js';
import { EMERGENCY, labelOf, when } from '../../core/wording.js';
import { actionIds } from './forms.js';
import { agencies, alertIsUrgent, concernCategories, concernOutcomes, urgencies } from './policy.js';

/** A stored date as typed and shown in concerns: `2026-11-23`. */
export const day = (at: Date) => at.toISOString().slice(0, 10);

export interface ConcernFacts {
  id: string;
  number: number;
  caseCode: string | null;
  known: boolean;
  category: string;
  urgency: string;
  source: string;
  raisedBy: string;
  createdAt: Date;
}

const sourceWords: Record<string, string> = {
  debrief: 'a flagged debrief',
  session: 'a session safety note',
  supervision: 'a supervision note',
  escalation: 'an escalation',
  direct: '/concern',
};

/** " about MS-0042", or nothing when no case was named. */
export const aboutCase = (caseCode: string | null) => (caseCode ? ` about ${caseCode}` : '');
export const caseText = (f: Pick<ConcernFacts, 'caseCode' | 'known'>) =>
  f.caseCode ? `${f.caseCode}${f.known ? '' : ' (unknown case)'}` : 'no case given';
export const concernTitle = (f: Pick<ConcernFacts, 'number' | 'caseCode' | 'known'>) =>
  `Concern #${f.number}: ${caseText(f)}`;

function facts(f: ConcernFacts, zone: string) {
  return [
    { label: 'Case', value: caseText(f) },
    { label: 'Category', value: labelOf(concernCategories, f.category) },
    { label: 'Urgency', value: labelOf(urgencies, f.urgency) },
    {
      label: 'Raised',
      value: `${when(f.createdAt, zone)} by ${f.raisedBy}, from ${sourceWords[f.source] ?? f.source}`,
    },
  ];
}

export type AlertReason = 'duty' | 'everyone' | 'backup' | 'all_untaken' | 'released';

/** The direct message that asks a coordinator to take a concern. */
export function takeAlert(f: ConcernFacts, zone: string, reason: AlertReason): Message {
  const why = {
    duty: 'You are the duty coordinator.',
    everyone: 'Nobody is on the duty rota, so every coordinator is told.',
    backup: 'You are the backup: nobody has taken this yet.',
    all_untaken: 'Nobody has taken this yet: every coordinator is being told.',
    released: 'Its owner has left the network: it needs a new owner.',
  }[reason];
  return {
    title: `${concernTitle(f)}: please take it`,
    text: `${why} A new safeguarding concern was written down. Take it to own it; /concern show ${f.number} has the account.`,
    fields: facts(f, zone),
    buttons: [
      { actionId: actionIds.take, label: 'Take', value: f.id, style: 'primary' },
      { actionId: actionIds.show, label: 'Show', value: f.id },
    ],
    tone: alertIsUrgent(f.urgency) ? 'urgent' : 'warning',
  };
}

/** Replaces the alerts in place once someone owns it (or it is closed). */
export function takenAlert(f: ConcernFacts, zone: string, state: string): Message {
  return {
    title: concernTitle(f),
    text: state,
    fields: facts(f, zone),
    buttons: [{ actionId: actionIds.show, label: 'Show', value: f.id }],
    tone: 'info',
  };
}

export const workButtons = (id: string) => [
  { actionId: actionIds.act, label: 'Record an action', value: id },
  { actionId: actionIds.refer, label: 'Onward referral', value: id },
  { actionId: actionIds.close, label: 'Close', value: id },
];

export const outcomeLabel = (outcome: string | null) => labelOf(concernOutcomes, outcome);
export const agencyLabel = (agency: string) => labelOf(agencies, agency);

export function raisedConfirmation(number: number, caseCode: string, escalation?: number): Message {
  return {
    title: `Concern #${number} raised`,
    text: escalation
      ? `Thank you. Concern #${number} about ${caseCode} is recorded, and because it is urgent it is also escalation #${escalation}: the duty coordinator is being paged now. ${EMERGENCY}`
      : `Thank you. Concern #${number} about ${caseCode} is recorded and a coordinator has been told. You will hear when someone takes it on and when it is closed. ${EMERGENCY}`,
    tone: 'success',
  };
}
