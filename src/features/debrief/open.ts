// Opening the debrief form from the prompt after a session: prefilled with its case, date, length
// and whether it was paired, when the session is the actor's.
import type { ActorContext, Response } from '../../core/router.js';
import { sessionForDebrief } from '../sessions/api.js';
import { debriefForm } from './forms.js';

export async function openDebriefForSession(
  ctx: Pick<ActorContext, 'tx' | 'actor'>,
  input: { sessionId: string },
): Promise<Response> {
  const session = await sessionForDebrief(ctx.tx, input.sessionId, ctx.actor.memberId, ctx.actor.timeZone);
  if (!session) return { form: { form: debriefForm } };
  const initial: Record<string, string> = {
    caseCode: session.caseCode,
    sessionDate: session.sessionDate,
    paired: session.paired ? 'yes' : 'no',
  };
  if (session.lengthMinutes) initial.lengthMinutes = session.lengthMinutes;
  return { form: { form: debriefForm, initial, context: { sessionId: session.sessionId } } };
}
