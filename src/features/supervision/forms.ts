// Peer supervision forms and buttons, in the neutral model. Messages never carry the summary except
// the private reply to the supervisor who accepted (and the requester's own view).
import { defineForm, field, type FormValues } from '../../core/form.js';
import { caseCodePattern, EMERGENCY } from '../../core/wording.js';
import { formatChoices, GROUP_CAPACITY, topicChoices, urgencyChoices } from './policy.js';

/** Opened by /supervision request, and by other features (debrief, check-in) with initial values and context { via }. */
export const supervisionRequestForm = defineForm({
  id: 'supervision-request',
  title: 'Ask for peer supervision',
  intro: `A peer supervisor will be asked privately. Only the one who accepts sees your summary. ${EMERGENCY}`,
  submitLabel: 'Ask',
  precondition: 'mentor',
  fields: {
    topic: field.select({ label: 'What would you like to talk through?', options: topicChoices, public: true }),
    urgency: field.select({ label: 'How soon?', options: urgencyChoices, public: true }),
    format: field.select({ label: 'How would you like to meet?', options: formatChoices, public: true }),
    caseCode: field.shortText({
      label: 'Case code (optional)',
      hint: 'For example MS-0042. Never the client’s name.',
      required: false,
      maxLength: 13,
      pattern: caseCodePattern,
      public: true,
    }),
    summary: field.longText({
      label: 'A short summary',
      hint: 'Only the supervisor who accepts will see this. No names, please.',
      maxLength: 1000,
    }),
    preferred: field.shortText({
      label: 'Preferred peer supervisor (optional)',
      hint: 'Their name; asked first if they are free',
      required: false,
      maxLength: 80,
      public: true,
    }),
  },
});
export type SupervisionRequestValues = FormValues<typeof supervisionRequestForm>;

export const groupTopicChoices = [
  { value: 'open', label: 'Open session: bring anything' },
  ...topicChoices.filter((t) => t.value !== 'other'),
] as const;

export const groupSessionForm = defineForm({
  id: 'supervision-group',
  title: 'Schedule group supervision',
  intro: 'Posted to the learning channel with a sign-up button. Reminders go out the day before and an hour before.',
  submitLabel: 'Schedule',
  precondition: 'coordinator',
  fields: {
    startsAt: field.dateTime({ label: 'Date and time', hint: 'YYYY-MM-DD HH:MM, your local time', public: true }),
    topic: field.select({ label: 'Theme', options: groupTopicChoices, public: true }),
    capacity: field.number({ label: 'Places', min: GROUP_CAPACITY.min, max: GROUP_CAPACITY.max, public: true }),
  },
});
export type GroupSessionValues = FormValues<typeof groupSessionForm>;

/** The supervisor's short, non-identifying note after a supervision happened, with an optional follow-up date. */
export const supervisionNoteForm = defineForm({
  id: 'supervision-note',
  title: 'After the supervision',
  intro:
    'Optional. A short note for your own follow-up, kept encrypted. No names or identifying details, please. Only you will see it, unless you mark it a safeguarding concern: then it goes to the coordinators.',
  submitLabel: 'Save',
  precondition: 'peerSupervisor',
  fields: {
    note: field.longText({
      label: 'A short note (optional)',
      hint: 'Non-identifying; only you, unless marked a concern',
      required: false,
      maxLength: 600,
    }),
    followUp: field.date({
      label: 'Follow up on (optional)',
      hint: 'YYYY-MM-DD; you will get a reminder that morning',
      required: false,
    }),
    safeguarding: field.yesNo({
      label: 'Is this a safeguarding concern?',
      hint: 'Optional; yes: the note goes to the coordinators',
      required: false,
      public: true,
    }),
  },
});
export type SupervisionNoteValues = FormValues<typeof supervisionNoteForm>;

export const actions = {
  accept: 'supervision.accept',
  decline: 'supervision.decline',
  assign: 'supervision.assign',
  showSummary: 'supervision.summary',
  withdraw: 'supervision.withdraw',
  supervisorHappened: 'supervision.happened',
  supervisorNotYet: 'supervision.not-yet',
  supervisorWontHappen: 'supervision.wont-happen',
  requesterHelped: 'supervision.helped',
  requesterNotHelped: 'supervision.not-helped',
  requesterNotYet: 'supervision.requester-not-yet',
  groupSignUp: 'supervision.group.sign-up',
  groupLeave: 'supervision.group.leave',
  groupAttended: 'supervision.group.attended',
  groupNoOthers: 'supervision.group.no-others',
} as const;
