// Which slash commands the Slack app declares, and how a command is written for a Slack reader. By
// default the catalogue is one command family, `/msn <command> ...` (SLACK_COMMAND names it), with
// /debrief and /escalate kept as direct shortcuts because they must be fastest to reach;
// SLACK_COMMANDS=separate declares one slash command per catalogue command instead. Features write
// `/case list` everywhere; this module turns it into `/msn case list` on the way to Slack.
import type { Config } from '../../config.js';
import type { CommandDecl } from '../../core/catalogue.js';
import { FAMILY } from '../../core/command-line.js';
import type { FormRequest } from '../../core/form.js';
import type { Message } from '../../core/message.js';

/** Catalogue commands that keep their own slash command beside the family. */
export const SHORTCUTS = ['debrief', 'escalate'] as const;

export type SlackCommandSetup = Pick<Config, 'SLACK_COMMAND' | 'SLACK_COMMANDS'>;

export const DEFAULT_SETUP: SlackCommandSetup = { SLACK_COMMAND: FAMILY, SLACK_COMMANDS: 'family' };

/** A slash command the app declares: the family (no declaration of its own) or a catalogue command. */
export interface SlashCommand {
  name: string;
  command?: CommandDecl;
}

export function slashCommands(catalogue: readonly CommandDecl[], setup: SlackCommandSetup): SlashCommand[] {
  if (setup.SLACK_COMMANDS === 'separate') return catalogue.map((command) => ({ name: command.name, command }));
  const shortcuts = catalogue.filter((c) => (SHORTCUTS as readonly string[]).includes(c.name));
  return [{ name: setup.SLACK_COMMAND }, ...shortcuts.map((command) => ({ name: command.name, command }))];
}

/** Quoted words (what someone typed, echoed back), code and links are left as they are. */
const PROTECTED = /(`[^`]*`|"[^"]*"|“[^”]*”|\bhttps?:\/\/\S+)/;

export interface SlackCommandNames {
  /** Text with every command it names written as typed on Slack. */
  text(text: string): string;
  message(message: Message): Message;
  form(request: FormRequest): FormRequest;
}

export function slackCommandNames(catalogue: readonly CommandDecl[], setup: SlackCommandSetup): SlackCommandNames {
  const renamed =
    setup.SLACK_COMMANDS === 'separate'
      ? []
      : catalogue.map((c) => c.name).filter((name) => !(SHORTCUTS as readonly string[]).includes(name));
  // Longest first, so /debriefs is not read as /debrief; never inside a path or a word.
  const mention = renamed.length
    ? new RegExp(`(?<![\\w/.:@<-])/(${[...renamed].sort((a, b) => b.length - a.length).join('|')})(?![\\w/-])`, 'g')
    : undefined;
  const text = (value: string): string =>
    mention
      ? value
          .split(PROTECTED)
          .map((part, i) => (i % 2 === 1 ? part : part.replace(mention, `/${setup.SLACK_COMMAND} $1`)))
          .join('')
      : value;
  const optional = (value: string | undefined) => (value === undefined ? undefined : text(value));
  return {
    text,
    message: (m) =>
      mention
        ? {
            ...m,
            text: text(m.text),
            ...(m.title !== undefined ? { title: text(m.title) } : {}),
            ...(m.fields ? { fields: m.fields.map((f) => ({ label: text(f.label), value: text(f.value) })) } : {}),
          }
        : m,
    form: (request) => {
      if (!mention) return request;
      const { form } = request;
      const fields = Object.fromEntries(
        Object.entries(form.fields).map(([id, f]) => [id, { ...f, label: text(f.label), hint: optional(f.hint) }]),
      );
      return { ...request, form: { ...form, intro: optional(form.intro), fields } };
    },
  };
}
