// Escalation forms, their choices and the buttons' ids. What the forms' answers become in messages
// is in messages.ts.
import { defineForm, field, type FormValues } from '../../core/form.js';
import { caseCodePattern, EMERGENCY } from '../../core/wording.js';
import { categories, type Category, type Tier } from './policy.js';

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

export const escalateForm = defineForm({
  id: 'escalate',
  title: 'Urgent: tell the duty coordinator',
  intro: `${EMERGENCY} Then tell us here: the duty coordinator is told at once. What you write is encrypted and only coordinators see it.`,
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

export const ACK = 'escalation.ack';
export const UPDATE = 'escalation.update';
export const RESOLVE = 'escalation.resolve';
