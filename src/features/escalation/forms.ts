// Escalation forms and messages in the neutral model. Channel posts and out-of-chat alerts carry
// tier, category, case code, reporter name and time only: never what happened or how to reach anyone.
import { DateTime } from 'luxon';
import { defineForm, field, type FormValues } from '../../core/form.js';
import type { Message } from '../../core/message.js';
import { categories, tiers, type Category, type Tier } from './policy.js';

export const EMERGENCY_LINE = 'If anyone’s life is in immediate danger, call the emergency services (999) first.';

export const tierChoices = [
  { value: 'P1', label: 'P1 critical: acknowledge within minutes' },
  { value: 'P2', label: 'P2 urgent: within the hour' },
  { value: 'P3', label: 'P3 concern: the same working day' },
] as const satisfies readonly { value: Tier; label: string }[];

export const clientToldChoices = [
  { value: 'yes', label: 'Yes, they know it is being passed on' },
  { value: 'no', label: 'No' },
  { value: 'not_yet', label: 'Not yet' },
] as const;
export type ClientTold = (typeof clientToldChoices)[number]['value'];

export const actionTakenChoices = [
  { value: 'emergency_services_called', label: 'Emergency services called (999)' },
  { value: 'police_told', label: 'Police told (101 or in person)' },
  { value: 'crisis_team', label: 'Crisis team, GP or NHS 111 contacted' },
  { value: 'moved_to_safety', label: 'I (or they) moved to a safe place' },
  { value: 'nothing_yet', label: 'Nothing yet' },
] as const;

/** What a coordinator records once it is in hand (status moves to in progress). */
export const recordedActionChoices = [
  { value: 'emergency_services_informed', label: 'Emergency services informed' },
  { value: 'police', label: 'Police informed' },
  { value: 'safeguarding_referral', label: 'Channel, MASH, MARAC or other referral' },
  { value: 'mentor_support', label: 'Support arranged for the mentor' },
  { value: 'session_paused', label: 'Sessions paused' },
  { value: 'episode_stopped', label: 'Mentoring episode stopped' },
] as const;

export const outcomeChoices = [
  { value: 'safe_no_further_action', label: 'Safe now: no further action' },
  { value: 'referred', label: 'Referred on (police, MASH, Channel, MARAC)' },
  { value: 'emergency_response', label: 'Emergency services responded' },
  { value: 'support_ongoing', label: 'Ongoing support and monitoring' },
  { value: 'not_a_risk', label: 'Looked into: not a risk after all' },
] as const;

const caseCodePattern = {
  regex: /^[A-Za-z]{1,6}-\d{1,6}$/,
  message: 'Case code should look like MS-0042: letters, a dash, then numbers. Never a name.',
};

export const escalateForm = defineForm({
  id: 'escalate',
  title: 'Urgent: tell the duty coordinator',
  intro: `${EMERGENCY_LINE} Then tell us here: the duty coordinator is told at once. What you write is encrypted and only coordinators see it.`,
  submitLabel: 'Send to the duty coordinator',
  precondition: 'mentorOrCoordinator',
  urgent: true,
  fields: {
    category: field.select({
      label: 'What kind of risk?',
      options: categories.map((c) => ({ value: c.value, label: c.label })) as { value: Category; label: string }[],
      public: true,
    }),
    tier: field.select({
      label: 'How urgent? (blank: suggested from the kind)',
      options: tierChoices,
      required: false,
      public: true,
    }),
    caseCode: field.shortText({
      label: 'Case code',
      hint: 'For example MS-0042. Never a name.',
      required: false,
      maxLength: 13,
      pattern: caseCodePattern,
      public: true,
    }),
    details: field.longText({
      label: 'What happened?',
      hint: 'What was said or done, and when. Encrypted; never posted in a channel.',
      maxLength: 3000,
    }),
    clientTold: field.select({
      label: 'Was the client told it is passed on?',
      options: clientToldChoices,
      public: true,
    }),
    actionsTaken: field.multiSelect({
      label: 'What has been done already?',
      options: actionTakenChoices,
      required: false,
      public: true,
    }),
    contact: field.shortText({
      label: 'How can we reach you right now?',
      hint: 'A phone number, or where you are. Encrypted.',
      required: false,
      maxLength: 150,
    }),
  },
});
export type EscalateValues = FormValues<typeof escalateForm>;

export const escalationUpdateForm = defineForm({
  id: 'escalation.update',
  title: 'Escalation: actions and a note',
  intro: 'Record what has been done. A note is encrypted and shown only to coordinators.',
  submitLabel: 'Save',
  precondition: 'coordinator',
  fields: {
    actions: field.multiSelect({
      label: 'Actions taken',
      options: recordedActionChoices,
      required: false,
      public: true,
    }),
    note: field.longText({ label: 'Note (optional)', required: false, maxLength: 2000 }),
  },
});
export type EscalationUpdateValues = FormValues<typeof escalationUpdateForm>;

export const escalationResolveForm = defineForm({
  id: 'escalation.resolve',
  title: 'Resolve an escalation',
  submitLabel: 'Resolve',
  precondition: 'coordinator',
  fields: {
    outcome: field.select({ label: 'Outcome', options: outcomeChoices, public: true }),
    note: field.longText({ label: 'Note (optional)', required: false, maxLength: 2000 }),
  },
});
export type EscalationResolveValues = FormValues<typeof escalationResolveForm>;

export const labelOf = (choices: readonly { value: string; label: string }[], value: string) =>
  choices.find((c) => c.value === value)?.label ?? value;
export const categoryLabel = (category: string) => labelOf(categories, category);
export const when = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL HH:mm');

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
  `${s.tier} escalation #${s.number}: ${categoryLabel(s.category)}${caseText(s)}, raised by ${s.reporterName} at ${when(s.raisedAt, s.zone)}`;

export const ACK = 'escalation.ack';
export const UPDATE = 'escalation.update';
export const RESOLVE = 'escalation.resolve';

export function reporterConfirmation(s: Summary, told: 'primary' | 'everyone'): Message {
  return {
    title: `Escalation #${s.number} sent`,
    text: [
      EMERGENCY_LINE,
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
  { label: 'Raised', value: when(s.raisedAt, s.zone) },
];

export function channelPost(s: Summary): Message {
  return {
    title: `${s.tier} escalation #${s.number}`,
    text: `${summaryLine(s)}. Not yet acknowledged.`,
    fields: minimalFields(s),
    buttons: [{ actionId: ACK, label: 'Acknowledge', value: s.id, style: 'primary' }],
    tone: 'urgent',
  };
}

export function acknowledgedPost(s: Summary, by: string, at: Date, status = 'Acknowledged'): Message {
  return {
    title: `${s.tier} escalation #${s.number}`,
    text: `${summaryLine(s)}. ${status} by ${by} at ${when(at, s.zone)}.`,
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
    text: `${why} ${summaryLine(s)}. The reporter was told: ${EMERGENCY_LINE}`,
    fields: [
      { label: 'What happened', value: d.details },
      { label: 'Client told', value: labelOf(clientToldChoices, d.clientTold) },
      {
        label: 'Already done',
        value: d.actionsTaken.length ? d.actionsTaken.map((a) => labelOf(actionTakenChoices, a)).join(', ') : '—',
      },
      { label: 'Reach the mentor', value: d.contact || '—' },
    ],
    buttons: [
      { actionId: ACK, label: 'Acknowledge', value: s.id, style: 'primary' },
      { actionId: UPDATE, label: 'Add a note', value: s.id },
    ],
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
    text: `Nobody has acknowledged this escalation in ${since}, after every coordinator was reminded again and again. ${summaryLine(s)}. A coordinator must take it now; if you cannot acknowledge it yourself, phone one. ${EMERGENCY_LINE}`,
    fields: minimalFields(s),
    buttons: [{ actionId: ACK, label: 'Acknowledge', value: s.id, style: 'primary' }],
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
      EMERGENCY_LINE,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}
