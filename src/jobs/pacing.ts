// Per-channel pacing, so the dispatcher stays under the platforms' per-channel limits instead of
// meeting them as 429s: a token bucket per target (a channel or a member's direct messages), in
// this process. Replicas pace independently; a 429's Retry-After blocks the target here as well.
import type { Platform } from '../core/roles.js';

export interface Pace {
  /** Messages allowed at once. */
  burst: number;
  /** One more allowed after each interval. */
  everyMs: number;
}

// Slack: about one message per second per channel, short bursts tolerated. Discord: five per five
// seconds per channel. The terminal has no limit.
export const defaultPacing: Partial<Record<Platform, Pace>> = {
  slack: { burst: 3, everyMs: 1_000 },
  discord: { burst: 5, everyMs: 1_000 },
};

export interface Pacer {
  /** When the target may next be sent to (now, or later). */
  readyAt(platform: Platform, target: string, now: number): number;
  take(platform: Platform, target: string, now: number): void;
  block(platform: Platform, target: string, now: number, forMs: number): void;
}

export function createPacer(pacing: Partial<Record<Platform, Pace>> = defaultPacing): Pacer {
  const buckets = new Map<string, { tokens: number; at: number; blockedUntil: number }>();
  const bucket = (platform: Platform, target: string, now: number) => {
    const pace = pacing[platform];
    const key = `${platform}:${target}`;
    const found = buckets.get(key) ?? { tokens: pace?.burst ?? 1, at: now, blockedUntil: 0 };
    if (pace && now > found.at) {
      found.tokens = Math.min(pace.burst, found.tokens + (now - found.at) / pace.everyMs);
      found.at = now;
    }
    buckets.set(key, found);
    return { pace, found };
  };
  return {
    readyAt(platform, target, now) {
      const { pace, found } = bucket(platform, target, now);
      const refill = pace && found.tokens < 1 ? now + Math.ceil((1 - found.tokens) * pace.everyMs) : now;
      return Math.max(refill, found.blockedUntil);
    },
    take(platform, target, now) {
      const { pace, found } = bucket(platform, target, now);
      if (pace) found.tokens -= 1;
    },
    block(platform, target, now, forMs) {
      const { found } = bucket(platform, target, now);
      found.blockedUntil = Math.max(found.blockedUntil, now + forMs);
    },
  };
}
