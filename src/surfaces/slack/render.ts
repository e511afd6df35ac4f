// Neutral messages as Block Kit blocks with fallback text. Text goes out as plain_text, and the few
// mrkdwn parts are escaped, so nothing a member typed can mention a channel or make a link.
import type { types } from '@slack/bolt';
import type { Message } from '../../core/message.js';

export type Block = types.KnownBlock;

/** Slack's block limits: 50 in a message, 100 in a modal or the Home tab. */
export const MESSAGE_BLOCKS = 50;
export const VIEW_BLOCKS = 100;

const marks = { info: '', success: ':white_check_mark: ', warning: ':warning: ', urgent: ':rotating_light: ' } as const;

/** Escapes the three characters Slack reads as control sequences in mrkdwn and message text. */
export const escapeText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** At most `max` characters (code points), with an ellipsis when cut. */
export function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function pieces(text: string, size: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function groups<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Router action id from a Slack action id: duplicates in one message carry a `#n` suffix. */
export const routerActionId = (slackActionId: string): string => slackActionId.replace(/#\d+$/, '');

export function messageBlocks(message: Message): Block[] {
  const blocks: Block[] = [];
  const mark = marks[message.tone ?? 'info'];
  if (message.title)
    blocks.push({
      type: 'header',
      text: { type: 'plain_text', text: cut(`${mark}${message.title}`, 150), emoji: true },
    });
  const body = message.title ? message.text : `${mark}${message.text}`;
  for (const text of pieces(body.trim(), 3000))
    blocks.push({ type: 'section', text: { type: 'plain_text', text, emoji: true } });
  for (const group of groups(message.fields ?? [], 10)) {
    blocks.push({
      type: 'section',
      fields: group.map(({ label, value }) => ({
        type: 'mrkdwn' as const,
        text: cut(`*${escapeText(label)}*\n${escapeText(value)}`, 2000),
        verbatim: true,
      })),
    });
  }
  const seen = new Map<string, number>();
  for (const group of groups(message.buttons ?? [], 25)) {
    blocks.push({
      type: 'actions',
      elements: group.map((button) => {
        const n = (seen.get(button.actionId) ?? 0) + 1;
        seen.set(button.actionId, n);
        return {
          type: 'button' as const,
          action_id: n === 1 ? button.actionId : `${button.actionId}#${n}`,
          text: { type: 'plain_text' as const, text: cut(button.label, 75), emoji: true },
          ...(button.value ? { value: cut(button.value, 2000) } : {}),
          ...(button.style ? { style: button.style } : {}),
        };
      }),
    });
  }
  return blocks;
}

/** Several messages as one: separated by dividers, within `max` blocks. */
export function messagesBlocks(messages: readonly Message[], max: number): Block[] {
  const blocks = messages.flatMap((message, i) =>
    i === 0 ? messageBlocks(message) : [{ type: 'divider' } as Block, ...messageBlocks(message)],
  );
  if (blocks.length <= max) return blocks;
  return [
    ...blocks.slice(0, max - 1),
    { type: 'context', elements: [{ type: 'plain_text', text: 'There is more than fits here.', emoji: true }] },
  ];
}

/** The notification and accessibility text that goes with the blocks. */
export function fallbackText(messages: readonly Message[]): string {
  const text = messages.map((m) => [m.title, m.text].filter(Boolean).join('\n')).join('\n\n');
  return escapeText(cut(text, 3000));
}

/** The App Home tab: the network's name, then the member's sections. */
export function homeView(networkName: string, sections: readonly Message[]): types.HomeView {
  const header: Block = { type: 'header', text: { type: 'plain_text', text: cut(networkName, 150), emoji: true } };
  return { type: 'home', blocks: [header, ...messagesBlocks(sections, VIEW_BLOCKS - 1)] };
}
