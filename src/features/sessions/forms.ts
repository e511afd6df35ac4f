import { defineForm, field, type FormValues } from '../../core/form.js';
import type { Message } from '../../core/message.js';
import { caseCodePattern } from '../debrief/api.js';
import { venueTypes } from './policy.js';

export const SAFE_END_ACTION = 'session.safe';
export const OPEN_DEBRIEF_ACTION = 'debrief.open';
export const EMERGENCY = 'If you are in danger, call the emergency services (999) first.';

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

export const hhmm = (at: Date, zone: string) =>
  at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone });
export const dayAndTime = (at: Date, zone: string) =>
  `${at.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone })} at ${hhmm(at, zone)}`;

/** The debrief prompt: a button opening the debrief form prefilled with case and date. */
export function debriefPrompt(caseCode: string, sessionId: string, reminder = false): Message {
  return {
    title: reminder ? `A gentle reminder: debrief ${caseCode}` : `Session on ${caseCode} ended`,
    text: reminder
      ? `When you have a few minutes, reflecting on today’s session on ${caseCode} helps you and the network. Only you see your notes.`
      : `Thank you; you are checked out. When you are ready, take a few minutes to debrief while it is fresh. Only you see your notes. ${EMERGENCY.replace('you are', 'anyone is')}`,
    buttons: [{ actionId: OPEN_DEBRIEF_ACTION, label: 'Debrief now', value: sessionId, style: 'primary' }],
    tone: 'info',
  };
}

export function checkoutMessage(
  step: 'prompt' | 'reminder',
  caseCode: string,
  plannedEnd: string,
  sessionId: string,
): Message {
  return {
    title: step === 'prompt' ? `Are you safe? Session on ${caseCode}` : `Reminder: please check out of ${caseCode}`,
    text:
      step === 'prompt'
        ? `Your session on ${caseCode} was planned to end at ${plannedEnd}. When you are safe, press the button to end it. ${EMERGENCY}`
        : `We have not heard that you are out of your session on ${caseCode} (planned end ${plannedEnd}). Please press the button now; if we do not hear from you soon, the duty coordinator will be asked to check on you. ${EMERGENCY}`,
    buttons: [{ actionId: SAFE_END_ACTION, label: 'I’m safe, end session', value: sessionId, style: 'primary' }],
    tone: step === 'prompt' ? 'info' : 'urgent',
  };
}
