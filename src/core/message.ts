// Neutral messages: every surface renders these; no surface invents its own wording.

export interface Button {
  /** Registered with the router; the click arrives as an action interaction with this id. */
  actionId: string;
  label: string;
  value?: string;
  style?: 'primary' | 'danger';
}

export interface Message {
  /** Plain text; also the notification fallback on platforms that show blocks. */
  text: string;
  title?: string;
  /** Labelled values shown as a list or table. */
  fields?: { label: string; value: string }[];
  buttons?: Button[];
  tone?: 'info' | 'success' | 'warning' | 'urgent';
}

export type ChannelName = 'coordinators' | 'learning';

/**
 * What a handler wants said. `actor` replies go back privately on the surface that asked;
 * `member` and `channel` replies are owed messages, written to the outbox in the handler's
 * transaction and delivered by the dispatcher on every platform the recipient uses.
 */
export type Reply =
  | { to: 'actor'; message: Message }
  | { to: 'member'; memberId: string; message: Message; key?: string }
  | { to: 'channel'; channel: ChannelName; message: Message; key?: string };

export const say = (text: string, extra: Omit<Message, 'text'> = {}): Reply => ({ to: 'actor', message: { text, ...extra } });
