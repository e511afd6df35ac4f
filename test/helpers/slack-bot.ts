// The whole bot in-process with only the Slack surface, pointed at a fake Slack Web API.
import { startTestApp, type TestApp } from './app.js';
import type { ManualClock } from './clock.js';
import type { TestDatabase } from './db.js';
import type { FakeSlack } from './fake-slack.js';
import { postSigned, SIGNING_SECRET, type SignedPostOptions, type SlackReply } from './slack-requests.js';

export interface SlackBot {
  app: TestApp;
  /** The bot's Slack request URL. */
  eventsUrl: string;
  /** POSTs a body to the events URL, signed unless told otherwise. */
  post(body: string, options?: SignedPostOptions): Promise<SlackReply>;
}

export const slackEnv = (fake: FakeSlack, env: Record<string, string> = {}): Record<string, string> => ({
  SURFACES: 'slack',
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: fake.url,
  ...env,
});

export async function startSlackBot(
  fake: FakeSlack,
  env: Record<string, string> = {},
  options: { database?: TestDatabase; clock?: ManualClock } = {},
): Promise<SlackBot> {
  const app = await startTestApp(slackEnv(fake, env), options);
  const eventsUrl = `http://127.0.0.1:${app.http.port}/slack/events`;
  return { app, eventsUrl, post: (body, postOptions) => postSigned(eventsUrl, body, postOptions) };
}
