// Neutral messages: every surface renders these; no surface invents its own wording.
import type { Subject } from '../db/vault.js';

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
  /** One picture to attach (the digest's chart): a PNG as base64, and its alternative text. */
  image?: { png: string; alt: string };
}

export type ChannelName = 'coordinators' | 'learning';

/**
 * The people and cases whose free text an owed message carries: it is sealed under each one's key,
 * so erasing any of them makes the stored copy unreadable. Omitted: no free text (master key).
 */
export type Subjects = readonly Subject[];

/**
 * What a handler wants said. `actor` replies go back privately on the surface that asked;
 * `member` and `channel` replies are owed messages, written to the outbox in the handler's
 * transaction and delivered by the dispatcher on every platform the recipient uses. An owed reply
 * with `urgent: true` is delivered ahead of every ordinary one (a page, a safety alert): that flag,
 * never the message's tone, decides its priority.
 */
export type Reply =
  | { to: 'actor'; message: Message }
  | { to: 'member'; memberId: string; message: Message; key?: string; subjects?: Subjects; urgent?: boolean }
  | { to: 'channel'; channel: ChannelName; message: Message; key?: string; subjects?: Subjects; urgent?: boolean }
  /**
   * Edits in place, on every platform, the message(s) an earlier `member` or `channel` reply with
   * this `key` posted. Delivered after the original; a later update supersedes an undelivered
   * earlier one; dropped when the original never reached anyone (a key names one logical message).
   */
  | { to: 'update'; key: string; message: Message; subjects?: Subjects; urgent?: boolean };

export const say = (text: string, extra: Omit<Message, 'text'> = {}): Reply => ({
  to: 'actor',
  message: { text, ...extra },
});
