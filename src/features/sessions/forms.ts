// The session plan form and the ids of the sessions' buttons (check out safely, open a debrief).
import { defineForm, field, type FormValues } from '../../core/form.js';
import { caseCodePattern } from '../../core/wording.js';
import { venueTypes } from './policy.js';

export const SAFE_END_ACTION = 'session.safe';
export const OPEN_DEBRIEF_ACTION = 'debrief.open';

export const sessionPlanForm = defineForm({
  id: 'session.plan',
  title: 'Plan a session',
  intro:
    'So someone notices if you are not back safe. After the planned end you are asked to end the session; if you do not, the duty coordinator is told.',
  submitLabel: 'Plan session',
  precondition: 'mentor',
  fields: {
    caseCode: field.shortText({
      label: 'Case code',
      hint: 'For example MS-0042. Never a name.',
      maxLength: 13,
      pattern: caseCodePattern,
      public: true,
    }),
    start: field.dateTime({ label: 'Start (your local time)', hint: 'YYYY-MM-DD HH:MM', public: true }),
    expectedMinutes: field.number({
      label: 'Expected length in minutes',
      hint: 'For example 60',
      min: 10,
      max: 480,
      public: true,
    }),
    venueType: field.select({ label: 'Where?', options: venueTypes, public: true }),
    paired: field.yesNo({
      label: 'Paired with your co-mentor?',
      hint: 'yes: the case’s co-mentor comes too',
      public: true,
    }),
    safetyNotes: field.longText({
      label: 'Safety notes (optional)',
      hint: 'Where exactly, who knows you are there. Encrypted; shown to the duty coordinator only if you are overdue.',
      required: false,
      maxLength: 1000,
    }),
    safeguarding: field.yesNo({
      label: 'Is this a safeguarding concern?',
      hint: 'Optional; yes: the coordinators are told and read the notes',
      required: false,
      public: true,
    }),
  },
});
export type SessionPlanValues = FormValues<typeof sessionPlanForm>;
