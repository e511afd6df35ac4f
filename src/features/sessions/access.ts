// Whose sessions: a case the actor is assigned to now and that is open, and a session's audit entry.
import { recordEvent } from '../../core/events.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import { isAssigned, visibleCase } from '../cases/api.js';

/** A case the actor is assigned to now, open (not paused or closed). */
export async function ownOpenCase(ctx: Pick<ActorContext, 'tx' | 'actor'>, code: string) {
  const found = await visibleCase(ctx, code);
  if (!(await isAssigned(ctx.tx, { caseId: found.id, memberId: ctx.actor.memberId })))
    throw new Refusal(
      `You are not assigned to ${found.code}. Sessions are planned by the case’s own mentors.`,
      'not_owner',
    );
  if (found.status !== 'open')
    throw new Refusal(`${found.code} is ${found.status}; sessions resume when a coordinator reopens it.`, 'closed');
  return found;
}

/** A session's audit entry, by the actor. */
export const auditSession = (
  ctx: ActorContext,
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
