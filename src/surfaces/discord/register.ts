// Registers the catalogue's commands with Discord in one bulk overwrite (to one server when a guild
// id is given: changes show at once; globally otherwise), and says what changed compared with what
// Discord had before.
import { Routes, type APIApplicationCommand, type REST } from 'discord.js';
import type { CommandDecl } from '../../core/catalogue.js';
import { discordCommands } from './commands.js';

export interface RegistrationChanges {
  scope: string;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
}

interface OptionLike {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string | number }[];
  min_value?: number;
  max_value?: number;
  max_length?: number;
  options?: OptionLike[];
}

interface CommandLike {
  description: string;
  options?: unknown;
  contexts?: number[] | null;
  integration_types?: number[] | null;
}

/** The parts of a command that matter, with Discord's omitted defaults filled in. */
export function comparable(command: CommandLike, scope: 'global' | 'guild'): string {
  const normal = (options: OptionLike[] = []): unknown[] =>
    options.map((o) => ({
      type: o.type,
      name: o.name,
      description: o.description,
      required: o.required === true,
      choices: (o.choices ?? []).map((c) => [c.name, c.value]),
      min: o.min_value ?? null,
      max: o.max_value ?? null,
      maxLength: o.max_length ?? null,
      options: normal(o.options),
    }));
  const where =
    scope === 'global'
      ? { contexts: [...(command.contexts ?? [])].sort(), installs: [...(command.integration_types ?? [])].sort() }
      : {};
  return JSON.stringify({
    description: command.description,
    options: normal(command.options as OptionLike[] | undefined),
    ...where,
  });
}

export async function registerCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
  catalogue: readonly CommandDecl[],
): Promise<RegistrationChanges> {
  const scope = guildId ? 'guild' : 'global';
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const wanted = discordCommands(catalogue, scope);
  const before = new Map(((await rest.get(route)) as APIApplicationCommand[]).map((c) => [c.name, c]));
  await rest.put(route, { body: wanted });
  const changes: RegistrationChanges = {
    scope: guildId ? `server ${guildId}` : 'global',
    added: [],
    updated: [],
    removed: [],
    unchanged: [],
  };
  for (const command of wanted) {
    const old = before.get(command.name);
    if (!old) changes.added.push(command.name);
    else if (comparable(old, scope) !== comparable(command, scope)) changes.updated.push(command.name);
    else changes.unchanged.push(command.name);
  }
  const names = new Set(wanted.map((c) => c.name));
  changes.removed = [...before.keys()].filter((name) => !names.has(name));
  return changes;
}

export function describeChanges(changes: RegistrationChanges): string {
  const list = (label: string, names: string[]) =>
    names.length ? `${label}: ${names.map((n) => `/${n}`).join(', ')}` : `${label}: none`;
  return [
    `Discord commands registered (${changes.scope}).`,
    list('  added', changes.added),
    list('  updated', changes.updated),
    list('  removed', changes.removed),
    `  unchanged: ${changes.unchanged.length}`,
  ].join('\n');
}
