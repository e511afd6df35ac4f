// What Slack sends, checked with zod before anything acts on it: slash commands (form-encoded),
// view_submission and block_actions (the JSON in `payload`), and the app_home_opened event.
// Anything else is acknowledged and ignored; a payload of a known type that does not match is
// reported as malformed, never half-read.
import { z } from 'zod';

/** Slack's ids and tokens: user, channel, view, trigger and action timestamps. */
const slackId = z.string().regex(/^[A-Za-z0-9._-]{1,255}$/);

const user = z.object({
  id: slackId,
  name: z.string().max(200).optional(),
  username: z.string().max(200).optional(),
});

const stateValue = z.object({
  type: z.string().max(100),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date: z.string().nullish(),
  selected_time: z.string().nullish(),
});

/** `view.state.values`: block id → action id → what the user chose or typed. */
export const stateValues = z.record(z.string(), z.record(z.string(), stateValue));
export type StateValues = z.infer<typeof stateValues>;

export const slashCommand = z.object({
  command: z.string().regex(/^\/[A-Za-z0-9_-]{1,32}$/),
  text: z.string().max(4000).default(''),
  user_id: slackId,
  user_name: z.string().max(200).optional(),
  channel_id: slackId.optional(),
  trigger_id: slackId,
  response_url: z.url().optional(),
});

export const viewSubmission = z.object({
  type: z.literal('view_submission'),
  user,
  view: z.object({
    id: slackId,
    callback_id: z.string().max(255),
    private_metadata: z.string().max(3000).default(''),
    state: z.object({ values: stateValues }),
  }),
});

export const blockActions = z.object({
  type: z.literal('block_actions'),
  user,
  trigger_id: slackId,
  response_url: z.url().optional(),
  channel: z.object({ id: slackId }).nullish(),
  container: z.object({ type: z.string().max(50) }).loose(),
  view: z
    .object({ id: slackId, type: z.string().max(50) })
    .loose()
    .nullish(),
  actions: z
    .array(
      z.object({
        action_id: z.string().min(1).max(255),
        type: z.string().max(50),
        value: z.string().max(2000).optional(),
      }),
    )
    .min(1),
});

export const appHomeOpened = z.object({
  type: z.literal('event_callback'),
  event: z.object({ type: z.literal('app_home_opened'), user: slackId, tab: z.string().max(50).optional() }),
});

export type SlashCommand = z.infer<typeof slashCommand>;
export type ViewSubmission = z.infer<typeof viewSubmission>;
export type BlockActions = z.infer<typeof blockActions>;

export type Payload =
  | { kind: 'command'; body: SlashCommand }
  | { kind: 'submission'; body: ViewSubmission }
  | { kind: 'action'; body: BlockActions }
  | { kind: 'home'; userId: string }
  | { kind: 'ignored' }
  | { kind: 'malformed'; type: string };

const record = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

/** Sorts a request body into what the surface handles; never throws. */
export function readPayload(body: unknown): Payload {
  const fields = record(body);
  const checked = <T>(schema: z.ZodType<T>, type: string, wrap: (value: T) => Payload): Payload => {
    const result = schema.safeParse(body);
    return result.success ? wrap(result.data) : { kind: 'malformed', type };
  };
  if ('command' in fields) return checked(slashCommand, 'command', (b) => ({ kind: 'command', body: b }));
  switch (fields.type) {
    case 'view_submission':
      return checked(viewSubmission, 'view_submission', (b) => ({ kind: 'submission', body: b }));
    case 'block_actions':
      return checked(blockActions, 'block_actions', (b) => ({ kind: 'action', body: b }));
    case 'event_callback': {
      if (record(fields.event).type !== 'app_home_opened') return { kind: 'ignored' };
      return checked(appHomeOpened, 'app_home_opened', (b) =>
        b.event.tab === undefined || b.event.tab === 'home'
          ? { kind: 'home', userId: b.event.user }
          : { kind: 'ignored' },
      );
    }
    default:
      return { kind: 'ignored' };
  }
}
