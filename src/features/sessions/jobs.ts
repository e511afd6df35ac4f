// Session timers. Check-out steps per participant (prompt, reminder, P1 overdue escalation), fenced
// on the participant's epoch; "where we left it" before a planned session; one debrief reminder.
import { z } from 'zod';
import { recordEvent } from '../../core/events.js';
import { readSettings } from '../../core/settings.js';
import type { JobKind, JobRegistry } from '../../jobs/registry.js';
import { raiseEscalation } from '../escalation/api.js';
import { checkoutMessage, dayAndTime, debriefPrompt, EMERGENCY, hhmm, SAFE_END_ACTION } from './forms.js';
import { labelOf } from '../cases/api.js';
import { venueTypes, type CheckoutStep } from './policy.js';
import { CHECKOUT_JOB, DEBRIEF_REMINDER_JOB, NEXT_STEPS_JOB } from './service.js';

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
    const session = await tx.mentoringSession.findUniqueOrThrow({
      where: { id: sessionId },
      include: { case: { select: { code: true } } },
    });
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
      });
      return;
    }
    const { networkTimeZone } = await readSettings(tx, deps.config);
    const minutesLate = Math.round((now.getTime() - plannedEnd.getTime()) / 60_000);
    const safetyNotes = session.safetyNotesEnc
      ? await deps.vault.open(tx, session.safetyNotesEnc, {
          table: 'MentoringSession',
          column: 'safetyNotesEnc',
          rowId: session.id,
        })
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
      message: {
        title: 'The duty coordinator has been asked to check on you',
        text: `We had not heard that you are out of your session on ${session.case.code}, so the duty coordinator has been told and will try to reach you. If you are safe, press the button so they know. ${EMERGENCY}`,
        buttons: [{ actionId: SAFE_END_ACTION, label: 'I’m safe, end session', value: sessionId, style: 'primary' }],
        tone: 'urgent',
      },
    });
  },
};

const nextStepsJob: JobKind<{ sessionId: string; memberId: string }> = {
  catchUp: { skipIfLaterThanMs: 2 * 60 * 60_000 },
  maxAttempts: 5,
  payload: participantPayload,
  async handler({ deps, tx, job }) {
    const { sessionId, memberId } = job.payload;
    const session = await tx.mentoringSession.findUniqueOrThrow({
      where: { id: sessionId },
      include: { case: { select: { code: true, status: true } } },
    });
    if (session.status !== 'planned' || session.case.status !== 'open' || !session.plannedStart) return;
    const assigned = await tx.caseAssignment.findFirst({ where: { caseId: session.caseId, memberId, endedAt: null } });
    if (!assigned) return;
    // Only the author's own last debrief on this case: their words, to them alone.
    const last = await tx.debrief.findFirst({
      where: { authorId: memberId, caseId: session.caseId },
      orderBy: [{ sessionDate: 'desc' }, { createdAt: 'desc' }],
    });
    if (!last) return;
    const member = await tx.member.findUniqueOrThrow({
      where: { id: memberId },
      select: { timeZone: true, status: true },
    });
    if (member.status === 'left') return;
    const nextSteps = last.nextStepsEnc
      ? await deps.vault.open(tx, last.nextStepsEnc, { table: 'Debrief', column: 'nextStepsEnc', rowId: last.id })
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
  },
};

const debriefReminderJob: JobKind<{ sessionId: string; memberId: string }> = {
  catchUp: { skipIfLaterThanMs: 24 * 60 * 60_000 },
  maxAttempts: 5,
  payload: participantPayload,
  async handler({ deps, tx, job }) {
    const { sessionId, memberId } = job.payload;
    // Fenced on the thing itself: nothing if they have debriefed this session (or this case since).
    const session = await tx.mentoringSession.findUniqueOrThrow({
      where: { id: sessionId },
      include: { case: { select: { code: true } } },
    });
    const part = await tx.sessionParticipant.findUnique({
      where: { sessionId_memberId: { sessionId, memberId } },
      select: { endedAt: true },
    });
    const since = part?.endedAt ?? session.endedAt ?? session.createdAt;
    const done = await tx.debrief.count({
      where: { authorId: memberId, OR: [{ sessionId }, { caseId: session.caseId, createdAt: { gte: since } }] },
    });
    const member = await tx.member.findUnique({ where: { id: memberId }, select: { status: true } });
    if (done || !member || member.status === 'left') return;
    await deps.outbox.enqueue(tx, {
      to: 'member',
      memberId,
      message: debriefPrompt(session.case.code, sessionId, true),
    });
  },
};

export function registerSessionJobs(jobs: JobRegistry): void {
  jobs.register(CHECKOUT_JOB, checkoutJob);
  jobs.register(NEXT_STEPS_JOB, nextStepsJob);
  jobs.register(DEBRIEF_REMINDER_JOB, debriefReminderJob);
}
