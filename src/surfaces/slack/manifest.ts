// The Slack app manifest, generated from the command catalogue so a workspace admin creates the app
// in one paste: slash commands with usage hints (by default the command family and its two
// shortcuts, see slash-commands.ts), the bot's scopes, interactivity and event URLs (or Socket
// Mode), and the App Home tab.
import type { CommandDecl, OptionDecl } from '../../core/catalogue.js';
import { EVENTS_PATH } from './paths.js';
import { DEFAULT_SETUP, slashCommands, type SlackCommandSetup } from './slash-commands.js';

/** What the bot does with each scope. */
export const BOT_SCOPES = [
  'commands', // slash commands
  'chat:write', // replies, alerts, digests and edits of its own messages
  'files:write', // the weekly digest's chart, uploaded next to the digest
  'im:write', // opening a direct message to a member (conversations.open)
  'im:history', // the duplicate check in direct messages after a crash
  'channels:history', // the duplicate check in public channels
  'groups:history', // the duplicate check in private channels (the coordinators')
  'users:read', // names, time zones and guest status (users.info)
  'channels:read', // npm run doctor: the learning channel exists and the bot is in it (conversations.info)
  'groups:read', // npm run doctor: the same for the private coordinators' channel
] as const;

export interface ManifestOptions {
  name: string;
  /** Public https base URL of the bot; not needed in Socket Mode. */
  baseUrl?: string;
  socketMode?: boolean;
  /** SLACK_COMMAND and SLACK_COMMANDS; by default the `/msn` family. */
  setup?: SlackCommandSetup;
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function optionHint(options: readonly OptionDecl[] = []): string {
  return options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
}

/** The hint Slack shows after the command name: subcommands with their options, or the options. */
export function usageHint(command: CommandDecl): string {
  if (command.usage) return cut(command.usage.replace(new RegExp(`^/${command.name}\\s*`), ''), 1000);
  if (!command.subcommands) return optionHint(command.options);
  return cut(
    command.subcommands.map((s) => [s.name, optionHint(s.options)].filter(Boolean).join(' ')).join(' | '),
    1000,
  );
}

/** The family's description and hint: the commands it holds, as Slack shows them while typing. */
function familyCommand(name: string, catalogue: readonly CommandDecl[]): { description: string; usage_hint: string } {
  return {
    description: cut(
      `Everything the bot does, e.g. /${name} debrief. /${name} help lists the commands you can use.`,
      2000,
    ),
    usage_hint: cut(`<command> [subcommand] [options]: ${catalogue.map((c) => c.name).join(', ')}`, 1000),
  };
}

/** What the bot's manifest holds, in Slack's app manifest format. */
export interface SlackManifest {
  _metadata: { major_version: number; minor_version: number };
  display_information: { name: string; description: string; background_color: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: {
      command: string;
      url?: string;
      description: string;
      usage_hint?: string;
      should_escape: boolean;
    }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

export function slackManifest(catalogue: readonly CommandDecl[], options: ManifestOptions): SlackManifest {
  const socketMode = options.socketMode === true;
  if (!socketMode && !options.baseUrl) throw new Error('a base URL is needed unless Socket Mode is used');
  const url = socketMode ? undefined : `${options.baseUrl!.replace(/\/+$/, '')}${EVENTS_PATH}`;
  // Left out entirely in Socket Mode (not even as undefined), as Slack expects.
  const requestUrl = url ? { request_url: url } : {};
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: cut(options.name, 35),
      description: 'Debriefs, check-ins, supervision and urgent help for mentors.',
      background_color: '#2f4858',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: cut(options.name, 80), always_online: true },
      slash_commands: slashCommands(catalogue, options.setup ?? DEFAULT_SETUP).map(({ name, command }) => {
        const hint = command && usageHint(command);
        return {
          command: `/${name}`,
          ...(url ? { url } : {}),
          ...(command
            ? { description: cut(command.description, 2000), ...(hint ? { usage_hint: hint } : {}) }
            : familyCommand(name, catalogue)),
          should_escape: true,
        };
      }),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...requestUrl, bot_events: ['app_home_opened'] },
      interactivity: { is_enabled: true, ...requestUrl },
      org_deploy_enabled: false,
      socket_mode_enabled: socketMode,
      token_rotation_enabled: false,
    },
  };
}
