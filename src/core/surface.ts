// A chat platform adapter: verifies and parses inbound events into neutral interactions for the
// router, renders outcomes, and makes exactly one attempt per outbound delivery (the outbox retries).
import type { Message } from './message.js';
import type { Platform } from './roles.js';
import type { Router } from './router.js';

export interface Delivery {
  outboxId: string;
  /** A member's direct messages, or a channel by its platform id. */
  target: { kind: 'dm'; platformUserId: string } | { kind: 'channel'; channelId: string };
  message: Message;
  /** Present when an earlier message is to be edited in place. */
  update?: { platformMessageId: string; platformChannelId?: string };
  /**
   * True when an earlier attempt may have reached the platform without its result being recorded
   * (a crash between send and record): the surface checks for it before sending again.
   */
  outcomeUnknown?: boolean;
}

export type DeliveryResult =
  | { status: 'ok'; platformMessageId: string; platformChannelId?: string }
  | { status: 'rate_limited'; retryAfterMs: number }
  | { status: 'transient'; error: string }
  | { status: 'permanent'; error: string; code?: string };

export interface Surface {
  readonly platform: Platform;
  start(router: Router): Promise<void>;
  stop(): Promise<void>;
  connected(): boolean;
  deliver(delivery: Delivery): Promise<DeliveryResult>;
}
