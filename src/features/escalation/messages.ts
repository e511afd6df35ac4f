// Escalation wording in the neutral model. Channel posts and out-of-chat alerts carry tier,
// category, case code, reporter name and time only: never what happened or how to reach anyone.
import type { Button, Message } from '../../core/message.js';
import { EMERGENCY, labelOf, shortWhen } from '../../core/wording.js';
import { ACK, actionTakenChoices, clientToldChoices, RESOLVE, UPDATE } from './forms.js';
import { categories, type Tier } from './policy.js';

export const categoryLabel = (category: string) => labelOf(categories, category);

/** The Acknowledge button, on every message that asks for it. */
export const ackButton = (id: string): Button => ({ actionId: ACK, label: 'Acknowledge', value: id, style: 'primary' });

/** The minimal facts: safe for a channel, an e-mail or an SMS. */
export interface Summary {
  id: string;
  number: number;
  tier: Tier;
  category: string;
  caseCode: string | null;
  reporterName: string;
  raisedAt: Date;
  zone: string;
}

const caseText = (s: Summary) => (s.caseCode ? `, case ${s.caseCode}` : '');
export const summaryLine = (s: Summary) =>
  `${s.tier} escalation #${s.number}: ${categoryLabel(s.category)}${caseText(s)}, raised by ${s.reporterName} at ${shortWhen(s.raisedAt, s.zone)}`;

export function reporterConfirmation(s: Summary, told: 'primary' | 'everyone'): Message {
  return {
    title: `Escalation #${s.number} sent`,
    text: [
      EMERGENCY,
      told === 'primary'
        ? `The duty coordinator has been told now (${s.tier}). You will hear when someone has it; if nobody acknowledges in time, the backup and then every coordinator are told.`
        : `Nobody is on the rota right now, so the backup and every coordinator have been told at once (${s.tier}). You will hear when someone has it.`,
      'Thank you for raising this. You do not have to carry it alone.',
    ].join('\n'),
    tone: 'urgent',
  };
}

/** The minimal facts as fields: what a channel, an admin or an e-mail may see. */
const minimalFields = (s: Summary) => [
  { label: 'Tier', value: s.tier },
  { label: 'Category', value: categoryLabel(s.category) },
  { label: 'Case code', value: s.caseCode ?? '—' },
  { label: 'Reporter', value: s.reporterName },
  { label: 'Raised', value: shortWhen(s.raisedAt, s.zone) },
];

export function channelPost(s: Summary): Message {
  return {
    title: `${s.tier} escalation #${s.number}`,
    text: `${summaryLine(s)}. Not yet acknowledged.`,
    fields: minimalFields(s),
    buttons: [ackButton(s.id)],
    tone: 'urgent',
  };
}

export function acknowledgedPost(s: Summary, by: string, at: Date, status = 'Acknowledged'): Message {
  return {
    title: `${s.tier} escalation #${s.number}`,
    text: `${summaryLine(s)}. ${status} by ${by} at ${shortWhen(at, s.zone)}.`,
    tone: 'success',
  };
}

export interface Details {
  details: string;
  clientTold: string;
  actionsTaken: string[];
  contact?: string | null;
}

export type AlertReason = 'primary' | 'again' | 'backup' | 'all' | 'repeat';

/** A direct message to a coordinator: the details, because they must act on them. */
export function coordinatorAlert(
  s: Summary,
  d: Details,
  reason: AlertReason,
  loop?: { n: number; of: number },
): Message {
  const why = {
    primary: 'You are the duty coordinator.',
    again: 'Reminder: this is not yet acknowledged.',
    backup: 'You are the backup: the duty coordinator has not acknowledged this.',
    all: 'Nobody has acknowledged this yet: every coordinator is being told.',
    repeat: `Still nobody has acknowledged this (reminder ${loop?.n ?? 1} of ${loop?.of ?? 1}): please acknowledge it, or reach the reporter now.`,
  }[reason];
  return {
    title: `${s.tier} escalation #${s.number}: please acknowledge`,
    text: `${why} ${summaryLine(s)}. The reporter was told: ${EMERGENCY}`,
    fields: [
      { label: 'What happened', value: d.details },
      { label: 'Client told', value: labelOf(clientToldChoices, d.clientTold) },
      {
        label: 'Already done',
        value: d.actionsTaken.length ? d.actionsTaken.map((a) => labelOf(actionTakenChoices, a)).join(', ') : '—',
      },
      { label: 'Reach the mentor', value: d.contact || '—' },
    ],
    buttons: [ackButton(s.id), { actionId: UPDATE, label: 'Add a note', value: s.id }],
    tone: 'urgent',
  };
}

/**
 * The last word of a chain nobody answered: the coordinators' channel and every admin are told,
 * with the minimal facts only (never what happened), so someone picks up a phone.
 */
export function unansweredPost(s: Summary, since: string): Message {
  return {
    title: `${s.tier} escalation #${s.number} is still unanswered`,
    text: `Nobody has acknowledged this escalation in ${since}, after every coordinator was reminded again and again. ${summaryLine(s)}. A coordinator must take it now; if you cannot acknowledge it yourself, phone one. ${EMERGENCY}`,
    fields: minimalFields(s),
    buttons: [ackButton(s.id)],
    tone: 'urgent',
  };
}

/**
 * E-mail and SMS text: minimal facts, the personal link when the page is one person's (never for
 * the shared list), and the code. Platform-neutral: it names the command, not any platform's syntax.
 */
export function outOfChatText(s: Summary, code: string, link?: string): { subject: string; body: string } {
  return {
    subject: `${s.tier} escalation #${s.number}: please acknowledge`,
    body: [
      `${summaryLine(s)}.`,
      link ? `Open the link to acknowledge: ${link}` : undefined,
      `${link ? 'Or acknowledge' : 'Acknowledge'} in chat with the escalation ack command and code ${code}.`,
      'The details are in chat, in the coordinators’ direct messages.',
      EMERGENCY,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

/** After acknowledging, and in the reminder: the buttons to record what was done or resolve. */
export const nextStepsMessage = (id: string, text: string): Message => ({
  text,
  buttons: [
    { actionId: UPDATE, label: 'Record actions or a note', value: id },
    { actionId: RESOLVE, label: 'Resolve', value: id },
  ],
  tone: 'success',
});
