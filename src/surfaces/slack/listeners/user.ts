import type { PlatformUser } from '../../../core/actor.js';
import type { Message } from '../../../core/message.js';
import { errorCode } from '../errors.js';
import type { SlackRuntime } from '../runtime.js';

/** Said when Slack cannot tell who is asking: without that (a guest?) the bot does nothing. */
export const LOOKUP_FAILED: Message = {
  text: 'Sorry, Slack did not tell me who you are just now, so nothing was done. Please try again in a moment.',
  tone: 'warning',
};

export async function lookupUser(rt: SlackRuntime, userId: string, kind: string): Promise<PlatformUser | undefined> {
  try {
    return await rt.directory.lookup(userId);
  } catch (error) {
    rt.deps.log.warn({ surface: 'slack', kind, code: errorCode(error) }, 'slack user lookup failed');
    return undefined;
  }
}
