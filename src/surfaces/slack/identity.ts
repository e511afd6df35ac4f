// Who is asking, as the core needs it: Slack's payloads carry only a user id, so users.info tells
// the name, the time zone and whether the account is a guest (restricted or single-channel).
// Answers are kept for a few minutes so a busy member costs one lookup, not one per click.
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { PlatformUser } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { isTimeZone } from '../../core/time-zone.js';

const TTL_MS = 5 * 60 * 1000;
const MAX_ENTRIES = 1000;

const userInfo = z.object({
  user: z.object({
    id: z.string(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    tz: z.string().optional(),
    is_restricted: z.boolean().optional(),
    is_ultra_restricted: z.boolean().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
  }),
});

export interface SlackDirectory {
  /** The platform user behind a Slack user id; rejects when Slack cannot say (the caller replies kindly). */
  lookup(userId: string): Promise<PlatformUser>;
}

export function toPlatformUser(info: z.infer<typeof userInfo>['user']): PlatformUser {
  const name = [info.profile?.display_name, info.profile?.real_name, info.real_name, info.name].find((n) => n && n.trim() !== '') ?? info.id;
  return {
    platform: 'slack',
    platformUserId: info.id,
    displayName: name.trim().slice(0, 80),
    ...(info.tz && isTimeZone(info.tz) ? { timeZone: info.tz } : {}),
    guest: info.is_restricted === true || info.is_ultra_restricted === true,
  };
}

export function createDirectory(client: webApi.WebClient, clock: Clock): SlackDirectory {
  // Promises, so that simultaneous requests from one member share a single users.info call.
  const cache = new Map<string, { user: Promise<PlatformUser>; until: number }>();
  return {
    lookup(userId) {
      const now = clock.now().getTime();
      const hit = cache.get(userId);
      if (hit && hit.until > now) return hit.user;
      const user = client.users.info({ user: userId }).then((info) => toPlatformUser(userInfo.parse(info).user));
      cache.delete(userId);
      cache.set(userId, { user, until: now + TTL_MS });
      if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      user.catch(() => cache.get(userId)?.user === user && cache.delete(userId));
      return user;
    },
  };
}
