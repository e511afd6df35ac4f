// Discord tells the bot no time zone, so a member's first answered interaction of any kind carries,
// after its own messages, the one-time question about their zone (features/members/time-zone.ts).
// It never holds up the answer: a modal goes out alone (the question waits for the next answer),
// and a failure to ask is logged and forgotten.
import type { PlatformUser } from '../../core/actor.js';
import type { Deps } from '../../core/deps.js';
import { timeZoneAskOnce } from '../../features/members/time-zone.js';
import { renderMessage } from './render.js';
import type { Answer, Responder } from './respond.js';

export function withFirstUseAsk(
  deps: Deps,
  user: PlatformUser,
  work: (responder: Responder) => Promise<Answer>,
): (responder: Responder) => Promise<Answer> {
  return async (responder) => {
    const answer = await work(responder);
    if (!('messages' in answer)) return answer;
    const ask = await timeZoneAskOnce(deps, user).catch((error: unknown) => {
      deps.log.warn(
        { surface: 'discord', err: { name: (error as Error).name, code: (error as { code?: string }).code } },
        'time zone question not asked',
      );
      return undefined;
    });
    return ask ? { messages: [...answer.messages, renderMessage(ask)] } : answer;
  };
}
