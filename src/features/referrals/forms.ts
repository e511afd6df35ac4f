// The referral intake form and the after-closure follow-up form (structured answers only).
import { defineForm, field, type FormValues } from '../../core/form.js';
import { programmes } from '../cases/api.js';
import { decisions, declineReasons, followUpSources, referralSources, reinvolvementAnswers } from './policy.js';

const shortWord = {
  regex: /^[\p{L}\p{M} ,'’-]{1,60}$/u,
  message: 'Please use words only (letters, spaces, commas), at most 60 characters; never a name or an address.',
};

export const referralForm = defineForm({
  id: 'referral.new',
  title: 'Record a referral',
  intro:
    'How the client reached the scheme and what was decided. Never write the client’s name: accepting opens the case, and the bot issues its code.',
  submitLabel: 'Record referral',
  precondition: 'coordinator',
  fields: {
    source: field.select({ label: 'Referred by', options: referralSources, public: true }),
    receivedOn: field.date({ label: 'Date received', notInFuture: true, public: true }),
    programme: field.select({ label: 'Referral type', options: programmes, public: true }),
    language: field.shortText({
      label: 'Language for mentoring (for matching)',
      required: false,
      maxLength: 40,
      pattern: shortWord,
      public: true,
    }),
    area: field.shortText({
      label: 'Area (for matching)',
      hint: 'A town or district, never an address',
      required: false,
      maxLength: 60,
      pattern: shortWord,
      public: true,
    }),
    decision: field.select({ label: 'Decision', options: decisions, public: true }),
    declineReason: field.select({ label: 'If declined, why', options: declineReasons, required: false, public: true }),
    firstContactOn: field.date({
      label: 'First contact with the client, if made',
      notInFuture: true,
      required: false,
      public: true,
    }),
  },
});
export type ReferralValues = FormValues<typeof referralForm>;

export const followUpForm = defineForm({
  id: 'referral.follow_up',
  title: 'Follow-up after closure',
  intro: 'Two structured answers, for the evaluation of what mentoring achieved. No names, no details.',
  submitLabel: 'Record follow-up',
  precondition: 'mentorOrCoordinator',
  fields: {
    reinvolvement: field.select({
      label: 'Re-offending or re-involvement known?',
      options: reinvolvementAnswers,
      public: true,
    }),
    source: field.select({ label: 'Where that comes from', options: followUpSources, public: true }),
  },
});
export type FollowUpValues = FormValues<typeof followUpForm>;

/** The button on the follow-up question; its value is the follow-up's id. */
export const ANSWER_FOLLOW_UP_ACTION = 'referral.follow_up.answer';
