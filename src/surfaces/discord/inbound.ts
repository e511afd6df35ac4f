// The edge: a raw INTERACTION_CREATE payload from the gateway, checked with zod and reduced to what
// the surface needs (who, where, and a command, a component click or a modal's answers).
import { ApplicationCommandOptionType, ApplicationCommandType, ComponentType, InteractionType } from 'discord.js';
import { z } from 'zod';
import type { PlatformUser } from '../../core/actor.js';
import type { RawValue } from '../../core/form.js';
import type { OptionValue } from '../../core/interaction.js';

/** Enough to answer an interaction: its id and token, and the application it was sent to. */
export interface InteractionRef {
  id: string;
  token: string;
  applicationId: string;
}

export type InteractionBody =
  | { kind: 'command'; command: string; subcommand?: string; options: Record<string, OptionValue> }
  | { kind: 'component'; customId: string; values: string[] }
  | { kind: 'modal'; customId: string; fields: Record<string, RawValue> }
  /** Pings and autocomplete: the catalogue declares no autocomplete, so there is nothing to answer. */
  | { kind: 'ignored' };

export interface DiscordInteraction {
  ref: InteractionRef;
  user: PlatformUser;
  guildId?: string;
  body: InteractionBody;
}

export type ReadResult =
  | { ok: true; interaction: DiscordInteraction }
  | { ok: false; ref?: InteractionRef; problem: string };

const snowflake = z.string().regex(/^\d{1,20}$/);
const name = z.string().min(1).max(32);

const user = z.object({
  id: snowflake,
  username: z.string().max(64),
  global_name: z.string().max(64).nullish(),
});

const envelope = z.object({
  id: snowflake,
  application_id: snowflake,
  token: z.string().min(1).max(1000),
  type: z.number().int(),
  guild_id: snowflake.optional(),
  member: z.object({ user, nick: z.string().max(64).nullish() }).optional(),
  user: user.optional(),
  data: z.unknown().optional(),
});

const optionValue = z.union([z.string().max(6000), z.number().finite(), z.boolean()]);

const option = z.object({
  name,
  type: z.number().int(),
  value: optionValue.optional(),
  get options() {
    return z.array(option).max(25).optional();
  },
});

const commandData = z.object({
  name,
  type: z.literal(ApplicationCommandType.ChatInput),
  options: z.array(option).max(25).optional(),
});

const customId = z.string().min(1).max(100);

const componentData = z.object({
  custom_id: customId,
  component_type: z.number().int(),
  values: z.array(z.string().max(100)).max(25).optional(),
});

const textInput = z.object({
  type: z.literal(ComponentType.TextInput),
  custom_id: customId,
  value: z.string().max(4000),
});
const stringSelect = z.object({
  type: z.literal(ComponentType.StringSelect),
  custom_id: customId,
  values: z.array(z.string().max(100)).max(25),
});

const modalData = z.object({
  custom_id: customId,
  components: z
    .array(
      z.discriminatedUnion('type', [
        z.object({ type: z.literal(ComponentType.ActionRow), components: z.array(textInput).max(5) }),
        z.object({
          type: z.literal(ComponentType.Label),
          component: z.discriminatedUnion('type', [textInput, stringSelect]),
        }),
        z.object({ type: z.literal(ComponentType.TextDisplay) }),
      ]),
    )
    .max(5),
});

const problemOf = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return issue ? `${issue.code} at ${issue.path.join('.') || '(root)'}` : 'invalid';
};

function commandBody(data: z.infer<typeof commandData>): InteractionBody | string {
  let options = data.options ?? [];
  let subcommand: string | undefined;
  const first = options[0];
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup) return 'subcommand groups are not used';
  if (first?.type === ApplicationCommandOptionType.Subcommand) {
    if (options.length !== 1) return 'a subcommand beside other options';
    subcommand = first.name;
    options = first.options ?? [];
  }
  const values: Record<string, OptionValue> = {};
  for (const o of options) {
    if (o.value === undefined) return `option ${o.name} has no value`;
    values[o.name] = o.value;
  }
  return { kind: 'command', command: data.name, subcommand, options: values };
}

function modalBody(data: z.infer<typeof modalData>): InteractionBody {
  const fields: Record<string, RawValue> = {};
  for (const component of data.components) {
    const inputs =
      component.type === ComponentType.ActionRow
        ? component.components
        : component.type === ComponentType.Label
          ? [component.component]
          : [];
    for (const input of inputs)
      fields[input.custom_id] = input.type === ComponentType.TextInput ? input.value : input.values;
  }
  return { kind: 'modal', customId: data.custom_id, fields };
}

function bodyOf(type: number, data: unknown): InteractionBody | string {
  const parse = <T>(schema: z.ZodType<T>): T | string => {
    const result = schema.safeParse(data);
    return result.success ? result.data : problemOf(result.error);
  };
  switch (type) {
    case InteractionType.ApplicationCommand: {
      const parsed = parse(commandData);
      return typeof parsed === 'string' ? parsed : commandBody(parsed);
    }
    case InteractionType.MessageComponent: {
      const parsed = parse(componentData);
      return typeof parsed === 'string'
        ? parsed
        : { kind: 'component', customId: parsed.custom_id, values: parsed.values ?? [] };
    }
    case InteractionType.ModalSubmit: {
      const parsed = parse(modalData);
      return typeof parsed === 'string' ? parsed : modalBody(parsed);
    }
    default:
      return { kind: 'ignored' };
  }
}

/** Never throws: anything Discord sends either becomes an interaction or a problem to log. */
export function readInteraction(raw: unknown): ReadResult {
  const parsed = envelope.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: problemOf(parsed.error) };
  const e = parsed.data;
  const ref: InteractionRef = { id: e.id, token: e.token, applicationId: e.application_id };
  const who = e.member?.user ?? e.user;
  if (!who) return { ok: false, ref, problem: 'no member or user' };
  const body = bodyOf(e.type, e.data);
  if (typeof body === 'string') return { ok: false, ref, problem: body };
  const displayName = e.member?.nick || who.global_name || who.username;
  return {
    ok: true,
    interaction: { ref, user: { platform: 'discord', platformUserId: who.id, displayName }, guildId: e.guild_id, body },
  };
}
