// The sessions' wording: times as mentors see them, the check-out prompts, the debrief prompt, and
// what a mentor, their partner and the coordinators are told as a session is planned, run and ended.
import type { Message } from '../../core/message.js';
import { EMERGENCY } from '../../core/wording.js';
import { OPEN_DEBRIEF_ACTION, SAFE_END_ACTION } from './forms.js';

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
      : `Thank you; you are checked out. When you are ready, take a few minutes to debrief while it is fresh. Only you see your notes. ${EMERGENCY}`,
    buttons: [{ actionId: OPEN_DEBRIEF_ACTION, label: 'Debrief now', value: sessionId, style: 'primary' }],
    tone: 'info',
  };
}

/** The button that ends the mentor's part in a session. */
const safeEndButton = (sessionId: string) => [
  { actionId: SAFE_END_ACTION, label: 'I’m safe, end session', value: sessionId, style: 'primary' as const },
];

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
    buttons: safeEndButton(sessionId),
    tone: step === 'prompt' ? 'info' : 'urgent',
  };
}

/** To the mentor once the duty coordinator has been asked to check on them. */
export const overdueMessage = (caseCode: string, sessionId: string): Message => ({
  title: 'The duty coordinator has been asked to check on you',
  text: `We had not heard that you are out of your session on ${caseCode}, so the duty coordinator has been told and will try to reach you. If you are safe, press the button so they know. ${EMERGENCY}`,
  buttons: safeEndButton(sessionId),
  tone: 'urgent',
});

/** The planning mentor's confirmation. */
export const plannedMessage = (
  code: string,
  at: { start: Date; end: Date; zone: string },
  promptMinutes: number,
): Message => ({
  title: `Session planned: ${code}`,
  text: `${dayAndTime(at.start, at.zone)}, ending about ${hhmm(at.end, at.zone)}. Use /session start when you begin and /session end when you are out safely; ${promptMinutes} minutes after the planned end you will be asked if you are safe. ${EMERGENCY}`,
  tone: 'success',
});

/** The started session's confirmation. */
export const startedText = (code: string, plannedEnd: Date, zone: string) =>
  `Session on ${code} started. Expected end ${hhmm(plannedEnd, zone)}; end it with /session end when you are out safely. ${EMERGENCY}`;
