// Who is asking, as the core needs it: Slack's payloads carry only a user id, so users.info tells
// the name, the time zone and whether the account is a guest (restricted or single-channel), a
// bot, a Slack Connect stranger, or someone whose home is another workspace.
// Answers are kept for a few minutes so a busy member costs one lookup, not one per click.
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { PlatformUser } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { isTimeZone } from '../../core/time-zone.js';

const TTL_MS = 5 * 60 * 1000;
const MAX_ENTRIES = 1000;
/** Slackbot is not flagged is_bot by users.info, but is one. */
const SLACKBOT = 'USLACKBOT';

const userInfo = z.object({
  user: z.object({
    id: z.string(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    tz: z.string().optional(),
    team_id: z.string().optional(),
    is_restricted: z.boolean().optional(),
    is_ultra_restricted: z.boolean().optional(),
    is_bot: z.boolean().optional(),
    is_app_user: z.boolean().optional(),
    is_stranger: z.boolean().optional(),
    enterprise_user: z
      .object({ teams: z.array(z.string()).optional() })
      .loose()
      .optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
  }),
});

type UserInfo = z.infer<typeof userInfo>['user'];

/** A Slack account as users.info describes it: the platform user, and what keeps it out. */
export interface SlackAccount {
  user: PlatformUser;
  /** A bot or app user (or Slackbot). */
  bot: boolean;
  /** A Slack Connect stranger: someone from another organisation the workspace does not share a channel with. */
  stranger: boolean;
  /** The workspaces the account belongs to, as far as users.info says (empty when it does not). */
  teamIds: string[];
}

export interface SlackDirectory {
  /** The account behind a Slack user id; rejects when Slack cannot say (the caller replies kindly). */
  lookup(userId: string): Promise<SlackAccount>;
}

export function toPlatformUser(info: UserInfo): PlatformUser {
  const name =
    [info.profile?.display_name, info.profile?.real_name, info.real_name, info.name].find(
      (n) => n && n.trim() !== '',
    ) ?? info.id;
  return {
    platform: 'slack',
    platformUserId: info.id,
    displayName: name.trim().slice(0, 80),
    ...(info.tz && isTimeZone(info.tz) ? { timeZone: info.tz } : {}),
    guest: info.is_restricted === true || info.is_ultra_restricted === true,
  };
}

export function toSlackAccount(info: UserInfo): SlackAccount {
  return {
    user: toPlatformUser(info),
    bot: info.is_bot === true || info.id === SLACKBOT,
    stranger: info.is_stranger === true,
    teamIds: [...new Set([info.team_id, ...(info.enterprise_user?.teams ?? [])].filter((t): t is string => !!t))],
  };
}

export function createDirectory(client: webApi.WebClient, clock: Clock): SlackDirectory {
  // Promises, so that simultaneous requests from one member share a single users.info call.
  const cache = new Map<string, { account: Promise<SlackAccount>; until: number }>();
  return {
    lookup(userId) {
      const now = clock.now().getTime();
      const hit = cache.get(userId);
      if (hit && hit.until > now) return hit.account;
      const account = client.users.info({ user: userId }).then((info) => toSlackAccount(userInfo.parse(info).user));
      cache.delete(userId);
      cache.set(userId, { account, until: now + TTL_MS });
      if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      account.catch(() => cache.get(userId)?.account === account && cache.delete(userId));
      return account;
    },
  };
}
