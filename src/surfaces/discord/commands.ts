// The catalogue in commands/ as Discord application commands: each command a slash command, its
// subcommands as subcommand options, its options typed. Who may run what is checked by the router,
// so every member sees every command (Discord's permission settings are left open).
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDecl, OptionDecl } from '../../core/catalogue.js';

type DiscordCommand = RESTPostAPIChatInputApplicationCommandsJSONBody;

const namePattern = /^[-_\p{Ll}\p{N}]{1,32}$/u;

function checked(what: string, name: string, description: string): void {
  if (!namePattern.test(name))
    throw new Error(`${what} name "${name}" does not fit Discord: 1 to 32 lowercase letters, digits, - or _`);
  if (description.length < 1 || description.length > 100)
    throw new Error(`${what} "${name}" needs a description of 1 to 100 characters for Discord`);
}

function option(o: OptionDecl): APIApplicationCommandBasicOption {
  checked('option', o.name, o.description);
  const base = { name: o.name, description: o.description, required: o.required === true };
  switch (o.type) {
    case 'integer':
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        ...(o.min !== undefined ? { min_value: o.min } : {}),
        ...(o.max !== undefined ? { max_value: o.max } : {}),
      };
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'string':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(o.choices ? { choices: o.choices.map((c) => ({ name: c.name, value: c.value })) } : {}),
        ...(o.maxLength !== undefined ? { max_length: o.maxLength } : {}),
      };
  }
}

/** Discord wants required options before optional ones. */
const options = (decls: OptionDecl[] = []): APIApplicationCommandBasicOption[] =>
  [...decls].sort((a, b) => Number(b.required === true) - Number(a.required === true)).map(option);

export function discordCommands(catalogue: readonly CommandDecl[], scope: 'global' | 'guild'): DiscordCommand[] {
  return catalogue.map((c) => {
    checked('command', c.name, c.description);
    const commandOptions: APIApplicationCommandOption[] = c.subcommands
      ? c.subcommands.map((s) => {
          checked('subcommand', s.name, s.description);
          return {
            type: ApplicationCommandOptionType.Subcommand,
            name: s.name,
            description: s.description,
            options: options(s.options),
          };
        })
      : options(c.options);
    return {
      type: ApplicationCommandType.ChatInput,
      name: c.name,
      description: c.description,
      options: commandOptions,
      // Global commands also work in a direct message with the bot, for private use.
      ...(scope === 'global'
        ? {
            contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
            integration_types: [ApplicationIntegrationType.GuildInstall],
          }
        : {}),
    };
  });
}
