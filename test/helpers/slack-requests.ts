// Requests as Slack sends them: bodies shaped like Slack's documented payloads (a form-encoded slash
// command, `payload=` JSON for view_submission and block_actions, JSON for events), signed with the
// v0 scheme (HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret).
import { createHmac, randomBytes } from 'node:crypto';

export const SIGNING_SECRET = 'test-secret';
export const TEAM = { id: 'T0NETWORK', domain: 'mentor-network' };

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature. */
  signature?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface SlackReply {
  status: number;
  text: string;
  json(): Record<string, unknown>;
}

export async function postSigned(url: string, body: string, options: SignedPostOptions = {}): Promise<SlackReply> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type':
        options.contentType ?? (body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded'),
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? sign(body, timestamp, options.secret),
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

export const newTriggerId = () => `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`;

export function slashCommandBody(o: {
  command: string;
  text?: string;
  userId: string;
  responseUrl: string;
  triggerId?: string;
  channelId?: string;
}): string {
  return new URLSearchParams({
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: o.channelId ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: o.userId,
    user_name: o.userId.toLowerCase(),
    command: o.command,
    text: o.text ?? '',
    api_app_id: 'A0MSB',
    is_enterprise_install: 'false',
    response_url: o.responseUrl,
    trigger_id: o.triggerId ?? newTriggerId(),
  }).toString();
}

const slackUser = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: TEAM.id });

export const payloadBody = (payload: unknown): string =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

interface ViewLike {
  callback_id?: string;
  private_metadata?: string;
  blocks?: {
    type: string;
    block_id?: string;
    element?: { type: string; options?: { text: unknown; value: string }[] };
  }[];
}

/** `view.state.values` as Slack builds it when a member fills in the modal `view` with `answers`. */
export function fillModal(
  view: ViewLike,
  answers: Record<string, string | string[]>,
): Record<string, Record<string, Record<string, unknown>>> {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const block of view.blocks ?? []) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const { type, options = [] } = block.element;
    const given = answers[block.block_id];
    const one = typeof given === 'string' ? given : undefined;
    const pick = (value: string | undefined) => options.find((o) => o.value === value) ?? null;
    let state: Record<string, unknown>;
    switch (type) {
      case 'static_select':
      case 'radio_buttons':
        state = { type, selected_option: pick(one) };
        break;
      case 'multi_static_select':
        state = { type, selected_options: (Array.isArray(given) ? given : []).map(pick).filter(Boolean) };
        break;
      case 'datepicker':
        state = { type, selected_date: one ?? null };
        break;
      case 'timepicker':
        state = { type, selected_time: one ?? null };
        break;
      default:
        state = { type, value: one ?? null };
    }
    values[block.block_id] = { value: state };
  }
  return values;
}

export function viewSubmissionPayload(o: {
  userId: string;
  viewId: string;
  view: ViewLike;
  answers: Record<string, string | string[]>;
}) {
  return {
    type: 'view_submission',
    team: TEAM,
    user: slackUser(o.userId),
    api_app_id: 'A0MSB',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    trigger_id: newTriggerId(),
    view: {
      id: o.viewId,
      team_id: TEAM.id,
      type: 'modal',
      blocks: o.view.blocks ?? [],
      private_metadata: o.view.private_metadata ?? '',
      callback_id: o.view.callback_id ?? '',
      state: { values: fillModal(o.view, o.answers) },
      hash: `${Date.now()}.${randomBytes(4).toString('hex')}`,
      title: { type: 'plain_text', text: 'Form' },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: { type: 'plain_text', text: 'Submit' },
      previous_view_id: null,
      root_view_id: o.viewId,
      app_id: 'A0MSB',
      external_id: '',
      app_installed_team_id: TEAM.id,
      bot_id: 'B0BOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function blockActionsPayload(o: {
  userId: string;
  actionId: string;
  value?: string;
  responseUrl?: string;
  channelId?: string;
  container?: Record<string, unknown>;
  view?: Record<string, unknown>;
}) {
  const messageTs = '1790000000.000100';
  return {
    type: 'block_actions',
    user: slackUser(o.userId),
    api_app_id: 'A0MSB',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    container: o.container ?? {
      type: 'message',
      message_ts: messageTs,
      channel_id: o.channelId ?? 'C0GENERAL',
      is_ephemeral: false,
    },
    trigger_id: newTriggerId(),
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    ...(o.view
      ? { view: o.view }
      : {
          channel: { id: o.channelId ?? 'C0GENERAL', name: 'general' },
          message: { type: 'message', ts: messageTs, text: 'A message', bot_id: 'B0BOT' },
        }),
    ...(o.responseUrl ? { response_url: o.responseUrl } : {}),
    state: { values: {} },
    actions: [
      {
        action_id: o.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'A button', emoji: true },
        ...(o.value !== undefined ? { value: o.value } : {}),
        type: 'button',
        action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
      },
    ],
  };
}

export function appHomeOpenedBody(
  userId: string,
  eventId = `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
): string {
  return JSON.stringify({
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: TEAM.id,
    api_app_id: 'A0MSB',
    event: {
      type: 'app_home_opened',
      user: userId,
      channel: `D${userId}`,
      tab: 'home',
      event_ts: `${Math.floor(Date.now() / 1000)}.000300`,
    },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM.id, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  });
}
