// Turns a command line (typed in the terminal, or a Slack command and its text) into a command
// interaction: `/case open`, `/digest 2026-W47`, `/x name:value` or `/x name=value`, quoted values
// (`name:"two words"`). Only a declared option's name counts, so `09:00` and "Note: ..." in free text
// stay text. Words beyond the declared options belong to the last one given by position
// (`/network add @x Sam Smith`). Slack's command family is accepted everywhere: `/msn case list` is
// `/case list`, and `/msn` alone is `/help`.
import type { CommandDecl } from './catalogue.js';
import type { OptionValue } from './interaction.js';

export type ParsedLine =
  | { command: string; subcommand?: string; options: Record<string, OptionValue> }
  | { error: string };

/** The default name of the command family (SLACK_COMMAND): `/msn <command> [subcommand] [options]`. */
export const FAMILY = 'msn';

/** The names a line may start with before the command: `msn`, and SLACK_COMMAND where it differs. */
export const familyNames = (config: { SLACK_COMMAND: string }): string[] => [
  ...new Set([FAMILY, config.SLACK_COMMAND]),
];

/** `families`: see familyNames. */
export function parseCommandLine(
  catalogue: readonly CommandDecl[],
  line: string,
  families: readonly string[] = [FAMILY],
): ParsedLine {
  const tokens = tokenize(line.trim().slice(1));
  let command = (tokens.shift() ?? '').toLowerCase();
  if (!command) return { error: 'Type a command after the slash, for example /help.' };
  if (families.includes(command) && !catalogue.some((c) => c.name === command)) {
    const family = command;
    command = (tokens.shift() ?? 'help').toLowerCase();
    if (!catalogue.some((c) => c.name === command)) {
      return {
        error: `/${family} has no command "${command.slice(0, 40)}". The commands are: ${catalogue.map((c) => c.name).join(', ')}. Type /${family} help to see what each does.`,
      };
    }
  }
  const decl = catalogue.find((c) => c.name === command);
  if (!decl) return { command, options: {} };
  let subcommand: string | undefined;
  if (decl.subcommands && tokens[0] && !NAMED.test(tokens[0])) subcommand = tokens.shift()!.toLowerCase();
  const declared = decl.subcommands
    ? (decl.subcommands.find((s) => s.name === subcommand)?.options ?? decl.subcommands[0].options ?? [])
    : (decl.options ?? []);
  const options: Record<string, OptionValue> = {};
  const positional: string[] = [];
  for (const token of tokens) {
    const named = NAMED.exec(token);
    const name = named?.[1]?.toLowerCase();
    if (named && name && declared.some((d) => d.name === name)) options[name] = named[2] ?? '';
    else positional.push(token);
  }
  // Words go to the open options in order; a word that fits no choice of the next option, or is
  // left over, continues the free-text option before it.
  const open = declared.filter((d) => options[d.name] === undefined);
  let next = 0;
  let freeText: string | undefined;
  while (positional.length) {
    const word = positional[0]!;
    const option = open[next];
    const fitsChoice = !option?.choices || option.choices.some((c) => c.value === word);
    if (freeText && (!option || !fitsChoice)) {
      options[freeText] = `${String(options[freeText])} ${positional.shift()!}`;
      continue;
    }
    if (!option) break;
    options[option.name] = positional.shift()!;
    freeText = option.type === 'string' && !option.choices ? option.name : undefined;
    next++;
  }
  if (positional.length)
    return {
      error: `I did not understand "${positional.join(' ').slice(0, 60)}". Type /help to see how to use /${command}.`,
    };
  return { command, subcommand, options };
}

/** `name:value` or `name=value`: the name, then the value (which may itself hold `:` or `=`). */
const NAMED = /^([A-Za-z][\w-]*)[:=](.*)$/s;

/** Splits on spaces, keeping "quoted words" (after name: or name= too) together without their quotes. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/(?:[^\s"“”]+|["“][^"“”]*["”])+/g)) tokens.push(match[0].replace(/["“”]/g, ''));
  return tokens.filter(Boolean);
}
