// One attempt at an owed message: a DM (conversations.open, then chat.postMessage), a channel post,
// or an edit (chat.update). Every message carries its outbox id in Slack message metadata, so after
// a crash between send and record the surface finds it in the conversation instead of sending twice.
// A message's picture (the digest's chart) follows a new post as a top-level file in the same
// conversation, uploaded the way files.uploadV2 does. It is best-effort: once the text is out the
// delivery is ok, so the outbox never posts the text again for a failed upload (logged with ids),
// and an edit leaves the picture already shared as it is.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/log.js';
import type { Message } from '../../core/message.js';
import type { Delivery, DeliveryResult } from '../../core/surface.js';
import { classifyFailure, errorCode } from './errors.js';
import { fallbackText, MESSAGE_BLOCKS, messagesBlocks } from './render.js';

export const OUTBOX_EVENT = 'msb_outbox';
/** How far back the duplicate check looks: enough for the moments between a send and its record. */
const HISTORY_LIMIT = 100;

interface Sent {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { outbox_id?: unknown } };
}

async function conversationOf(client: webApi.WebClient, delivery: Delivery): Promise<string> {
  if (delivery.target.kind === 'channel') return delivery.target.channelId;
  const opened = await client.conversations.open({ users: delivery.target.platformUserId });
  if (!opened.channel?.id) throw new Error('conversations.open returned no channel');
  return opened.channel.id;
}

/** The ts of a message already sent for this outbox row, if the channel's recent history has it. */
async function alreadySent(client: webApi.WebClient, channel: string, outboxId: string): Promise<string | undefined> {
  const history = await client.conversations.history({ channel, limit: HISTORY_LIMIT, include_all_metadata: true });
  const found = ((history.messages ?? []) as Sent[]).find(
    (m) => m.metadata?.event_type === OUTBOX_EVENT && m.metadata.event_payload?.outbox_id === outboxId,
  );
  return found?.ts;
}

const UPLOAD_TIMEOUT_MS = 10_000;

/** files.getUploadURLExternal, the bytes to its upload_url, files.completeUploadExternal: one attempt each. */
async function shareImage(
  client: webApi.WebClient,
  channel: string,
  image: NonNullable<Message['image']>,
): Promise<void> {
  const png = Buffer.from(image.png, 'base64');
  const target = await client.files.getUploadURLExternal({
    filename: 'digest.png',
    length: png.length,
    alt_text: image.alt,
  });
  if (!target.upload_url || !target.file_id) throw new Error('no_upload_url');
  // The upload_url is not a Web API method: the client's error codes do not cover it, so its own are named here.
  const uploaded = await fetch(target.upload_url, {
    method: 'POST',
    body: png,
    headers: { 'content-type': 'image/png' },
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  }).catch(() => {
    throw new Error('upload_network');
  });
  if (!uploaded.ok) throw new Error(`upload_http_${uploaded.status}`);
  await client.files.completeUploadExternal({ files: [{ id: target.file_id }], channel_id: channel });
}

/** `forSlack` writes the commands a message names as typed on Slack (see slash-commands.ts). */
export function createDeliver(
  client: webApi.WebClient,
  log: Logger,
  forSlack: (message: Message) => Message = (m) => m,
): (delivery: Delivery) => Promise<DeliveryResult> {
  return async (delivery) => {
    const message = forSlack(delivery.message);
    const text = fallbackText([message]);
    const blocks = messagesBlocks([message], MESSAGE_BLOCKS);
    const metadata = { event_type: OUTBOX_EVENT, event_payload: { outbox_id: delivery.outboxId } };
    try {
      if (delivery.update) {
        const channel = delivery.update.platformChannelId ?? (await conversationOf(client, delivery));
        const updated = await client.chat.update({
          channel,
          ts: delivery.update.platformMessageId,
          text,
          blocks,
          metadata,
        });
        return {
          status: 'ok',
          platformMessageId: updated.ts ?? delivery.update.platformMessageId,
          platformChannelId: updated.channel ?? channel,
        };
      }
      const channel = await conversationOf(client, delivery);
      if (delivery.outcomeUnknown) {
        try {
          const ts = await alreadySent(client, channel, delivery.outboxId);
          if (ts) return { status: 'ok', platformMessageId: ts, platformChannelId: channel };
        } catch (error) {
          const failure = classifyFailure(error);
          // A history Slack will not show (a missing scope, say) must not stop the message: a
          // possible duplicate is better than a lost alert. A passing failure is retried as usual.
          if (failure.status !== 'permanent') return failure;
          log.warn(
            { surface: 'slack', outboxId: delivery.outboxId, code: errorCode(error) },
            'duplicate check unavailable; sending',
          );
        }
      }
      const posted = await client.chat.postMessage({
        channel,
        text,
        blocks,
        metadata,
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!posted.ts) return { status: 'transient', error: 'no_ts' };
      const image = delivery.message.image;
      if (image) {
        await shareImage(client, channel, image).catch((error: unknown) => {
          const code = errorCode(error) === 'unexpected' ? (error as Error).message : errorCode(error);
          log.warn(
            { surface: 'slack', outboxId: delivery.outboxId, ts: posted.ts, code },
            'chart upload failed; message delivered without it',
          );
        });
      }
      return { status: 'ok', platformMessageId: posted.ts, platformChannelId: posted.channel ?? channel };
    } catch (error) {
      const failure = classifyFailure(error);
      log.warn(
        { surface: 'slack', outboxId: delivery.outboxId, status: failure.status, code: errorCode(error) },
        'slack delivery failed',
      );
      return failure;
    }
  };
}
