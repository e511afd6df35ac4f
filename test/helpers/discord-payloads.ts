// Raw interaction payloads shaped like Discord's documented INTERACTION_CREATE data: a slash
// command, a button or select click, a modal submission (built from the modal the bot showed).
import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A fresh snowflake: milliseconds since Discord's epoch, shifted, plus a counter. */
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) + increment).toString();
}

export const GUILD_ID = '200000000000000001';
export const CHANNEL_ID = '200000000000000002';

export interface TestUser {
  id: string;
  username: string;
  globalName?: string;
}

/** An invented member of the test server. */
export const discordUser = (username: string): TestUser => ({
  id: snowflake(),
  username,
  globalName: username.replace(/^./, (c) => c.toUpperCase()),
});

export interface Where {
  applicationId: string;
  /** A direct message with the bot instead of the test server. */
  dm?: boolean;
  guildId?: string;
}

function apiUser(user: TestUser) {
  return {
    id: user.id,
    username: user.username,
    global_name: user.globalName ?? null,
    discriminator: '0',
    avatar: null,
    public_flags: 0,
  };
}

function envelope(type: number, user: TestUser, where: Where, data: unknown) {
  const guildId = where.guildId ?? GUILD_ID;
  const common = {
    id: snowflake(),
    application_id: where.applicationId,
    type,
    data,
    token: `itok_${randomBytes(24).toString('base64url')}`,
    version: 1,
    locale: 'en-GB',
    entitlements: [],
    app_permissions: '2248473465835073',
    attachment_size_limit: 10485760,
  };
  if (where.dm) {
    return {
      ...common,
      channel_id: '300000000000000003',
      channel: { id: '300000000000000003', type: 1, flags: 0, last_message_id: null, recipients: [apiUser(user)] },
      user: apiUser(user),
      context: 1,
      authorizing_integration_owners: { '0': '0' },
    };
  }
  return {
    ...common,
    guild_id: guildId,
    guild_locale: 'en-GB',
    guild: { id: guildId, locale: 'en-GB', features: [] },
    channel_id: CHANNEL_ID,
    channel: {
      id: CHANNEL_ID,
      type: 0,
      guild_id: guildId,
      name: 'general',
      position: 0,
      flags: 0,
      permissions: '2248473465835073',
      nsfw: false,
      parent_id: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      topic: null,
    },
    member: {
      user: apiUser(user),
      roles: [],
      permissions: '2248473465835073',
      nick: null,
      avatar: null,
      joined_at: '2026-01-05T10:00:00.000000+00:00',
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
    },
    context: 0,
    authorizing_integration_owners: { '0': guildId },
  };
}

export interface CommandOption {
  name: string;
  type: number;
  value?: unknown;
  options?: CommandOption[];
}

/** A slash command; `options` are typed values (3 string, 4 integer, 5 boolean). */
export function slashCommand(
  user: TestUser,
  where: Where,
  name: string,
  extra: { subcommand?: string; options?: CommandOption[] } = {},
) {
  const options = extra.subcommand
    ? [{ name: extra.subcommand, type: 1, options: extra.options ?? [] }]
    : (extra.options ?? []);
  return envelope(2, user, where, {
    id: snowflake(),
    name,
    type: 1,
    options,
    ...(where.dm ? {} : { guild_id: where.guildId ?? GUILD_ID }),
  });
}

/** The ephemeral message a component sits on, as Discord includes it with a click. */
function message(where: Where, components: unknown[]) {
  return {
    id: snowflake(),
    channel_id: where.dm ? '300000000000000003' : CHANNEL_ID,
    type: 0,
    content: '',
    embeds: [],
    components,
    author: {
      id: '100000000000000002',
      username: 'Network Bot',
      discriminator: '0',
      avatar: null,
      global_name: null,
      bot: true,
    },
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: 64,
  };
}

export function buttonClick(user: TestUser, where: Where, customId: string) {
  const components = [{ type: 1, components: [{ type: 2, style: 1, label: 'Button', custom_id: customId }] }];
  return {
    ...envelope(3, user, where, { custom_id: customId, component_type: 2 }),
    message: message(where, components),
  };
}

export function selectChoice(user: TestUser, where: Where, customId: string, values: string[]) {
  const components = [
    { type: 1, components: [{ type: 3, custom_id: customId, options: values.map((v) => ({ label: v, value: v })) }] },
  ];
  return {
    ...envelope(3, user, where, { custom_id: customId, component_type: 3, values }),
    message: message(where, components),
  };
}

/** Answers a modal the bot showed: text inputs get strings, selects get arrays of option values. */
export function modalSubmission(
  user: TestUser,
  where: Where,
  modal: { custom_id: string; components: any[] },
  answers: Record<string, string | string[]>,
) {
  let id = 0;
  const components = modal.components.map((c: any) => {
    id++;
    if (c.type === 10) return { type: 10, id };
    const input = c.type === 18 ? c.component : c.components[0];
    const answer = answers[input.custom_id];
    const filled =
      input.type === 3
        ? { type: 3, id: ++id, custom_id: input.custom_id, values: answer === undefined ? [] : [answer].flat() }
        : { type: 4, id: ++id, custom_id: input.custom_id, value: answer === undefined ? '' : String(answer) };
    return c.type === 18 ? { type: 18, id, component: filled } : { type: 1, id, components: [filled] };
  });
  return envelope(5, user, where, { custom_id: modal.custom_id, components });
}
