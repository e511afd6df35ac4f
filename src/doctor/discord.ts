// Discord, with the configured token: the token (users/@me), that it is DISCORD_APPLICATION_ID's
// bot (applications/@me), the registered commands against what npm run discord:register would
// send, and the bot's permissions in the coordinators' and learning channels, computed from the
// server's roles and the channel's overwrites as Discord does.
import type { Config } from '../config.js';
import type { CommandDecl } from '../core/catalogue.js';
import { discordCommands } from '../surfaces/discord/commands.js';
import { comparable } from '../surfaces/discord/register.js';
import { channelPermissions, missingPermissions, type GuildRole, type Overwrite } from './permissions.js';
import { failed, networkProblem, passed, shownUrl, skipped, type CheckResult } from './result.js';

export interface DiscordCheckOptions {
  channels: Record<string, string | undefined>;
  catalogue: readonly CommandDecl[];
  timeoutMs: number;
}

class DiscordRefused extends Error {
  constructor(readonly status: number) {
    super(`Discord answered ${status}`);
  }
}

type Get = <T>(path: string) => Promise<T>;
type Registered = Parameters<typeof comparable>[0] & { name: string };

export async function checkDiscord(config: Config, options: DiscordCheckOptions): Promise<CheckResult[]> {
  const token = config.DISCORD_TOKEN;
  if (!token) return [skipped('discord', 'Discord: not configured (DISCORD_TOKEN unset), not checked.')];
  const base = `${(config.DISCORD_API_URL ?? 'https://discord.com/api').replace(/\/+$/, '')}/v10`;
  const get: Get = async (path) => {
    const res = await fetch(`${base}${path}`, {
      headers: { authorization: `Bot ${token}` },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (res.status !== 200) throw new DiscordRefused(res.status);
    return res.json();
  };

  let bot: { id: string; username?: string };
  try {
    bot = await get('/users/@me');
  } catch (error) {
    if (error instanceof DiscordRefused && error.status === 401)
      return [
        failed(
          'discord.token',
          'Discord refused DISCORD_TOKEN (401): reset the token on the Bot page of the Developer Portal and set it again.',
        ),
      ];
    return [
      failed(
        'discord.token',
        `Discord: could not check the token at ${shownUrl(base)} (${error instanceof DiscordRefused ? error.status : networkProblem(error)}).`,
      ),
    ];
  }
  const results: CheckResult[] = [passed('discord.token', `Discord token valid (bot ${bot.username ?? bot.id}).`)];

  const application = await get<{ id: string }>('/applications/@me').catch(() => undefined);
  if (!application)
    results.push(
      failed(
        'discord.application',
        'Discord application not checked: Discord did not say which application the token belongs to.',
      ),
    );
  else if (application.id !== config.DISCORD_APPLICATION_ID)
    results.push(
      failed(
        'discord.application',
        `DISCORD_APPLICATION_ID is ${config.DISCORD_APPLICATION_ID}, but the token belongs to application ${application.id}: copy the Application ID from General Information.`,
      ),
    );
  else results.push(passed('discord.application', `Discord application id matches the token (${application.id}).`));

  results.push(await checkCommands(get, config, options.catalogue));
  for (const name of ['coordinators', 'learning'])
    results.push(await checkChannel(get, name, options.channels[name], bot.id));
  return results;
}

async function checkCommands(get: Get, config: Config, catalogue: readonly CommandDecl[]): Promise<CheckResult> {
  const guild = config.DISCORD_GUILD_ID;
  const scope = guild ? 'guild' : 'global';
  const where = guild ? `server ${guild}` : 'globally';
  const path = guild
    ? `/applications/${config.DISCORD_APPLICATION_ID}/guilds/${guild}/commands`
    : `/applications/${config.DISCORD_APPLICATION_ID}/commands`;
  let registered: Registered[];
  try {
    registered = await get<Registered[]>(path);
  } catch (error) {
    return failed(
      'discord.commands',
      `Discord commands not checked (${error instanceof DiscordRefused ? error.status : networkProblem(error)}).`,
    );
  }
  const byName = new Map(registered.map((c) => [c.name, c]));
  const wanted = discordCommands(catalogue, scope);
  const missing = wanted.filter((c) => !byName.has(c.name)).map((c) => `/${c.name}`);
  const outdated = wanted
    .filter((c) => byName.has(c.name) && comparable(byName.get(c.name)!, scope) !== comparable(c, scope))
    .map((c) => `/${c.name}`);
  const extra = [...byName.keys()].filter((name) => !wanted.some((c) => c.name === name)).map((n) => `/${n}`);
  if (!missing.length && !outdated.length && !extra.length)
    return passed('discord.commands', `Discord commands registered ${where} and current (${wanted.length}).`);
  const parts = [
    missing.length ? `missing ${missing.join(', ')}` : '',
    outdated.length ? `changed since ${outdated.join(', ')}` : '',
    extra.length ? `no longer declared ${extra.join(', ')}` : '',
  ].filter(Boolean);
  return failed(
    'discord.commands',
    `Discord commands ${where} not current (${parts.join('; ')}): run npm run discord:register.`,
  );
}

async function checkChannel(get: Get, name: string, id: string | undefined, botId: string): Promise<CheckResult> {
  const check = `discord.channel.${name}`;
  if (!id)
    return failed(
      check,
      `Discord ${name} channel not set: set it with /network settings (or DISCORD_${name.toUpperCase()}_CHANNEL on first start).`,
    );
  try {
    const channel = await get<{ guild_id?: string; permission_overwrites?: Overwrite[] }>(`/channels/${id}`);
    if (!channel.guild_id) return failed(check, `Discord ${name} channel ${id} is not a server channel.`);
    const guild = await get<{ owner_id: string; roles?: GuildRole[] }>(`/guilds/${channel.guild_id}`);
    const roles = guild.roles ?? (await get<GuildRole[]>(`/guilds/${channel.guild_id}/roles`));
    const member = await get<{ roles: string[] }>(`/guilds/${channel.guild_id}/members/${botId}`);
    const permissions = channelPermissions({
      guildId: channel.guild_id,
      ownerId: guild.owner_id,
      roles,
      memberId: botId,
      memberRoles: member.roles,
      overwrites: channel.permission_overwrites ?? [],
    });
    const missing = missingPermissions(permissions);
    if (missing.length)
      return failed(
        check,
        `Discord ${name} channel ${id}: the bot lacks ${missing.join(', ')}; allow them for the bot's role in the channel's permissions.`,
      );
    return passed(check, `Discord ${name} channel ${id}: the bot can view, send, embed links and attach files.`);
  } catch (error) {
    if (error instanceof DiscordRefused && (error.status === 403 || error.status === 404)) {
      return failed(
        check,
        `Discord ${name} channel ${id}: the bot cannot see it (${error.status}); check the id, and that the bot was invited to the server and may view the channel.`,
      );
    }
    return failed(
      check,
      `Discord ${name} channel ${id}: not checked (${error instanceof DiscordRefused ? error.status : networkProblem(error)}).`,
    );
  }
}
