// Turns a command line (typed in the terminal, or a Slack command and its text) into a command
// interaction: `/case open`, `/digest 2026-W47`, `/x name=value`.
import type { CommandDecl } from './catalogue.js';
import type { OptionValue } from './interaction.js';

export type ParsedLine = { command: string; subcommand?: string; options: Record<string, OptionValue> } | { error: string };

export function parseCommandLine(catalogue: readonly CommandDecl[], line: string): ParsedLine {
  const tokens = line.trim().slice(1).split(/\s+/).filter(Boolean);
  const command = (tokens.shift() ?? '').toLowerCase();
  if (!command) return { error: 'Type a command after the slash, for example /help.' };
  const decl = catalogue.find((c) => c.name === command);
  if (!decl) return { command, options: {} };
  let subcommand: string | undefined;
  if (decl.subcommands && tokens[0] && !tokens[0].includes('=')) subcommand = tokens.shift()!.toLowerCase();
  const declared = decl.subcommands ? (decl.subcommands.find((s) => s.name === subcommand)?.options ?? decl.subcommands[0].options ?? []) : (decl.options ?? []);
  const options: Record<string, OptionValue> = {};
  const positional: string[] = [];
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (eq > 0) options[token.slice(0, eq).toLowerCase()] = token.slice(eq + 1);
    else positional.push(token);
  }
  for (const decl of declared) {
    if (positional.length === 0) break;
    if (options[decl.name] === undefined) options[decl.name] = positional.shift()!;
  }
  if (positional.length) return { error: `I did not understand "${positional.join(' ').slice(0, 60)}". Type /help to see how to use /${command}.` };
  return { command, subcommand, options };
}
