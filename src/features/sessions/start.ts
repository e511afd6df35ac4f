// Starting a session: the actor's planned one on the case (the nearest), or an unplanned one; the
// check-out chain then runs from the actual start for everyone in it, earlier steps fenced off.
import { say } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, Response } from '../../core/router.js';
import { auditSession, ownOpenCase } from './access.js';
import { startedText } from './messages.js';
import { createSession } from './rows.js';
import { scheduleCheckout } from './schedule.js';

/** Starts the actor's planned session on this case (the nearest), or records an unplanned one. */
async function recordStart(ctx: ActorContext, code: string, expectedMinutes?: number) {
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
    session = await createSession(ctx, found.id, { status: 'started', startedAt: ctx.now, expectedMinutes: minutes });
    await ctx.tx.sessionParticipant.create({
      data: { sessionId: session.id, memberId: ctx.actor.memberId, epoch: 0 },
    });
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
    await scheduleCheckout(ctx.tx, ctx.deps, { sessionId: session.id, memberId: p.memberId, epoch, plannedEnd });
  }
  await auditSession(ctx, session.id, 'session.started', {
    caseCode: found.code,
    planned: session.plannedStart !== null,
  });
  return { id: session.id, code: found.code, plannedEnd, participants: participants.map((p) => p.memberId) };
}

export async function startSession(
  ctx: ActorContext,
  input: { code: string; expectedMinutes?: number },
): Promise<Response> {
  const started = await recordStart(ctx, input.code, input.expectedMinutes);
  return { replies: [say(startedText(started.code, started.plannedEnd, ctx.actor.timeZone), { tone: 'success' })] };
}
