// Mentoring sessions: plan, start and end (planned or not), each mentor checked out separately.
// Timers per participant are fenced on the participant's epoch, which moves when they start or end.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import { Refusal, type HandlerContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { visibleCase } from '../cases/api.js';
import { recordConcern } from '../concerns/api.js';
import type { SessionPlanValues } from './forms.js';
import { checkoutChain, DEBRIEF_REMINDER_MS, NEXT_STEPS_BEFORE_MS } from './policy.js';

type Ctx = Pick<HandlerContext, 'tx' | 'deps' | 'actor' | 'now' | 'surface'>;

export const CHECKOUT_JOB = 'session.checkout';
export const NEXT_STEPS_JOB = 'session.next_steps';
export const DEBRIEF_REMINDER_JOB = 'debrief.reminder';

export const participantSubject = (sessionId: string, memberId: string) => ({
  kind: 'session_participant',
  id: `${sessionId}:${memberId}`,
});

const audit = (
  ctx: Ctx,
  sessionId: string,
  kind: string,
  data: Record<string, string | number | boolean | null> = {},
) =>
  recordEvent(ctx.tx, {
    subjectKind: 'session',
    subjectId: sessionId,
    kind,
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data,
  });

/** A case the actor is assigned to now, open (not paused or closed). */
async function ownOpenCase(ctx: Ctx, code: string) {
  const found = await visibleCase(ctx, code);
  const mine = await ctx.tx.caseAssignment.findFirst({
    where: { caseId: found.id, memberId: ctx.actor.memberId, endedAt: null },
  });
  if (!mine)
    throw new Refusal(
      `You are not assigned to ${found.code}. Sessions are planned by the case’s own mentors.`,
      'not_owner',
    );
  if (found.status !== 'open')
    throw new Refusal(`${found.code} is ${found.status}; sessions resume when a coordinator reopens it.`, 'closed');
  return found;
}

async function scheduleCheckout(
  tx: Tx,
  deps: Deps,
  sessionId: string,
  memberId: string,
  epoch: number,
  plannedEnd: Date,
): Promise<void> {
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

export async function planSession(ctx: Ctx, values: SessionPlanValues) {
  const found = await ownOpenCase(ctx, values.caseCode);
  if (values.start.getTime() < ctx.now.getTime() - 15 * 60_000)
    throw new Refusal('That start time has passed. For a session already under way, use /session start.');
  const team = await ctx.tx.caseAssignment.findMany({ where: { caseId: found.id, endedAt: null } });
  const partner = team.find((a) => a.memberId !== ctx.actor.memberId);
  if (values.paired && !partner)
    throw new Refusal(
      `${found.code} has no co-mentor assigned yet, so it cannot be planned as paired. A coordinator can add one with /case assign.`,
    );
  const id = randomUUID();
  const participants = [ctx.actor.memberId, ...(values.paired && partner ? [partner.memberId] : [])];
  await ctx.tx.mentoringSession.create({
    data: {
      id,
      caseId: found.id,
      mentorId: ctx.actor.memberId,
      status: 'planned',
      plannedStart: values.start,
      expectedMinutes: values.expectedMinutes,
      paired: values.paired,
      venueType: values.venueType,
      createdAt: ctx.now,
      safetyNotesEnc: values.safetyNotes
        ? await ctx.deps.vault.seal(
            ctx.tx,
            values.safetyNotes,
            { table: 'MentoringSession', column: 'safetyNotesEnc', rowId: id },
            { kind: 'case', id: found.code },
          )
        : null,
    },
  });
  const plannedEnd = new Date(values.start.getTime() + values.expectedMinutes * 60_000);
  for (const memberId of participants) {
    await ctx.tx.sessionParticipant.create({ data: { sessionId: id, memberId, epoch: 0 } });
    await scheduleCheckout(ctx.tx, ctx.deps, id, memberId, 0, plannedEnd);
    const reminderAt = new Date(values.start.getTime() - NEXT_STEPS_BEFORE_MS);
    await enqueueJob(ctx.tx, {
      kind: NEXT_STEPS_JOB,
      dueAt: reminderAt > ctx.now ? reminderAt : ctx.now,
      payload: { sessionId: id, memberId },
      subject: participantSubject(id, memberId),
      dedupeKey: `${NEXT_STEPS_JOB}:${id}:${memberId}`,
    });
  }
  await audit(ctx, id, 'session.planned', { caseCode: found.code, paired: values.paired, venueType: values.venueType });
  const concern = values.safeguarding
    ? await recordConcern(ctx, {
        caseCode: found.code,
        source: 'session',
        sourceId: id,
        category: 'other',
        urgency: 'today',
        account: values.safetyNotes,
        raisedById: ctx.actor.memberId,
      })
    : undefined;
  return { id, code: found.code, plannedEnd, partnerId: participants[1], concern: concern?.number };
}

/** Starts the actor's planned session on this case (the nearest), or records an unplanned one. */
export async function startSession(ctx: Ctx, code: string, expectedMinutes?: number) {
  const found = await ownOpenCase(ctx, code);
  const mineUnderWay = await ctx.tx.sessionParticipant.findMany({
    where: { memberId: ctx.actor.memberId, endedAt: null },
    select: { sessionId: true },
  });
  if (
    await ctx.tx.mentoringSession.count({
      where: { id: { in: mineUnderWay.map((p) => p.sessionId) }, caseId: found.id, status: 'started' },
    })
  ) {
    throw new Refusal(
      `You already have a session under way on ${found.code}. End it with /session end when you are out safely.`,
    );
  }
  let session = await ctx.tx.mentoringSession.findFirst({
    where: {
      caseId: found.id,
      status: 'planned',
      plannedStart: {
        gte: new Date(ctx.now.getTime() - 12 * 3600_000),
        lte: new Date(ctx.now.getTime() + 12 * 3600_000),
      },
    },
    orderBy: { plannedStart: 'asc' },
  });
  if (
    session &&
    !(await ctx.tx.sessionParticipant.findUnique({
      where: { sessionId_memberId: { sessionId: session.id, memberId: ctx.actor.memberId } },
    }))
  )
    session = null;
  const minutes = expectedMinutes ?? session?.expectedMinutes ?? ctx.deps.config.SESSION_DEFAULT_MINUTES;
  if (!session) {
    const id = randomUUID();
    session = await ctx.tx.mentoringSession.create({
      data: {
        id,
        caseId: found.id,
        mentorId: ctx.actor.memberId,
        status: 'started',
        startedAt: ctx.now,
        expectedMinutes: minutes,
        createdAt: ctx.now,
      },
    });
    await ctx.tx.sessionParticipant.create({ data: { sessionId: id, memberId: ctx.actor.memberId, epoch: 0 } });
  } else {
    await ctx.tx.mentoringSession.update({
      where: { id: session.id },
      data: { status: 'started', startedAt: ctx.now, expectedMinutes: minutes, epoch: { increment: 1 } },
    });
  }
  // The chain now runs from the actual start; earlier steps are fenced off.
  const plannedEnd = new Date(ctx.now.getTime() + minutes * 60_000);
  const participants = await ctx.tx.sessionParticipant.findMany({ where: { sessionId: session.id, endedAt: null } });
  for (const p of participants) {
    const { epoch } = await ctx.tx.sessionParticipant.update({
      where: { sessionId_memberId: { sessionId: p.sessionId, memberId: p.memberId } },
      data: { epoch: { increment: 1 } },
    });
    await scheduleCheckout(ctx.tx, ctx.deps, session.id, p.memberId, epoch, plannedEnd);
  }
  await audit(ctx, session.id, 'session.started', { caseCode: found.code, planned: session.plannedStart !== null });
  return { id: session.id, code: found.code, plannedEnd, participants: participants.map((p) => p.memberId) };
}

/**
 * Ends the member's part in a session (each paired mentor ends separately): their timers stop,
 * the debrief prompt is owed and one reminder is scheduled. With no session under way and a case
 * given, records an unplanned session that has just ended.
 */
export async function endSession(ctx: Ctx, target: { sessionId?: string; caseCode?: string }) {
  const memberId = ctx.actor.memberId;
  const open = await ctx.tx.sessionParticipant.findMany({
    where: { memberId, endedAt: null, ...(target.sessionId ? { sessionId: target.sessionId } : {}) },
  });
  const sessions = await ctx.tx.mentoringSession.findMany({
    where: { id: { in: open.map((p) => p.sessionId) }, status: { in: ['planned', 'started'] } },
    include: { case: { select: { code: true } } },
    orderBy: [{ startedAt: { sort: 'desc', nulls: 'last' } }, { plannedStart: 'desc' }],
  });
  const wanted = target.caseCode?.trim().toUpperCase();
  let session = sessions.find((s) => !wanted || s.case.code === wanted);
  // A planned session that has not started yet is ended only when asked for by its button or its case.
  if (
    session &&
    session.status === 'planned' &&
    !target.sessionId &&
    !wanted &&
    session.plannedStart &&
    session.plannedStart > ctx.now
  )
    session = undefined;
  if (!session) {
    if (target.sessionId) {
      const ended = await ctx.tx.sessionParticipant.findUnique({
        where: { sessionId_memberId: { sessionId: target.sessionId, memberId } },
      });
      if (ended?.endedAt) {
        const s = await ctx.tx.mentoringSession.findUniqueOrThrow({
          where: { id: target.sessionId },
          include: { case: { select: { code: true } } },
        });
        return {
          id: s.id,
          code: s.case.code,
          alreadyEnded: true,
          sessionDate: s.startedAt ?? s.plannedStart ?? ended.endedAt,
          paired: s.paired,
          overdue: [] as number[],
        };
      }
      throw new Refusal('That session is not yours, or it is no longer under way.', 'not_owner');
    }
    if (!wanted)
      throw new Refusal(
        'You have no session under way. To record one that has just ended, give its case: /session end MS-0042.',
      );
    const found = await ownOpenCase(ctx, wanted);
    const id = randomUUID();
    await ctx.tx.mentoringSession.create({
      data: { id, caseId: found.id, mentorId: memberId, status: 'ended', endedAt: ctx.now, createdAt: ctx.now },
    });
    await ctx.tx.sessionParticipant.create({ data: { sessionId: id, memberId, endedAt: ctx.now, epoch: 1 } });
    await scheduleDebriefReminder(ctx, id);
    await audit(ctx, id, 'session.ended', { caseCode: found.code, unplanned: true });
    return { id, code: found.code, alreadyEnded: false, sessionDate: ctx.now, paired: false, overdue: [] as number[] };
  }
  await ctx.tx.sessionParticipant.update({
    where: { sessionId_memberId: { sessionId: session.id, memberId } },
    data: { endedAt: ctx.now, epoch: { increment: 1 } },
  });
  const stillIn = await ctx.tx.sessionParticipant.count({ where: { sessionId: session.id, endedAt: null } });
  if (stillIn === 0)
    await ctx.tx.mentoringSession.update({
      where: { id: session.id },
      data: {
        status: 'ended',
        endedAt: ctx.now,
        epoch: { increment: 1 },
        startedAt: session.startedAt ?? session.plannedStart,
      },
    });
  await scheduleDebriefReminder(ctx, session.id);
  await audit(ctx, session.id, 'session.ended', { caseCode: session.case.code, memberId });
  const overdue = await overdueEscalationNumbers(ctx.tx, session.id, memberId);
  return {
    id: session.id,
    code: session.case.code,
    alreadyEnded: false,
    sessionDate: session.startedAt ?? session.plannedStart ?? ctx.now,
    paired: session.paired,
    overdue,
  };
}

/** Numbers of the overdue escalations this member's check-out raised for the session (from its own events). */
async function overdueEscalationNumbers(tx: Tx, sessionId: string, memberId: string): Promise<number[]> {
  const events = await tx.event.findMany({
    where: { subjectKind: 'session', subjectId: sessionId, kind: 'session.overdue' },
    select: { data: true },
  });
  return events
    .map((e) => e.data as { memberId?: string; number?: number })
    .filter((d) => d.memberId === memberId && typeof d.number === 'number')
    .map((d) => d.number!);
}

async function scheduleDebriefReminder(ctx: Ctx, sessionId: string) {
  await enqueueJob(ctx.tx, {
    kind: DEBRIEF_REMINDER_JOB,
    dueAt: new Date(ctx.now.getTime() + DEBRIEF_REMINDER_MS),
    payload: { sessionId, memberId: ctx.actor.memberId },
    subject: participantSubject(sessionId, ctx.actor.memberId),
    dedupeKey: `${DEBRIEF_REMINDER_JOB}:${sessionId}:${ctx.actor.memberId}`,
  });
}

/** The session a debrief prompt was for (its button's id parsed by the router), if it is the actor's: case code and date to prefill. */
export async function sessionForDebrief(tx: Tx, sessionId: string, memberId: string, zone: string) {
  const part = await tx.sessionParticipant.findUnique({ where: { sessionId_memberId: { sessionId, memberId } } });
  if (!part) return undefined;
  const s = await tx.mentoringSession.findUniqueOrThrow({
    where: { id: sessionId },
    include: { case: { select: { code: true } } },
  });
  const at = s.startedAt ?? s.plannedStart ?? part.endedAt ?? s.createdAt;
  const minutes =
    s.startedAt && (part.endedAt ?? s.endedAt)
      ? Math.round(((part.endedAt ?? s.endedAt)!.getTime() - s.startedAt.getTime()) / 60_000)
      : s.expectedMinutes;
  return {
    sessionId,
    caseCode: s.case.code,
    sessionDate: at.toLocaleDateString('en-CA', { timeZone: zone }),
    lengthMinutes: minutes && minutes >= 1 ? String(Math.min(minutes, 600)) : undefined,
    paired: s.paired,
  };
}
