// One attempt to deliver an owed message on Discord, reported for the outbox to act on. A new
// message carries a nonce derived from the outbox id with enforce_nonce, so when an earlier attempt
// did reach Discord (outcomeUnknown) Discord returns that message instead of posting it twice
// (within its window of a few minutes; the dispatcher retries well inside it). A message's picture
// (the digest's chart) goes in the same request, as multipart/form-data with the PNG attached, so
// message and picture arrive or fail together; an edit leaves the attachment a post already has.
import { createHash } from 'node:crypto';
import {
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  Routes,
  type APIChannel,
  type APIMessage,
  type REST,
} from 'discord.js';
import type { Delivery, DeliveryResult } from '../../core/surface.js';
import type { Message } from '../../core/message.js';
import { fit, renderMessage } from './render.js';

const IMAGE_NAME = 'digest.png';

/** Discord's nonce is at most 25 characters: a digest of the outbox id, stable across attempts. */
const nonceFor = (outboxId: string): string => createHash('sha256').update(outboxId).digest('base64url').slice(0, 25);

/**
 * Discord's refusals are permanent with their code: 50007 "Cannot send messages to this user"
 * (direct messages closed) lets the sender fall back to another way of reaching the member.
 */
function classifyFailure(error: unknown): DeliveryResult {
  if (error instanceof RateLimitError)
    return { status: 'rate_limited', retryAfterMs: Math.max(error.retryAfter, error.timeToReset, 0) };
  if (error instanceof DiscordAPIError) {
    if (error.status >= 500) return { status: 'transient', error: `discord ${error.status}` };
    return { status: 'permanent', error: `discord ${error.status} ${error.code}`, code: String(error.code) };
  }
  if (error instanceof HTTPError) return { status: 'transient', error: `http ${error.status}` };
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
  return { status: 'transient', error: `network ${typeof code === 'string' ? code : (error as Error).name}` };
}

/** A new message; with a picture, the PNG attached and its alt text as the attachment's description. */
function post(rest: REST, channelId: string, body: object, image: Message['image']): Promise<unknown> {
  if (!image) return rest.post(Routes.channelMessages(channelId), { body });
  return rest.post(Routes.channelMessages(channelId), {
    body: { ...body, attachments: [{ id: 0, filename: IMAGE_NAME, description: fit(image.alt, 1024) }] },
    files: [{ name: IMAGE_NAME, data: Buffer.from(image.png, 'base64'), contentType: 'image/png' }],
  });
}

export async function deliverMessage(
  rest: REST,
  delivery: Delivery,
  onDropped?: (actionId: string) => void,
): Promise<DeliveryResult> {
  try {
    const body = renderMessage(delivery.message, [], onDropped);
    const channelId =
      delivery.target.kind === 'channel'
        ? delivery.target.channelId
        : (delivery.update?.platformChannelId ??
          (
            (await rest.post(Routes.userChannels(), {
              body: { recipient_id: delivery.target.platformUserId },
            })) as APIChannel
          ).id);
    const message = delivery.update
      ? ((await rest.patch(
          Routes.channelMessage(delivery.update.platformChannelId ?? channelId, delivery.update.platformMessageId),
          { body },
        )) as APIMessage)
      : ((await post(
          rest,
          channelId,
          { ...body, nonce: nonceFor(delivery.outboxId), enforce_nonce: true },
          delivery.message.image,
        )) as APIMessage);
    return { status: 'ok', platformMessageId: message.id, platformChannelId: message.channel_id };
  } catch (error) {
    return classifyFailure(error);
  }
}
