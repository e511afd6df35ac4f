// The Slack surface: Bolt in HTTP mode with its receiver on the bot's one HTTP server at
// /slack/events (slash commands, interactivity and events), or in Socket Mode when SLACK_APP_TOKEN
// is set. It verifies, parses, renders and sends; the router decides everything else. Only our own
// workspace is served: requests from another, from bots and from Slack Connect strangers are refused.
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Router } from '../../core/router.js';
import type { Surface } from '../../core/surface.js';
import type { SurfaceContext } from '../index.js';
import { apiUrl, clientOptions } from './client.js';
import { createDeliver } from './deliver.js';
import { classifyFailure, errorCode } from './errors.js';
import { createDirectory } from './identity.js';
import { slackListener } from './listeners/index.js';
import { libraryLogger } from './log.js';
import { EVENTS_PATH } from './paths.js';
import type { SlackRuntime } from './runtime.js';
import { slackCommandNames, type SlackCommandNames } from './slash-commands.js';

export async function createSlackSurface(ctx: SurfaceContext): Promise<Surface> {
  const { deps, http } = ctx;
  const { config, log } = deps;
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new Error('SLACK_BOT_TOKEN is needed to run the Slack surface');
  const appToken = config.SLACK_APP_TOKEN;
  const signingSecret = config.SLACK_SIGNING_SECRET;
  if (!appToken && !signingSecret)
    throw new Error('SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) is needed to run the Slack surface');

  const logger = libraryLogger(log);
  const options = clientOptions(config, logger);
  const client = new webApi.WebClient(token, options);
  const slackApiUrl = apiUrl(config);
  const socket = appToken
    ? new SocketModeReceiver({
        appToken,
        logger,
        installerOptions: { clientOptions: slackApiUrl ? { slackApiUrl } : {} },
      })
    : undefined;
  const receiver = socket ?? new HTTPReceiver({ signingSecret: signingSecret!, endpoints: EVENTS_PATH, logger });

  // The bot's own ids and its workspace, asked once; a failure is not kept, so the next request asks again.
  let identity: Promise<{ botId?: string; botUserId?: string; teamId?: string }> | undefined;
  const botIdentity = () =>
    (identity ??= client.auth.test().then(
      (auth) => ({ botId: auth.bot_id, botUserId: auth.user_id, teamId: auth.team_id }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    ));

  let runtime: SlackRuntime | undefined;
  let commands: SlackCommandNames | undefined;
  let connected = false;
  const app = new App({
    receiver,
    clientOptions: options,
    logger,
    authorize: async () => {
      const { botId, botUserId } = await botIdentity();
      return { botToken: token, botId, botUserId };
    },
  });
  // Requests are admitted only from this workspace (see listeners/user.ts).
  const workspace = async (): Promise<string> => {
    if (config.SLACK_TEAM_ID) return config.SLACK_TEAM_ID;
    const { teamId } = await botIdentity();
    if (!teamId) throw new Error('auth.test named no team');
    return teamId;
  };
  app.use(slackListener(() => runtime));
  app.error(async (error) => {
    log.error({ surface: 'slack', err: { name: error.name, code: error.code } }, 'slack request failed');
  });

  socket?.client.on('connected', () => (connected = true));
  socket?.client.on('disconnected', () => (connected = false));
  socket?.client.on('reconnecting', () => (connected = false));

  return {
    platform: 'slack',
    connected: () => connected,
    async start(router: Router) {
      let teamId: string | undefined;
      try {
        ({ teamId } = await botIdentity());
      } catch (error) {
        // A refused token is a configuration error; Slack being unreachable is not a reason not to start.
        if (classifyFailure(error).status === 'permanent')
          throw new Error(`Slack refused SLACK_BOT_TOKEN (${errorCode(error)})`);
        log.warn(
          { surface: 'slack', code: errorCode(error) },
          'slack auth.test failed; will ask again on the first request',
        );
      }
      if (config.SLACK_TEAM_ID && teamId && teamId !== config.SLACK_TEAM_ID) {
        throw new Error(
          `SLACK_BOT_TOKEN belongs to Slack workspace ${teamId}, not to SLACK_TEAM_ID ${config.SLACK_TEAM_ID}`,
        );
      }
      commands = slackCommandNames(router.catalogue, config);
      runtime = {
        deps,
        router,
        client,
        directory: createDirectory(client, deps.clock),
        workspace,
        commands,
        views: new WeakMap(),
      };
      if (socket) {
        await app.start();
        return;
      }
      const httpReceiver = receiver as HTTPReceiver;
      http.mount(EVENTS_PATH, (req, res) => {
        if (!runtime) return void res.writeHead(503).end();
        if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
        httpReceiver.requestListener(req, res);
      });
      connected = true;
    },
    async stop() {
      runtime = undefined;
      connected = false;
      if (socket) await app.stop().catch(() => undefined);
    },
    // The outbox delivers only after start, when the catalogue's commands are known.
    deliver: createDeliver(client, log, (message) => commands?.message(message) ?? message),
  };
}
