// Network settings live in the database (changed with /network settings); the environment only
// gives their first-start defaults.
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Tx } from '../db/client.js';
import type { Platform } from './roles.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const settingsSchema = z.object({
  clientTerm: z.enum(['client', 'mentee', 'service user']),
  networkTimeZone: z.string(),
  workingHours: z.object({ start: hhmm, end: hhmm }),
  membership: z.enum(['open', 'invite']),
  channels: z.record(z.string(), z.string()),
});

export type NetworkSettings = z.infer<typeof settingsSchema>;

const KEY = 'network';

/** Channel key as the outbox resolves it: `coordinators.slack`, `learning.discord`. */
export const channelKey = (name: string, platform: Platform) => `${name}.${platform}`;

export function defaultSettings(config: Config): NetworkSettings {
  const channels: Record<string, string> = {};
  const given: [string, Platform, string | undefined][] = [
    ['coordinators', 'slack', config.SLACK_COORDINATORS_CHANNEL],
    ['learning', 'slack', config.SLACK_LEARNING_CHANNEL],
    ['coordinators', 'discord', config.DISCORD_COORDINATORS_CHANNEL],
    ['learning', 'discord', config.DISCORD_LEARNING_CHANNEL],
  ];
  for (const [name, platform, id] of given) if (id) channels[channelKey(name, platform)] = id;
  return { clientTerm: config.CLIENT_TERM, networkTimeZone: config.NETWORK_TIMEZONE, workingHours: { start: '09:00', end: '17:00' }, membership: config.MEMBERSHIP, channels };
}

export async function readSettings(tx: Tx, config: Config): Promise<NetworkSettings> {
  const row = await tx.setting.findUnique({ where: { key: KEY } });
  const defaults = defaultSettings(config);
  if (!row) return defaults;
  const stored = settingsSchema.partial().safeParse(row.value);
  return stored.success ? { ...defaults, ...stored.data, channels: { ...defaults.channels, ...stored.data.channels } } : defaults;
}

export async function writeSettings(tx: Tx, config: Config, change: Partial<NetworkSettings>): Promise<NetworkSettings> {
  const next = settingsSchema.parse({ ...(await readSettings(tx, config)), ...change });
  await tx.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: next }, update: { value: next } });
  return next;
}
