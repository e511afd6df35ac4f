// Slack, with the configured bot token: the token (auth.test), every scope the manifest asks for
// (Slack lists the token's scopes in the x-oauth-scopes header of each Web API answer), the
// coordinators' and learning channels (they exist and the bot is in them), and the events URL
// when PUBLIC_URL is set in HTTP mode.
import type { Config } from '../config.js';
import { apiUrl } from '../surfaces/slack/client.js';
import { BOT_SCOPES } from '../surfaces/slack/manifest.js';
import { EVENTS_PATH } from '../surfaces/slack/paths.js';
import { failed, networkProblem, passed, request, shownUrl, skipped, type Answer, type CheckResult } from './result.js';

export interface SlackCheckOptions {
  /** Channel ids by name (`coordinators`, `learning`), from the network's settings. */
  channels: Record<string, string | undefined>;
  timeoutMs: number;
}

export async function checkSlack(config: Config, options: SlackCheckOptions): Promise<CheckResult[]> {
  const token = config.SLACK_BOT_TOKEN;
  if (!token) return [skipped('slack', 'Slack: not configured (SLACK_BOT_TOKEN unset), not checked.')];
  const base = apiUrl(config) ?? 'https://slack.com/api/';
  const call = (method: string, params: Record<string, string> = {}): Promise<Answer> =>
    request(
      `${base}${method}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
      },
      options.timeoutMs,
    );

  let auth: Answer;
  try {
    auth = await call('auth.test');
  } catch (error) {
    return [
      failed(
        'slack.token',
        `Slack: could not reach ${shownUrl(base)} (${networkProblem(error)}); check the network, or SLACK_API_URL.`,
      ),
    ];
  }
  if (auth.body.ok !== true) {
    return [
      failed(
        'slack.token',
        `Slack refused SLACK_BOT_TOKEN (${String(auth.body.error ?? auth.status)}): copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.`,
      ),
    ];
  }
  const team = String(auth.body.team_id ?? '');
  const results: CheckResult[] = [];
  if (config.SLACK_TEAM_ID && team !== config.SLACK_TEAM_ID) {
    results.push(
      failed(
        'slack.token',
        `Slack token belongs to workspace ${team}, not SLACK_TEAM_ID ${config.SLACK_TEAM_ID}: use the token of the network's workspace.`,
      ),
    );
  } else {
    results.push(
      passed('slack.token', `Slack token valid (workspace ${team}, bot user ${String(auth.body.user_id ?? '?')}).`),
    );
  }

  const granted = new Set(
    (auth.headers.get('x-oauth-scopes') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const missing = BOT_SCOPES.filter((scope) => !granted.has(scope));
  results.push(
    missing.length
      ? failed(
          'slack.scopes',
          `Slack scopes missing: ${missing.join(', ')}. Add them under OAuth & Permissions → Bot Token Scopes (or paste the manifest from npm run slack:manifest again) and reinstall the app.`,
        )
      : passed('slack.scopes', `Slack scopes: all ${BOT_SCOPES.length} the manifest asks for are granted.`),
  );

  for (const name of ['coordinators', 'learning']) results.push(await checkChannel(call, name, options.channels[name]));

  if (config.PUBLIC_URL && !config.SLACK_APP_TOKEN)
    results.push(await checkEventsUrl(`${config.PUBLIC_URL.replace(/\/+$/, '')}${EVENTS_PATH}`, options.timeoutMs));
  return results;
}

async function checkChannel(
  call: (method: string, params?: Record<string, string>) => Promise<Answer>,
  name: string,
  id: string | undefined,
): Promise<CheckResult> {
  const check = `slack.channel.${name}`;
  const variable = `SLACK_${name.toUpperCase()}_CHANNEL`;
  if (!id)
    return failed(
      check,
      `Slack ${name} channel not set: put its id (C…, from the channel's details) in ${variable} or set it with /network settings.`,
    );
  const invite = `type /invite @<the bot> in it`;
  try {
    let answer = await call('conversations.info', { channel: id });
    let member =
      answer.body.ok === true
        ? (answer.body.channel as { is_member?: boolean } | undefined)?.is_member === true
        : false;
    // Without channels:read the bot can still tell by reading the channel, which its *:history scopes allow.
    if (answer.body.error === 'missing_scope') {
      answer = await call('conversations.history', { channel: id, limit: '1' });
      member = answer.body.ok === true;
      if (answer.body.error === 'not_in_channel')
        return failed(check, `Slack ${name} channel ${id}: the bot is not a member; ${invite}.`);
    }
    if (answer.body.error === 'channel_not_found')
      return failed(
        check,
        `Slack ${name} channel ${id} not found (a private channel the bot is not in looks the same): check ${variable}, or ${invite}.`,
      );
    if (answer.body.ok !== true)
      return failed(check, `Slack ${name} channel ${id}: Slack said ${String(answer.body.error ?? answer.status)}.`);
    if (!member) return failed(check, `Slack ${name} channel ${id}: the bot is not a member; ${invite}.`);
    return passed(check, `Slack ${name} channel ${id}: exists, and the bot is in it.`);
  } catch (error) {
    return failed(check, `Slack ${name} channel ${id}: not checked, Slack did not answer (${networkProblem(error)}).`);
  }
}

/** Reachable means our receiver answered: an unsigned request is refused with 401 (503 while starting). */
async function checkEventsUrl(url: string, timeoutMs: number): Promise<CheckResult> {
  const shown = shownUrl(url);
  try {
    const answer = await request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'doctor=1' },
      timeoutMs,
    );
    if (answer.status === 401) return passed('slack.events_url', `Slack events URL ${shown} reaches the bot.`);
    if (answer.status === 503)
      return failed(
        'slack.events_url',
        `Slack events URL ${shown} answers 503: the bot is still starting (or stopping); check again in a moment.`,
      );
    return failed(
      'slack.events_url',
      `Slack events URL ${shown} answers ${answer.status}, not the bot: check that your proxy passes ${EVENTS_PATH} to the bot's PORT.`,
    );
  } catch (error) {
    return failed(
      'slack.events_url',
      `Slack events URL ${shown} unreachable (${networkProblem(error)}): start the bot, and check PUBLIC_URL, DNS and your TLS proxy.`,
    );
  }
}
