// Private replies to the member who asked: ephemeral through the interaction's response_url, else
// chat.postEphemeral in the channel it came from, else a direct message (the Home tab and modals
// have no channel). A refused request (another workspace, a bot, a stranger) is answered in place only.
import type { Message } from '../../core/message.js';
import { errorCode } from './errors.js';
import { fallbackText, MESSAGE_BLOCKS, messagesBlocks } from './render.js';
import type { Respond, SlackRuntime } from './runtime.js';

export interface ReplyTarget {
  userId: string;
  respond?: Respond;
  channelId?: string;
  /** Only through the response_url: no ephemeral in the channel, no direct message. */
  inPlaceOnly?: boolean;
}

export async function replyPrivately(
  rt: SlackRuntime,
  target: ReplyTarget,
  neutral: readonly Message[],
): Promise<void> {
  if (neutral.length === 0) return;
  const messages = neutral.map(rt.commands.message);
  const text = fallbackText(messages);
  const blocks = messagesBlocks(messages, MESSAGE_BLOCKS);
  const attempts: [string, () => Promise<unknown>][] = [];
  if (target.respond)
    attempts.push([
      'response_url',
      () => target.respond!({ response_type: 'ephemeral', replace_original: false, text, blocks }),
    ]);
  if (!target.inPlaceOnly) {
    if (target.channelId)
      attempts.push([
        'ephemeral',
        () => rt.client.chat.postEphemeral({ channel: target.channelId!, user: target.userId, text, blocks }),
      ]);
    attempts.push([
      'dm',
      async () => {
        const opened = await rt.client.conversations.open({ users: target.userId });
        await rt.client.chat.postMessage({ channel: opened.channel!.id!, text, blocks });
      },
    ]);
  }
  for (const [via, attempt] of attempts) {
    try {
      await attempt();
      return;
    } catch (error) {
      rt.deps.log.warn({ surface: 'slack', via, code: errorCode(error) }, 'private reply failed');
    }
  }
}
