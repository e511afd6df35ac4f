// The shape of the command catalogue in commands/: pure data, one file per command.
import type { Audience } from './roles.js';

export interface OptionDecl {
  name: string;
  description: string;
  type: 'string' | 'integer' | 'boolean';
  required?: boolean;
  choices?: { name: string; value: string }[];
  maxLength?: number;
  min?: number;
  max?: number;
}

export interface SubcommandDecl {
  name: string;
  description: string;
  audience: Audience[];
  handler: string;
  options?: OptionDecl[];
}

interface CommandBase {
  name: string;
  description: string;
  /** Shown by /help as an example of use. */
  usage?: string;
}

/** A command is either one handler, or subcommands whose first entry is the default. */
export type CommandDecl =
  | (CommandBase & { audience: Audience[]; handler: string; options?: OptionDecl[]; subcommands?: never })
  | (CommandBase & {
      subcommands: [SubcommandDecl, ...SubcommandDecl[]];
      audience?: never;
      handler?: never;
      options?: never;
    });

export interface ResolvedCommand {
  command: CommandDecl;
  subcommand?: SubcommandDecl;
  audience: Audience[];
  handler: string;
  options: OptionDecl[];
}

export function resolveCommand(
  catalogue: readonly CommandDecl[],
  name: string,
  subcommand?: string,
): ResolvedCommand | { error: string } {
  const command = catalogue.find((c) => c.name === name.replace(/^\//, '').toLowerCase());
  if (!command)
    return {
      error: `I don't know the command /${name.replace(/^\//, '').slice(0, 40)}. Type /help to see what you can use.`,
    };
  if (!command.subcommands)
    return { command, audience: command.audience, handler: command.handler, options: command.options ?? [] };
  const wanted = subcommand?.toLowerCase();
  const sub = wanted ? command.subcommands.find((s) => s.name === wanted) : command.subcommands[0];
  if (!sub) {
    return {
      error: `/${command.name} has no "${(subcommand ?? '').slice(0, 40)}". Try one of: ${command.subcommands.map((s) => s.name).join(', ')}.`,
    };
  }
  return { command, subcommand: sub, audience: sub.audience, handler: sub.handler, options: sub.options ?? [] };
}

/** Every handler key the catalogue declares. */
export function declaredHandlers(catalogue: readonly CommandDecl[]): string[] {
  return catalogue.flatMap((c) => (c.subcommands ? c.subcommands.map((s) => s.handler) : [c.handler]));
}
