// The sessions' timers: the check-out chain per participant (fenced on the participant's epoch,
// which moves when they start or end), "where we left it" before a planned session, and one debrief
// reminder after a mentor ends.
import type { Deps } from '../../core/deps.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { checkoutChain, DEBRIEF_REMINDER_MS, NEXT_STEPS_BEFORE_MS } from './policy.js';

export const CHECKOUT_JOB = 'session.checkout';
export const NEXT_STEPS_JOB = 'session.next_steps';
export const DEBRIEF_REMINDER_JOB = 'debrief.reminder';

export const participantSubject = (sessionId: string, memberId: string) => ({
  kind: 'session_participant',
  id: `${sessionId}:${memberId}`,
});

/** The prompt, reminder and overdue escalation after the planned end, for one participant at one epoch. */
export async function scheduleCheckout(
  tx: Tx,
  deps: Deps,
  input: { sessionId: string; memberId: string; epoch: number; plannedEnd: Date },
): Promise<void> {
  const { sessionId, memberId, epoch, plannedEnd } = input;
  const chain = checkoutChain(plannedEnd, {
    prompt: deps.config.SESSION_END_PROMPT_MINUTES,
    reminder: deps.config.SESSION_END_REMINDER_MINUTES,
    overdue: deps.config.SESSION_OVERDUE_MINUTES,
  });
  for (const { step, at } of chain) {
    await enqueueJob(tx, {
      kind: CHECKOUT_JOB,
      dueAt: at,
      payload: { sessionId, memberId, step, plannedEnd: plannedEnd.toISOString() },
      subject: participantSubject(sessionId, memberId),
      fence: String(epoch),
      dedupeKey: `${CHECKOUT_JOB}:${sessionId}:${memberId}:${epoch}:${step}`,
      priority: step === 'overdue' ? 10 : 0,
    });
  }
}

/** "Where we left it", NEXT_STEPS_BEFORE_MS before the planned start (or now, if that has passed). */
export async function scheduleNextSteps(
  tx: Tx,
  input: { sessionId: string; memberId: string; start: Date; now: Date },
): Promise<void> {
  const { sessionId, memberId } = input;
  const reminderAt = new Date(input.start.getTime() - NEXT_STEPS_BEFORE_MS);
  await enqueueJob(tx, {
    kind: NEXT_STEPS_JOB,
    dueAt: reminderAt > input.now ? reminderAt : input.now,
    payload: { sessionId, memberId },
    subject: participantSubject(sessionId, memberId),
    dedupeKey: `${NEXT_STEPS_JOB}:${sessionId}:${memberId}`,
  });
}

/** One debrief reminder, DEBRIEF_REMINDER_MS after the mentor ended their part. */
export async function scheduleDebriefReminder(
  tx: Tx,
  input: { sessionId: string; memberId: string; now: Date },
): Promise<void> {
  const { sessionId, memberId } = input;
  await enqueueJob(tx, {
    kind: DEBRIEF_REMINDER_JOB,
    dueAt: new Date(input.now.getTime() + DEBRIEF_REMINDER_MS),
    payload: { sessionId, memberId },
    subject: participantSubject(sessionId, memberId),
    dedupeKey: `${DEBRIEF_REMINDER_JOB}:${sessionId}:${memberId}`,
  });
}
