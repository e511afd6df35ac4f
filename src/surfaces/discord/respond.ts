// Answers one interaction within Discord's three seconds. The work decides what to show; if it is
// not done in time (or asks to defer first), an ephemeral "thinking" deferral is sent and the
// answer edited in later. A modal can only be a first response, so every modal comes with the
// message to show instead once deferred (a button that opens it from a fresh interaction).
import {
  InteractionResponseType,
  MessageFlags,
  Routes,
  type APIModalInteractionResponseCallbackData,
  type REST,
} from 'discord.js';
import type { Logger } from '../../core/log.js';
import type { InteractionRef } from './inbound.js';
import type { DiscordMessage } from './render.js';

export type Answer =
  | { modal: APIModalInteractionResponseCallbackData; insteadOfModal: DiscordMessage }
  | { messages: DiscordMessage[] };

export interface Responder {
  /** Sends the deferral now, before work that may be slow (no modal can follow). */
  defer(): Promise<void>;
}

/** Longest wait before deferring: Discord's window is 3 s from creation, including delivery to us. */
const DEFER_AFTER_MS = 2000;

const describe = (error: unknown) => ({
  name: (error as Error).name,
  code: (error as { code?: unknown }).code,
  status: (error as { status?: unknown }).status,
});

export async function respond(
  rest: REST,
  ref: InteractionRef,
  log: Logger,
  fallback: DiscordMessage,
  work: (responder: Responder) => Promise<Answer>,
  deferAfterMs = DEFER_AFTER_MS,
): Promise<void> {
  const callback = (body: object) => rest.post(Routes.interactionCallback(ref.id, ref.token), { body, auth: false });
  const followUp = (message: DiscordMessage) =>
    rest.post(Routes.webhook(ref.applicationId, ref.token), {
      body: { ...message, flags: MessageFlags.Ephemeral },
      auth: false,
    });
  let deferred: Promise<void> | undefined;
  const defer = () =>
    (deferred ??= callback({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    }).then(() => undefined));
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<void>((resolve) => (timer = setTimeout(resolve, deferAfterMs)));
  const done = work({ defer }).catch((error: unknown): Answer => {
    log.error({ err: describe(error), interactionId: ref.id }, 'discord interaction failed');
    return { messages: [fallback] };
  });
  try {
    await Promise.race([done, overdue.then(defer)]);
    clearTimeout(timer);
    const answer = await done;
    if (deferred) {
      await deferred;
      const [first = fallback, ...more] = 'modal' in answer ? [answer.insteadOfModal] : answer.messages;
      await rest.patch(Routes.webhookMessage(ref.applicationId, ref.token, '@original'), { body: first, auth: false });
      for (const message of more) await followUp(message);
      return;
    }
    if ('modal' in answer) {
      await callback({ type: InteractionResponseType.Modal, data: answer.modal });
      return;
    }
    const [first = fallback, ...more] = answer.messages;
    await callback({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { ...first, flags: MessageFlags.Ephemeral },
    });
    for (const message of more) await followUp(message);
  } catch (error) {
    clearTimeout(timer);
    await done;
    log.warn({ err: describe(error), interactionId: ref.id }, 'discord interaction could not be answered');
  }
}
