// Neutral messages as Discord message bodies: text as content, labelled values as embed fields,
// buttons as action rows. Nothing a message says may ping anyone (allowed_mentions is empty).
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIAllowedMentions,
} from 'discord.js';
import type { Button, Message } from '../../core/message.js';
import { actionCustomId } from './custom-ids.js';

export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: APIAllowedMentions;
}

/** A button the surface itself adds (to continue a form), next to those a feature declared. */
export interface SurfaceButton {
  customId: string;
  label: string;
  style?: Button['style'];
}

const colours = { info: 0x5865f2, success: 0x57f287, warning: 0xfee75c, urgent: 0xed4245 } as const;
const marks = { info: '', success: '', warning: '⚠️ ', urgent: '🚨 ' } as const;

/** Text cut to Discord's limit (counted in UTF-16 units, never splitting a character), marked with an ellipsis. */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const char of text) {
    if (kept.length + char.length > max - 1) break;
    kept += char;
  }
  return `${kept}…`;
}

function button(b: SurfaceButton): APIButtonComponentWithCustomId {
  const style =
    b.style === 'danger' ? ButtonStyle.Danger : b.style === 'primary' ? ButtonStyle.Primary : ButtonStyle.Secondary;
  return { type: ComponentType.Button, custom_id: b.customId, label: fit(b.label, 80), style };
}

/**
 * Renders a message. A feature button whose id and value cannot fit a custom_id is left out (no
 * click could carry it back) and reported to `onDropped`.
 */
export function renderMessage(
  message: Message,
  extra: SurfaceButton[] = [],
  onDropped?: (actionId: string) => void,
): DiscordMessage {
  const tone = message.tone ?? 'info';
  const head = message.title ? `${marks[tone]}**${message.title}**\n${message.text}` : `${marks[tone]}${message.text}`;
  const fields = (message.fields ?? []).map((f) => ({
    name: fit(f.label || '-', 256),
    value: fit(f.value || '-', 1024),
  }));
  const embeds: APIEmbed[] = [];
  for (let i = 0; i < fields.length && embeds.length < 10; i += 25)
    embeds.push({ color: colours[tone], fields: fields.slice(i, i + 25) });
  const buttons: SurfaceButton[] = [];
  for (const b of message.buttons ?? []) {
    const customId = actionCustomId(b.actionId, b.value);
    if (customId) buttons.push({ customId, label: b.label, style: b.style });
    else onDropped?.(b.actionId);
  }
  buttons.push(...extra);
  const components: DiscordMessage['components'] = [];
  for (let i = 0; i < buttons.length && components.length < 5; i += 5) {
    components.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + 5).map(button) });
  }
  return { content: fit(head, 2000), embeds, components, allowed_mentions: { parse: [] } };
}
