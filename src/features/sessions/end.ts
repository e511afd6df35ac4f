// Ending a session: each mentor ends their own part (their timers stop, the debrief prompt is owed
// and one reminder set); with nothing under way and a case given, an unplanned session is recorded.
// Whoever was checking on an overdue mentor hears at once that they are out and safe.
import { z } from 'zod';
import type { Reply } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, Response } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { recordTravel } from '../mentors/api.js';
import { auditSession, ownOpenCase } from './access.js';
import { debriefPrompt } from './messages.js';
import { createSession, sessionWithCase } from './rows.js';
import { scheduleDebriefReminder } from './schedule.js';

/**
 * Ends the member's part in a session (each paired mentor ends separately): their timers stop,
 * the debrief prompt is owed and one reminder is scheduled. With no session under way and a case
 * given, records an unplanned session that has just ended.
 */
async function recordEnd(ctx: ActorContext, target: { sessionId?: string; caseCode?: string }) {
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
        const s = await sessionWithCase(ctx.tx, target.sessionId);
        return {
          id: s.id,
          code: s.case.code,
          alreadyEnded: true,
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
    const { id } = await createSession(ctx, found.id, { status: 'ended', endedAt: ctx.now });
    await ctx.tx.sessionParticipant.create({ data: { sessionId: id, memberId, endedAt: ctx.now, epoch: 1 } });
    await scheduleDebriefReminder(ctx.tx, { sessionId: id, memberId, now: ctx.now });
    await auditSession(ctx, id, 'session.ended', { caseCode: found.code, unplanned: true });
    return { id, code: found.code, alreadyEnded: false, overdue: [] as number[] };
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
  await scheduleDebriefReminder(ctx.tx, { sessionId: session.id, memberId, now: ctx.now });
  await auditSession(ctx, session.id, 'session.ended', { caseCode: session.case.code, memberId });
  const overdue = await overdueEscalationNumbers(ctx.tx, session.id, memberId);
  return {
    id: session.id,
    code: session.case.code,
    alreadyEnded: false,
    overdue,
  };
}

/** What an overdue check-out recorded in its event (jobs.ts), as stored. */
const overdueData = z.object({ memberId: z.string(), number: z.number() });

/** Numbers of the overdue escalations this member's check-out raised for the session (from its own events). */
async function overdueEscalationNumbers(tx: Tx, sessionId: string, memberId: string): Promise<number[]> {
  const events = await tx.event.findMany({
    where: { subjectKind: 'session', subjectId: sessionId, kind: 'session.overdue' },
    select: { data: true },
  });
  return events.flatMap((e) => {
    const data = overdueData.safeParse(e.data);
    return data.success && data.data.memberId === memberId ? [data.data.number] : [];
  });
}

/** Ends the actor's part (by the safe button's session, or the case), with travel given at the end. */
export async function endSession(
  ctx: ActorContext,
  input: { sessionId?: string; caseCode?: string; travel?: { minutes?: number; cost?: string } },
): Promise<Response> {
  const ended = await recordEnd(ctx, input);
  if (ended.alreadyEnded)
    return {
      replies: [
        {
          to: 'actor',
          message: {
            text: `You had already ended your session on ${ended.code}. Thank you; nothing more to do.`,
            tone: 'info',
          },
        },
      ],
    };
  await recordTravel(ctx.tx, ended.id, ctx.actor.memberId, input.travel ?? {});
  const replies: Reply[] = [{ to: 'actor', message: debriefPrompt(ended.code, ended.id) }];
  for (const number of ended.overdue) {
    replies.push({
      to: 'channel',
      channel: 'coordinators',
      message: {
        text: `${ctx.actor.displayName} has ended their session on ${ended.code} and says they are safe (escalation #${number}). Please still confirm with them and resolve the escalation.`,
        tone: 'info',
      },
    });
  }
  return { replies };
}
