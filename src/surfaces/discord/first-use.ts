// Discord tells the bot little about a member (no time zone), so a member's first answered
// interaction of any kind carries, after its own messages, what the features ask once at first use
// (router.firstUse). It never holds up the answer: a modal goes out alone (the question waits for
// the next answer), and a step that fails is logged and left out by the router.
import type { PlatformUser } from '../../core/actor.js';
import type { Router } from '../../core/router.js';
import { renderMessage } from './render.js';
import type { Answer, Responder } from './respond.js';

export function withFirstUseAsk(
  router: Router,
  user: PlatformUser,
  work: (responder: Responder) => Promise<Answer>,
): (responder: Responder) => Promise<Answer> {
  return async (responder) => {
    const answer = await work(responder);
    if (!('messages' in answer)) return answer;
    const asks = await router.firstUse(user);
    return asks.length ? { messages: [...answer.messages, ...asks.map((ask) => renderMessage(ask))] } : answer;
  };
}
