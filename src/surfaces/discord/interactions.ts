// One INTERACTION_CREATE from the gateway: read it, turn it into a neutral interaction for the
// router (the interaction id is the delivery id, so a second delivery is recognised), and answer.
import type { REST } from 'discord.js';
import type { Deps } from '../../core/deps.js';
import type { Inbound } from '../../core/interaction.js';
import type { Router } from '../../core/router.js';
import { readCustomId } from './custom-ids.js';
import { withFirstUseAsk } from './first-use.js';
import { openForm, openNewForm, openStep, submitNewForm, submitStep } from './form-flow.js';
import { readInteraction, type DiscordInteraction } from './inbound.js';
import { notices } from './notices.js';
import { renderMessage } from './render.js';
import { respond, type Answer, type Responder } from './respond.js';

export interface InteractionContext {
  deps: Deps;
  router: Router;
  rest: REST;
  /** When set, interactions from any other server are turned away (direct messages are not). */
  guildId?: string;
}

async function routed(ctx: InteractionContext, interaction: DiscordInteraction, inbound: Inbound): Promise<Answer> {
  const outcome = await ctx.router.dispatch(inbound);
  const messages = outcome.messages.map((m) =>
    renderMessage(m, [], (actionId) =>
      ctx.deps.log.warn(
        { surface: 'discord', actionId },
        'button left out: its id and value do not fit a Discord custom_id',
      ),
    ),
  );
  if (outcome.form) return openForm(ctx, interaction, outcome.form, messages, outcome.asker);
  return { messages: messages.length ? messages : [notices.done] };
}

const fromAnotherServer = (ctx: InteractionContext, interaction: DiscordInteraction) =>
  !!ctx.guildId && !!interaction.guildId && interaction.guildId !== ctx.guildId;

/** The work that answers an interaction, or undefined when there is nothing to answer. */
function work(
  ctx: InteractionContext,
  interaction: DiscordInteraction,
): ((responder: Responder) => Promise<Answer>) | undefined {
  const { body, ref, user } = interaction;
  if (body.kind === 'ignored') return undefined;
  if (fromAnotherServer(ctx, interaction)) return async () => ({ messages: [notices.wrongServer] });
  switch (body.kind) {
    case 'command':
      return () =>
        routed(ctx, interaction, {
          kind: 'command',
          id: ref.id,
          user,
          command: body.command,
          subcommand: body.subcommand,
          options: body.options,
        });
    case 'component': {
      const id = readCustomId(body.customId);
      if (id?.kind === 'action')
        return () =>
          routed(ctx, interaction, { kind: 'action', id: ref.id, user, actionId: id.actionId, value: id.value });
      if (id?.kind === 'open-step') return (responder) => openStep(ctx, interaction, id.draftId, id.step, responder);
      if (id?.kind === 'open-new') return () => openNewForm(ctx, interaction, id.draftId, id.formId);
      return async () => ({ messages: [notices.unknownButton] });
    }
    case 'modal': {
      const id = readCustomId(body.customId);
      if (id?.kind === 'submit-step')
        return (responder) => submitStep(ctx, interaction, id.draftId, id.step, body.fields, responder);
      if (id?.kind === 'submit-new')
        return (responder) => submitNewForm(ctx, interaction, id.draftId, id.formId, body.fields, responder);
      return async () => ({ messages: [notices.formGone] });
    }
  }
}

export async function handleInteraction(ctx: InteractionContext, raw: unknown): Promise<void> {
  const read = readInteraction(raw);
  if (!read.ok) {
    ctx.deps.log.warn(
      { surface: 'discord', interactionId: read.ref?.id, problem: read.problem },
      'discord interaction not understood',
    );
    if (read.ref)
      await respond(ctx.rest, read.ref, ctx.deps.log, notices.somethingWrong, async () => ({
        messages: [notices.unreadable],
      }));
    return;
  }
  const { interaction } = read;
  const answer = work(ctx, interaction);
  const asking = !fromAnotherServer(ctx, interaction);
  if (answer)
    await respond(
      ctx.rest,
      interaction.ref,
      ctx.deps.log,
      notices.somethingWrong,
      asking ? withFirstUseAsk(ctx.router, interaction.user, answer) : answer,
    );
}
