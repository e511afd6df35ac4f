// The mentor record's forms: the record itself, a vetting check, a training module, and a TRiM
// practitioner's structured follow-up.
import { defineForm, field, type FormValues } from '../../core/form.js';
import { specialismChoices } from '../members/api.js';
import { checkKinds, MAX_CAPACITY, MIN_CAPACITY, trimRiskFactors } from './policy.js';

export const mentorEditForm = defineForm({
  id: 'mentor.edit',
  title: 'Mentor record',
  intro:
    'Used to match mentors to cases and to plan their supervision. Conflicts are case codes or communities (areas) they must not be matched with.',
  submitLabel: 'Save record',
  precondition: 'coordinator',
  fields: {
    specialisms: field.multiSelect({ label: 'Specialisms', required: false, options: specialismChoices, public: true }),
    languages: field.shortText({
      label: 'Languages',
      hint: 'Comma separated',
      required: false,
      maxLength: 120,
      public: true,
    }),
    area: field.shortText({
      label: 'Area',
      hint: 'Where they can meet clients, e.g. Leeds',
      required: false,
      maxLength: 60,
      public: true,
    }),
    capacity: field.number({
      label: 'Capacity (maximum open cases)',
      min: MIN_CAPACITY,
      max: MAX_CAPACITY,
      public: true,
    }),
    coach: field.shortText({
      label: 'Coach (their supervisor)',
      hint: 'A name, or leave empty',
      required: false,
      maxLength: 100,
      public: true,
    }),
    trimPractitioner: field.yesNo({ label: 'Trained TRiM practitioner?', public: true }),
    conflicts: field.shortText({
      label: 'Declared conflicts',
      hint: 'Case codes or communities, comma separated',
      required: false,
      maxLength: 300,
      public: true,
    }),
  },
});
export type MentorEditValues = FormValues<typeof mentorEditForm>;

export const mentorCheckForm = defineForm({
  id: 'mentor.check',
  title: 'Vetting check',
  intro:
    'A DBS or security check. The reference is kept sealed; the dates drive reminders and whether they can take new cases.',
  submitLabel: 'Record check',
  precondition: 'coordinator',
  fields: {
    kind: field.select({ label: 'Check', options: checkKinds, public: true }),
    level: field.shortText({
      label: 'Level',
      hint: 'For security clearance, e.g. SC or CTC',
      required: false,
      maxLength: 40,
      public: true,
    }),
    reference: field.shortText({
      label: 'Reference',
      hint: 'Certificate number (kept sealed)',
      required: false,
      maxLength: 60,
    }),
    issuedOn: field.date({ label: 'Issued on', notInFuture: true, public: true }),
    expiresOn: field.date({
      label: 'Expires on',
      hint: 'Leave empty if it does not expire',
      required: false,
      public: true,
    }),
  },
});
export type MentorCheckValues = FormValues<typeof mentorCheckForm>;

export const mentorTrainingForm = defineForm({
  id: 'mentor.training',
  title: 'Training completed',
  submitLabel: 'Record training',
  precondition: 'coordinator',
  fields: {
    module: field.shortText({
      label: 'Module',
      hint: 'One of the network’s modules (/network settings)',
      maxLength: 40,
      public: true,
    }),
    completedOn: field.date({ label: 'Completed on', notInFuture: true, public: true }),
    expiresOn: field.date({
      label: 'Expires on',
      hint: 'Leave empty if it does not expire',
      required: false,
      public: true,
    }),
  },
});
export type MentorTrainingValues = FormValues<typeof mentorTrainingForm>;

export const trimFollowUpForm = defineForm({
  id: 'mentor.trim-followup',
  title: 'TRiM follow-up',
  intro:
    'Structured answers only. Sealed for the person supported: only the two of you can read it; coordinators see that it happened.',
  submitLabel: 'Record follow-up',
  precondition: 'anyMember',
  fields: {
    riskFactors: field.multiSelect({
      label: 'Risk factors present',
      hint: 'Choose any that apply',
      options: trimRiskFactors,
      required: false,
    }),
    referredOn: field.yesNo({ label: 'Referred on for further support?' }),
  },
});
export type TrimFollowUpValues = FormValues<typeof trimFollowUpForm>;

export const trimPlanForm = defineForm({
  id: 'mentor.trim-plan',
  title: 'Who else was involved?',
  intro:
    'Each person named is offered support by a trained TRiM practitioner at 72 hours and at 4 weeks; they can say no. Names, comma separated.',
  submitLabel: 'Offer support',
  precondition: 'coordinator',
  fields: {
    coMentors: field.shortText({
      label: 'Co-mentor or the case’s mentors',
      required: false,
      maxLength: 300,
      public: true,
    }),
    coordinators: field.shortText({
      label: 'Coordinators who responded',
      required: false,
      maxLength: 300,
      public: true,
    }),
    others: field.shortText({ label: 'Anyone else involved', required: false, maxLength: 300, public: true }),
  },
});
