// The cases' forms (open, close, agreement review) and the review-due button's id.
import { defineForm, field, type FormValues } from '../../core/form.js';
import { endingReasons } from '../referrals/api.js';
import { attendanceChoices, outcomes, positiveSteps, programmes, riskFactors, riskLevels } from './policy.js';

export const caseOpenForm = defineForm({
  id: 'case.open',
  title: 'Open a case',
  intro:
    'The bot issues the case code; never write the client’s name anywhere. This baseline is what later reviews and the evaluation compare against.',
  submitLabel: 'Open case',
  precondition: 'coordinator',
  fields: {
    programme: field.select({ label: 'Referral type', options: programmes, public: true }),
    riskLevel: field.select({ label: 'Risk or vulnerability level now', options: riskLevels, public: true }),
    riskFactors: field.multiSelect({
      label: 'Risk and vulnerability factors now',
      hint: 'Choose any that apply',
      options: riskFactors,
      required: false,
      public: true,
    }),
    language: field.shortText({
      label: 'Language the client prefers',
      hint: 'Optional, for matching a mentor',
      required: false,
      maxLength: 40,
      public: true,
    }),
    area: field.shortText({
      label: 'Area',
      hint: 'Optional, where the client lives (a town or borough, never an address)',
      required: false,
      maxLength: 60,
      public: true,
    }),
  },
});
export type CaseOpenValues = FormValues<typeof caseOpenForm>;

export const caseCloseForm = defineForm({
  id: 'case.close',
  title: 'Close a case',
  intro:
    'The outcome uses the evaluations’ categories, so the network can see what works. The last re-assessment is compared with the baseline.',
  submitLabel: 'Close case',
  precondition: 'coordinator',
  fields: {
    outcome: field.select({ label: 'Outcome', options: outcomes, public: true }),
    positiveSteps: field.multiSelect({
      label: 'Positive steps observed',
      hint: 'Choose any that apply',
      options: positiveSteps,
      required: false,
      public: true,
    }),
    riskLevel: field.select({ label: 'Risk or vulnerability level now', options: riskLevels, public: true }),
    riskFactors: field.multiSelect({
      label: 'Risk and vulnerability factors now',
      hint: 'Choose any that apply',
      options: riskFactors,
      required: false,
      public: true,
    }),
    endingReason: field.select({
      label: 'If it ended early, why',
      options: endingReasons,
      required: false,
      public: true,
    }),
  },
});
export type CaseCloseValues = FormValues<typeof caseCloseForm>;

/** The three-monthly review of the mentoring agreement, as a re-assessment against the baseline. */
export const caseReviewForm = defineForm({
  id: 'case.review',
  title: 'Agreement review',
  intro:
    'A few structured answers after going over the mentoring agreement together. The bot compares them with the last assessment; never write the client’s name.',
  submitLabel: 'Record review',
  precondition: 'mentorOrCoordinator',
  fields: {
    attendance: field.select({ label: 'Attendance since the last review', options: attendanceChoices, public: true }),
    agreementRevised: field.yesNo({ label: 'Was the agreement revised?', public: true }),
    riskLevel: field.select({ label: 'Risk or vulnerability level now', options: riskLevels, public: true }),
    riskFactors: field.multiSelect({
      label: 'Risk and vulnerability factors now',
      hint: 'Choose any that apply',
      options: riskFactors,
      required: false,
      public: true,
    }),
  },
});
export type CaseReviewValues = FormValues<typeof caseReviewForm>;

/** The button on the review-due message; its value is the case code. */
export const RECORD_REVIEW_ACTION = 'case.review.record';
