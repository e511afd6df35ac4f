// What an escalation raised from a form came from: the debrief or session it was opened from,
// kept only when it is the reporter's own.
import type { ActorContext } from '../../core/router.js';
import { isUuid } from '../../core/values.js';
import { wroteDebrief } from '../debrief/api.js';
import { tookPart } from '../sessions/api.js';

/**
 * The debrief or session the form was opened from, kept only when it is the reporter's own: a
 * debrief they wrote, a session they took part in. Anything else in the form's context is dropped
 * (the escalation itself still goes out), so it cannot attach to, or take over the concern of,
 * another mentor's record.
 */
export async function ownSource(
  ctx: ActorContext,
  context: Record<string, string>,
): Promise<{ debriefId?: string; sessionId?: string }> {
  const memberId = ctx.actor.memberId;
  const debriefId = isUuid(context.debriefId) ? context.debriefId : undefined;
  const sessionId = isUuid(context.sessionId) ? context.sessionId : undefined;
  const ownDebrief = debriefId !== undefined && (await wroteDebrief(ctx.tx, { debriefId, memberId }));
  const ownSession = sessionId !== undefined && (await tookPart(ctx.tx, { sessionId, memberId }));
  return { debriefId: ownDebrief ? debriefId : undefined, sessionId: ownSession ? sessionId : undefined };
}
