// Pure session rules: the check-out chain after a session's planned end, and when the mentor gets
// "where we left it" before the next session.
export type CheckoutStep = 'prompt' | 'reminder' | 'overdue';

export interface CheckoutMinutes {
  prompt: number;
  reminder: number;
  overdue: number;
}

/** The three steps after the planned end, in order (a misconfigured order is put right). */
export function checkoutChain(plannedEnd: Date, minutes: CheckoutMinutes): { step: CheckoutStep; at: Date }[] {
  const prompt = Math.max(0, minutes.prompt);
  const reminder = Math.max(prompt, minutes.reminder);
  const overdue = Math.max(reminder, minutes.overdue);
  const at = (m: number) => new Date(plannedEnd.getTime() + m * 60_000);
  return [
    { step: 'prompt', at: at(prompt) },
    { step: 'reminder', at: at(reminder) },
    { step: 'overdue', at: at(overdue) },
  ];
}

/** "Where we left it" arrives this long before a planned session. */
export const NEXT_STEPS_BEFORE_MS = 2 * 60 * 60_000;
/** One debrief reminder, this long after the session ended, if none was written. */
export const DEBRIEF_REMINDER_MS = 3 * 60 * 60_000;

export const venueTypes = [
  { value: 'community', label: 'Community venue (café, centre, library)' },
  { value: 'outdoors', label: 'Outdoors or public place' },
  { value: 'client_home', label: 'The client’s home' },
  { value: 'custody', label: 'Prison or probation office' },
  { value: 'school_college', label: 'School, college or workplace' },
  { value: 'remote', label: 'Phone or video' },
  { value: 'other', label: 'Other' },
] as const;
