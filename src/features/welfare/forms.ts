// Welfare's forms (check-in settings, "add more" to an answer) and the ids of its buttons.
import { defineForm, field } from '../../core/form.js';
import { consentLabels, CONSENTS, dayName, WANTS, wantsLabels } from './policy.js';

export const actions = {
  answer: 'checkin.answer',
  snooze: 'checkin.snooze',
  more: 'checkin.more',
  askCall: 'checkin.ask-call',
  supervision: 'checkin.supervision',
  close: 'welfare.followup.close',
} as const;

const hhmm = { regex: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'Times should look like 09:00 (24-hour clock).' };

export const checkinSettingsForm = defineForm({
  id: 'checkin-settings',
  title: 'Your check-ins',
  submitLabel: 'Save',
  precondition: 'mentor',
  fields: {
    days: field.multiSelect({
      label: 'Days',
      options: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: dayName(d) })),
      public: true,
    }),
    time: field.shortText({
      label: 'Time (your local time, 24-hour)',
      hint: 'For example 09:00',
      maxLength: 5,
      pattern: hhmm,
      public: true,
    }),
    paused: field.yesNo({ label: 'Pause check-ins?', public: true }),
    consent: field.select({
      label: 'Who can see my answers, by default',
      options: CONSENTS.map((c) => ({ value: c, label: consentLabels[c] })),
      public: true,
    }),
  },
});

export const checkinMoreForm = defineForm({
  id: 'checkin-more',
  title: 'Your check-in',
  intro: 'All optional. What is weighing on you is kept sealed and only you can read it.',
  submitLabel: 'Save',
  precondition: 'mentor',
  fields: {
    weighing: field.longText({ label: 'What is weighing on you? (only you see it)', required: false, maxLength: 1500 }),
    wants: field.select({
      label: 'Would you like anything?',
      required: false,
      options: WANTS.map((w) => ({ value: w, label: wantsLabels[w] })),
      public: true,
    }),
    consent: field.select({
      label: 'Who can see this answer',
      options: CONSENTS.map((c) => ({ value: c, label: consentLabels[c] })),
      public: true,
    }),
  },
});
