// Concern forms and button ids. The account, what was done and a referral's reference are sealed
// free text; everything else is structured and may appear in a coordinator's direct message.
import { defineForm, field, type FormValues } from '../../core/form.js';
import { caseCodePattern, EMERGENCY } from '../../core/wording.js';
import { agencies, concernCategories, concernOutcomes, urgencies } from './policy.js';

export const actionIds = {
  take: 'concern.take',
  act: 'concern.act',
  refer: 'concern.refer',
  close: 'concern.close',
  show: 'concern.show',
  link: 'concern.link',
} as const;

export const concernRaiseForm = defineForm({
  id: 'concern.raise',
  title: 'Raise a safeguarding concern',
  urgent: true,
  intro: `A coordinator is told at once and takes it on. ${EMERGENCY}`,
  submitLabel: 'Raise concern',
  precondition: 'mentorOrCoordinator',
  fields: {
    caseCode: field.shortText({
      label: 'Case code',
      hint: 'For example MS-0042. Never the client’s name.',
      maxLength: 13,
      pattern: caseCodePattern,
      public: true,
    }),
    category: field.select({ label: 'What is the concern about?', options: concernCategories, public: true }),
    urgency: field.select({ label: 'How urgent?', options: urgencies, public: true }),
    account: field.longText({
      label: 'What happened, and what you know',
      hint: 'Encrypted; read only by coordinators. Facts, who said what, when.',
      maxLength: 3000,
    }),
  },
});
export type ConcernRaiseValues = FormValues<typeof concernRaiseForm>;

export const concernActionForm = defineForm({
  id: 'concern.action',
  title: 'Record an action',
  intro: 'What was done about this concern. Encrypted; coordinators only.',
  submitLabel: 'Save action',
  precondition: 'coordinator',
  fields: {
    what: field.longText({ label: 'What was done', maxLength: 1500 }),
    byWhom: field.shortText({ label: 'By whom', hint: 'For example: me, the mentor, the police', maxLength: 100 }),
    doneOn: field.date({ label: 'When', hint: 'YYYY-MM-DD, or today', notInFuture: true, public: true }),
  },
});
export type ConcernActionValues = FormValues<typeof concernActionForm>;

export const concernReferralForm = defineForm({
  id: 'concern.referral',
  title: 'Record an onward referral',
  intro: 'A referral made to another agency about this concern. The follow-up date reminds the owner.',
  submitLabel: 'Save referral',
  precondition: 'coordinator',
  fields: {
    agency: field.select({ label: 'Referred to', options: agencies, public: true }),
    reference: field.shortText({ label: 'Their reference (optional)', required: false, maxLength: 60 }),
    referredOn: field.date({ label: 'Referred on', hint: 'YYYY-MM-DD, or today', notInFuture: true, public: true }),
    followUpOn: field.date({
      label: 'Follow up on (optional)',
      hint: 'YYYY-MM-DD; a reminder comes that morning',
      required: false,
      notInPast: true,
      public: true,
    }),
  },
});
export type ConcernReferralValues = FormValues<typeof concernReferralForm>;

/** A code the bot did not know when the concern was raised, resolved by a coordinator to a real case. */
export const concernLinkForm = defineForm({
  id: 'concern.link',
  title: 'Link to a case',
  intro:
    'The concern named a case code the bot did not know. Give the case it is about; its account moves under that case.',
  submitLabel: 'Link',
  precondition: 'coordinator',
  fields: {
    caseCode: field.shortText({
      label: 'Case code',
      hint: 'For example MS-0042',
      maxLength: 13,
      pattern: caseCodePattern,
      public: true,
    }),
  },
});
export type ConcernLinkValues = FormValues<typeof concernLinkForm>;

export const concernCloseForm = defineForm({
  id: 'concern.close',
  title: 'Close a concern',
  intro: 'The outcome is told to the person who raised it; nothing else is.',
  submitLabel: 'Close concern',
  precondition: 'coordinator',
  fields: {
    outcome: field.select({ label: 'Outcome', options: concernOutcomes, public: true }),
  },
});
export type ConcernCloseValues = FormValues<typeof concernCloseForm>;
