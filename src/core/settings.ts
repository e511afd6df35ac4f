// Network settings live in the database (changed with /network settings); the environment only
// gives their first-start defaults.
import { z } from 'zod';
import type { Tx } from '../db/client.js';
import type { Platform } from './roles.js';
import { SETTINGS_CHANNEL, type SettingsCache } from './settings-cache.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const settingsSchema = z.object({
  clientTerm: z.enum(['client', 'mentee', 'service user']),
  networkTimeZone: z.string(),
  workingHours: z.object({ start: hhmm, end: hhmm }),
  membership: z.enum(['open', 'invite']),
  channels: z.record(z.string(), z.string()),
  mentorCare: z.lazy(() => mentorCareSchema),
  digest: z.lazy(() => digestThresholdsSchema),
});

export type NetworkSettings = z.infer<typeof settingsSchema>;

// Mentor records, supervision and workload: the training modules (mandatory ones block assignment
// when missing), the supervision cadence, how pay is worked out, and the weekly workload threshold.
const moduleName = z.string().regex(/^[a-z0-9_]{2,40}$/);
const mentorCareSchema = z.object({
  trainingModules: z.array(z.object({ name: moduleName, mandatory: z.boolean() })).max(30),
  supervisionCadenceWeeks: z.number().int().min(1).max(26),
  pay: z.object({
    basis: z.enum(['day', 'hour']),
    ratePence: z.number().int().min(0).max(10_000_000),
    hoursPerDay: z.number().gt(0).max(24),
  }),
  weeklySessionsThreshold: z.number().int().min(1).max(50),
});
export type MentorCareSettings = z.infer<typeof mentorCareSchema>;

/** "safeguarding*, prevent, trim": module names, a * after each mandatory one; undefined when a name is not a module name. */
export function parseTrainingModules(text: string): MentorCareSettings['trainingModules'] | undefined {
  const modules = text
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean)
    .map((t) => ({
      name: t
        .replace(/\*$/, '')
        .trim()
        .replace(/[\s-]+/g, '_'),
      mandatory: t.endsWith('*'),
    }));
  if (modules.some((m) => !moduleName.safeParse(m.name).success) || modules.length > 30) return undefined;
  return modules.filter((m, i) => modules.findIndex((o) => o.name === m.name) === i);
}

export const trainingModulesText = (modules: MentorCareSettings['trainingModules']) =>
  modules.map((m) => `${m.name}${m.mandatory ? '*' : ''}`).join(', ');

/** Pence from an amount such as 150.00. */
export const pence = (amount: string) => Math.round(Number(amount) * 100);

/** The configuration values the settings start from (the network's first start); deps.config has them. */
export interface SettingsDefaults {
  CLIENT_TERM: NetworkSettings['clientTerm'];
  NETWORK_TIMEZONE: string;
  MEMBERSHIP: NetworkSettings['membership'];
  SLACK_COORDINATORS_CHANNEL?: string;
  SLACK_LEARNING_CHANNEL?: string;
  DISCORD_COORDINATORS_CHANNEL?: string;
  DISCORD_LEARNING_CHANNEL?: string;
  MENTOR_TRAINING_MODULES: string;
  MENTOR_SUPERVISION_CADENCE_WEEKS: number;
  MENTOR_PAY_DAY_RATE: string;
  MENTOR_PAY_HOURS_PER_DAY: string;
  MENTOR_PAY_HOURLY_RATE: string;
  MENTOR_WEEKLY_SESSIONS_THRESHOLD: number;
}

function mentorCareDefaults(config: SettingsDefaults): MentorCareSettings {
  const hourly = config.MENTOR_PAY_HOURLY_RATE;
  return {
    trainingModules: parseTrainingModules(config.MENTOR_TRAINING_MODULES) ?? [],
    supervisionCadenceWeeks: config.MENTOR_SUPERVISION_CADENCE_WEEKS,
    pay: {
      basis: hourly ? 'hour' : 'day',
      ratePence: pence(hourly || config.MENTOR_PAY_DAY_RATE),
      hoursPerDay: Number(config.MENTOR_PAY_HOURS_PER_DAY),
    },
    weeklySessionsThreshold: config.MENTOR_WEEKLY_SESSIONS_THRESHOLD,
  };
}

// The digest's small-number suppression: counts under `countUnder` are not shown, the rest are
// rounded to the nearest `rounding`, and a theme is named only with `themeContributors` distinct
// contributors. The defaults are cautious; the floors are the least any network may set. Rounding
// is 5 or 10: more than twice the count threshold could round a shown count down to 0.
export const digestThresholdDefaults = { countUnder: 10, rounding: 5, themeContributors: 5 } as const;
export const digestThresholdFloors = { countUnder: 5, rounding: 5, themeContributors: 3 } as const;
export const roundingChoices = [5, 10] as const;
const digestThresholdsSchema = z.object({
  countUnder: z.number().int().min(digestThresholdFloors.countUnder).max(100),
  rounding: z.union([z.literal(5), z.literal(10)]),
  themeContributors: z.number().int().min(digestThresholdFloors.themeContributors).max(100),
});
export type DigestThresholds = z.infer<typeof digestThresholdsSchema>;

const KEY = 'network';

/** Channel key as the outbox resolves it: `coordinators.slack`, `learning.discord`. */
export const channelKey = (name: string, platform: Platform) => `${name}.${platform}`;

export function defaultSettings(config: SettingsDefaults): NetworkSettings {
  const channels: Record<string, string> = {};
  const given: [string, Platform, string | undefined][] = [
    ['coordinators', 'slack', config.SLACK_COORDINATORS_CHANNEL],
    ['learning', 'slack', config.SLACK_LEARNING_CHANNEL],
    ['coordinators', 'discord', config.DISCORD_COORDINATORS_CHANNEL],
    ['learning', 'discord', config.DISCORD_LEARNING_CHANNEL],
  ];
  for (const [name, platform, id] of given) if (id) channels[channelKey(name, platform)] = id;
  return {
    clientTerm: config.CLIENT_TERM,
    networkTimeZone: config.NETWORK_TIMEZONE,
    workingHours: { start: '09:00', end: '17:00' },
    membership: config.MEMBERSHIP,
    channels,
    mentorCare: mentorCareDefaults(config),
    digest: { ...digestThresholdDefaults },
  };
}

/** Where settings are read from: the defaults, and the app's cached copy when it has one. */
export interface SettingsSource {
  config: SettingsDefaults;
  settings?: SettingsCache;
}

async function loadSettings(tx: Tx, config: SettingsDefaults): Promise<NetworkSettings> {
  const row = await tx.setting.findUnique({ where: { key: KEY } });
  const defaults = defaultSettings(config);
  if (!row) return defaults;
  const stored = settingsSchema.partial().safeParse(row.value);
  return stored.success
    ? { ...defaults, ...stored.data, channels: { ...defaults.channels, ...stored.data.channels } }
    : defaults;
}

export function readSettings(tx: Tx, from: SettingsSource): Promise<NetworkSettings> {
  return from.settings
    ? from.settings.read('network', () => loadSettings(tx, from.config))
    : loadSettings(tx, from.config);
}

/** Writes in the caller's transaction and tells every replica (on commit) to drop its copy. */
export async function writeSettings(
  tx: Tx,
  from: SettingsSource,
  change: Partial<NetworkSettings>,
): Promise<NetworkSettings> {
  from.settings?.writing();
  const next = settingsSchema.parse({ ...(await loadSettings(tx, from.config)), ...change });
  await tx.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: next }, update: { value: next } });
  await tx.$executeRaw`SELECT pg_notify(${SETTINGS_CHANNEL}, '')`;
  return next;
}
