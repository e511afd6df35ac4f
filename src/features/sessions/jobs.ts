// Session timers. Check-out steps per participant (prompt, reminder, P1 overdue escalation), fenced
// on the participant's epoch; "where we left it" before a planned session; one debrief reminder.
import { z } from 'zod';
import { recordEvent } from '../../core/events.js';
import { readSettings } from '../../core/settings.js';
import { labelOf } from '../../core/wording.js';
import type { JobContext, JobKind } from '../../jobs/registry.js';
import { isAssigned } from '../cases/api.js';
import { debriefBinding, hasDebriefed, lastOwnDebrief } from '../debrief/api.js';
import { raiseEscalation } from '../escalation/api.js';
import { job } from '../feature.js';
import { checkoutMessage, dayAndTime, debriefPrompt, hhmm, overdueMessage } from './messages.js';
import { type CheckoutStep, venueTypes } from './policy.js';
import { CHECKOUT_JOB, DEBRIEF_REMINDER_JOB, NEXT_STEPS_JOB } from './schedule.js';
import { sessionWithCase } from './rows.js';
import { safetyNotesBinding } from './sealed.js';

const participantPayload = z.object({ sessionId: z.string().uuid(), memberId: z.string().uuid() });

async function participantEpoch(
  tx: Parameters<NonNullable<JobKind['fence']>>[0],
  subjectId: string | null,
): Promise<string | null> {
  const [sessionId, memberId] = (subjectId ?? '').split(':');
  if (!sessionId || !memberId) return null;
  const [row] = await tx.$queryRaw<{ epoch: number; endedAt: Date | null }[]>`
    SELECT "epoch", "endedAt" FROM "SessionParticipant" WHERE "sessionId" = ${sessionId}::uuid AND "memberId" = ${memberId}::uuid FOR UPDATE`;
  return row && !row.endedAt ? String(row.epoch) : null;
}

const checkoutJob: JobKind<{ sessionId: string; memberId: string; step: CheckoutStep; plannedEnd: string }> = {
  catchUp: 'run',
  maxAttempts: 8,
  payload: participantPayload.extend({ step: z.enum(['prompt', 'reminder', 'overdue']), plannedEnd: z.string() }),
  fence: (tx, job) => participantEpoch(tx, job.subjectId),
  async handler({ deps, tx, job, now }) {
    const { sessionId, memberId, step } = job.payload;
    const session = await sessionWithCase(tx, sessionId);
    if (session.status === 'ended' || session.status === 'cancelled') return;
    const member = await tx.member.findUniqueOrThrow({
      where: { id: memberId },
      select: { displayName: true, timeZone: true, status: true },
    });
    if (member.status === 'left') return;
    const plannedEnd = new Date(job.payload.plannedEnd);
    if (step !== 'overdue') {
      await deps.outbox.enqueue(tx, {
        to: 'member',
        memberId,
        message: checkoutMessage(step, session.case.code, hhmm(plannedEnd, member.timeZone), sessionId),
        urgent: step === 'reminder',
      });
      return;
    }
    const { networkTimeZone } = await readSettings(tx, deps);
    const minutesLate = Math.round((now.getTime() - plannedEnd.getTime()) / 60_000);
    const safetyNotes = session.safetyNotesEnc
      ? await deps.vault.open(tx, session.safetyNotesEnc, safetyNotesBinding(session.id))
      : undefined;
    const details = [
      `Automatic check-out alert: ${member.displayName} has not ended their session on ${session.case.code}, planned to end ${dayAndTime(plannedEnd, networkTimeZone)} (${minutesLate} minutes ago), after a prompt and a reminder.`,
      `Venue type: ${labelOf(venueTypes, session.venueType) || 'not given'}. ${session.paired ? 'Paired session.' : 'Solo session.'}`,
      safetyNotes ? `Their safety notes for this session: ${safetyNotes}` : 'No safety notes were given.',
    ].join('\n');
    // INTEGRATION: the escalation capability raises, notifies the duty coordinator and runs its own chain.
    const raised = await raiseEscalation(
      { tx, deps, now },
      {
        reporterId: memberId,
        category: 'mentor_overdue',
        tier: 'P1',
        caseCode: session.case.code,
        details,
        clientTold: 'not_yet',
        actionsTaken: [],
        source: { sessionId },
      },
    );
    await recordEvent(tx, {
      subjectKind: 'session',
      subjectId: sessionId,
      kind: 'session.overdue',
      at: now,
      data: { memberId, escalationId: raised.id, number: raised.number },
    });
    await deps.outbox.enqueue(tx, {
      to: 'member',
      memberId,
      message: overdueMessage(session.case.code, sessionId),
      urgent: true,
    });
  },
};

type Participant = z.infer<typeof participantPayload>;

/** A job about one participant's part in a session, given the session with its case. */
const participantJob = (
  skipIfLaterThanMs: number,
  handler: (ctx: JobContext<Participant>, session: Awaited<ReturnType<typeof sessionWithCase>>) => Promise<void>,
): JobKind<Participant> => ({
  catchUp: { skipIfLaterThanMs },
  maxAttempts: 5,
  payload: participantPayload,
  handler: async (ctx) => handler(ctx, await sessionWithCase(ctx.tx, ctx.job.payload.sessionId)),
});

/** "Where we left it": the mentor's own last next steps on the case, before a planned session. */
const nextStepsJob = participantJob(2 * 60 * 60_000, async ({ deps, tx, job }, session) => {
  const { memberId } = job.payload;
  if (session.status !== 'planned' || session.case.status !== 'open' || !session.plannedStart) return;
  if (!(await isAssigned(tx, { caseId: session.caseId, memberId }))) return;
  // Only the author's own last debrief on this case: their words, to them alone.
  const last = await lastOwnDebrief(tx, { authorId: memberId, caseId: session.caseId });
  if (!last) return;
  const member = await tx.member.findUniqueOrThrow({
    where: { id: memberId },
    select: { timeZone: true, status: true },
  });
  if (member.status === 'left') return;
  const nextSteps = last.nextStepsEnc
    ? await deps.vault.open(tx, last.nextStepsEnc, debriefBinding('nextStepsEnc', last.id))
    : undefined;
  const date = last.sessionDate.toISOString().slice(0, 10);
  await deps.outbox.enqueue(tx, {
    to: 'member',
    memberId,
    message: {
      title: `Where we left it: ${session.case.code}`,
      text: nextSteps
        ? `Before your session ${dayAndTime(session.plannedStart, member.timeZone)}, here is where you left it on ${date} (your own words, private to you):\n${nextSteps}`
        : `Before your session ${dayAndTime(session.plannedStart, member.timeZone)}: your last debrief on ${session.case.code} (${date}) noted no next steps.`,
      tone: 'info',
    },
    subjects: nextSteps ? [{ kind: 'case', id: session.case.code }] : undefined,
  });
});

/** One reminder to debrief. Fenced on the thing itself: nothing if they have debriefed this session (or this case since). */
const debriefReminderJob = participantJob(24 * 60 * 60_000, async ({ deps, tx, job }, session) => {
  const { sessionId, memberId } = job.payload;
  const part = await tx.sessionParticipant.findUnique({
    where: { sessionId_memberId: { sessionId, memberId } },
    select: { endedAt: true },
  });
  const since = part?.endedAt ?? session.endedAt ?? session.createdAt;
  const done = await hasDebriefed(tx, { authorId: memberId, sessionId, caseId: session.caseId, since });
  const member = await tx.member.findUnique({ where: { id: memberId }, select: { status: true } });
  if (done || !member || member.status === 'left') return;
  await deps.outbox.enqueue(tx, {
    to: 'member',
    memberId,
    message: debriefPrompt(session.case.code, sessionId, true),
  });
});

export const sessionJobs = {
  [CHECKOUT_JOB]: job(checkoutJob),
  [NEXT_STEPS_JOB]: job(nextStepsJob),
  [DEBRIEF_REMINDER_JOB]: job(debriefReminderJob),
};
