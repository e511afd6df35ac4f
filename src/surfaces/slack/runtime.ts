// What every Slack listener works with: the app's parts, the Web API client and the command names.
import type { types, webApi } from '@slack/bolt';
import type { Deps } from '../../core/deps.js';
import type { FormRequest } from '../../core/form.js';
import type { Router } from '../../core/router.js';
import type { SlackDirectory } from './identity.js';
import type { SlackCommandNames } from './slash-commands.js';

/** What every listener works with. */
export interface SlackRuntime {
  deps: Deps;
  router: Router;
  client: webApi.WebClient;
  directory: SlackDirectory;
  /** Commands named in messages and forms, written as typed on Slack (`/msn case list`). */
  commands: SlackCommandNames;
  /** Modals already built for requests that never change (a command that only opens its form). */
  views: WeakMap<FormRequest, types.ModalView>;
  /** Our workspace's id (SLACK_TEAM_ID, else the bot token's team from auth.test); rejects while unknown. */
  workspace(): Promise<string>;
}

/** Bolt's acknowledgement: an empty 200 (or a view response) over HTTP, an envelope in Socket Mode. */
export type Ack = (response?: Record<string, unknown>) => Promise<void>;

/** Bolt's response_url helper. */
export type Respond = (message: Record<string, unknown>) => Promise<unknown>;
