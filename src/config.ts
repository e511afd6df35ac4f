// The environment, parsed once. A bad value stops start-up with exit code 2 and one line naming it.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { catalogue } from '../commands/index.js';
import { parseSmtpUrl, webhookUrlProblem } from './features/escalation/out-of-chat.js';
import { isTimeZone } from './core/time-zone.js';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/London');

const port = z
  .string()
  .regex(/^\d+$/, 'must be a whole number from 0 to 65535')
  .transform(Number)
  .refine((n) => n <= 65535, 'must be a whole number from 0 to 65535');

/** A count of days or minutes (up to five digits), at least 1. */
const atLeastOne = (unit: 'day' | 'minute') =>
  z
    .string()
    .regex(/^\d{1,5}$/, `must be a whole number of ${unit}s`)
    .transform(Number)
    .refine((n) => n >= 1, `must be at least 1 ${unit}`);

const days = atLeastOne('day');
const minutes = atLeastOne('minute');

const dataKeys = z
  .string()
  .regex(
    /^([A-Za-z0-9_-]+:[A-Za-z0-9+/=_-]+)(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=_-]+)*$/,
    'must look like id:base64key,id:base64key',
  )
  .optional();

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: see httpPort (a free port for the terminal alone, 3000 otherwise). */
  PORT: port.optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection string')
    .optional(),
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection string')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATA_KEYS: dataKeys,
  SURFACES: z
    .string()
    .regex(
      /^(auto|((shell|slack|discord)(,(shell|slack|discord))*))$/,
      'must be auto or a comma list of shell, slack, discord',
    )
    .default('auto'),
  DEMO: z.enum(['on', 'off', 'auto']).default('auto'),
  NETWORK_NAME: z.string().min(1).default('Mentor Support Network'),
  NETWORK_TIMEZONE: timeZone.default('Europe/London'),
  CLIENT_TERM: z.enum(['client', 'mentee', 'service user']).default('client'),
  MEMBERSHIP: z.enum(['open', 'invite']).default('open'),
  ADMINS: z
    .string()
    .regex(
      /^$|^(slack|discord|shell):[^,\s]+(,(slack|discord|shell):[^,\s]+)*$/,
      'must look like slack:U123,discord:456',
    )
    .default(''),
  RETENTION_DEBRIEF_NOTES_DAYS: days.default(2557),
  RETENTION_SENT_MESSAGES_DAYS: days.default(30),
  RETENTION_RECEIPTS_DAYS: days.default(30),
  SUPERVISION_OFFER_TODAY_MINUTES: minutes.default(30),
  SUPERVISION_OFFER_THIS_WEEK_MINUTES: minutes.default(1440),
  SUPERVISION_OFFER_ROUTINE_MINUTES: minutes.default(4320),
  CASE_CODE_PREFIX: z
    .string()
    .regex(/^[A-Z]{1,6}$/, 'must be 1 to 6 capital letters, such as MS')
    .default('MS'),
  SESSION_DEFAULT_MINUTES: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number of minutes')
    .transform(Number)
    .refine((n) => n >= 10 && n <= 480, 'must be from 10 to 480 minutes')
    .default(60),
  SESSION_END_PROMPT_MINUTES: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number of minutes')
    .transform(Number)
    .default(15),
  SESSION_END_REMINDER_MINUTES: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number of minutes')
    .transform(Number)
    .default(30),
  SESSION_OVERDUE_MINUTES: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number of minutes')
    .transform(Number)
    .default(45),
  WELFARE_DEFAULT_DAY: z
    .enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
    .default('monday'),
  WELFARE_DEFAULT_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour clock)')
    .default('10:00'),
  WELFARE_SUPPORT_LINES: z.string().trim().min(1).max(300).default('Samaritans 116 123 (UK, free, 24 hours)'),
  WELFARE_PROFESSIONAL_SUPPORT: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .default("the network's counselling service (a coordinator has the number) or your GP"),
  // Mentor records, supervision and workload: first-start defaults of the network settings.
  MENTOR_TRAINING_MODULES: z
    .string()
    .trim()
    .max(500)
    .regex(
      /^[a-z0-9_*,\s]*$/,
      'must be module names (lower case, digits, _) separated by commas, * after a mandatory one',
    )
    .default('safeguarding, prevent, trim, motivational_interviewing'),
  MENTOR_SUPERVISION_CADENCE_WEEKS: z
    .string()
    .regex(/^\d{1,2}$/, 'must be a whole number of weeks')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 26, 'must be from 1 to 26 weeks')
    .default(4),
  MENTOR_PAY_DAY_RATE: z
    .string()
    .regex(/^\d{1,5}(\.\d{2})?$/, 'must be an amount such as 150.00')
    .default('150.00'),
  MENTOR_PAY_HOURS_PER_DAY: z
    .string()
    .regex(/^\d{1,2}(\.\d{1,2})?$/, 'must be hours such as 7.5')
    .refine((h) => Number(h) > 0 && Number(h) <= 24, 'must be more than 0 and at most 24')
    .default('7.5'),
  MENTOR_PAY_HOURLY_RATE: z
    .string()
    .regex(/^$|^\d{1,5}(\.\d{2})?$/, 'must be an amount such as 20.00, or empty for the day rate')
    .default(''),
  MENTOR_WEEKLY_SESSIONS_THRESHOLD: z
    .string()
    .regex(/^\d{1,2}$/, 'must be a whole number of sessions')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 50, 'must be from 1 to 50')
    .default(4),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: z.url({ message: 'must be a URL such as http://127.0.0.1:9000/api/' }).optional(),
  SLACK_TEAM_ID: z
    .string()
    .trim()
    .regex(/^T[A-Z0-9]{2,20}$/, 'must be a Slack workspace id such as T0123ABCD')
    .optional(),
  SLACK_COORDINATORS_CHANNEL: optionalText,
  SLACK_LEARNING_CHANNEL: optionalText,
  // The Slack command family: `/msn <command> ...` (one slash command, plus /debrief and /escalate),
  // or `separate` for one slash command each. Never a catalogue command's own name.
  SLACK_COMMAND: z
    .string()
    .trim()
    .regex(
      /^\/?[a-z0-9][a-z0-9_-]{0,30}$/,
      'must be a command name such as mentors (lowercase letters, digits, - or _, at most 31)',
    )
    .transform((name) => name.replace(/^\//, ''))
    .refine((name) => !catalogue.some((c) => c.name === name), "must not be the name of one of the bot's own commands")
    .default('msn'),
  SLACK_COMMANDS: z.enum(['family', 'separate']).default('family'),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_COORDINATORS_CHANNEL: optionalText,
  DISCORD_LEARNING_CHANNEL: optionalText,
  DISCORD_API_URL: z.url({ message: 'must be a URL such as http://127.0.0.1:9000/api' }).optional(),
  ESCALATION_P1_MINUTES: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number of minutes')
    .transform(Number)
    .refine((n) => n >= 1, 'must be at least 1')
    .default(5),
  ESCALATION_P2_MINUTES: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number of minutes')
    .transform(Number)
    .refine((n) => n >= 1, 'must be at least 1')
    .default(60),
  ESCALATION_P3_DUE_BY: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm')
    .default('17:00'),
  ESCALATION_P3_CUT_OFF: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm')
    .default('15:00'),
  ESCALATION_STALE_MINUTES: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a whole number of minutes')
    .transform(Number)
    .refine((n) => n >= 1, 'must be at least 1')
    .default(120),
  ALERT_SMTP_URL: z
    .string()
    .regex(/^$|^smtps?:\/\/[^\s]+$/, 'must look like smtps://user:password@host:465 or smtp://host:587')
    .superRefine((value, ctx) => {
      const parsed = value ? parseSmtpUrl(value) : undefined;
      if (parsed && 'problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
    })
    .optional(),
  ALERT_EMAIL_FROM: optionalText,
  ALERT_EMAIL_TO: z
    .string()
    .regex(/^$|^[^,\s@]+@[^,\s@]+(,[^,\s@]+@[^,\s@]+)*$/, 'must be a comma list of e-mail addresses')
    .optional(),
  ALERT_WEBHOOK_URL: z
    .string()
    .regex(/^$|^https?:\/\/[^\s]+$/, 'must be an https:// URL')
    .superRefine((value, ctx) => {
      const problem = value ? webhookUrlProblem(value) : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  ALERT_WEBHOOK_SECRET: optionalText.refine(
    (v) => v === undefined || /^[\x21-\x7e]{24,}$/.test(v),
    'must be at least 24 printable characters with no spaces',
  ),
  ALERT_WEBHOOK_TO: z
    .string()
    .regex(/^$|^\+?\d[\d ]{4,19}(,\+?\d[\d ]{4,19})*$/, 'must be a comma list of phone numbers such as +447700900123')
    .optional(),
  ALERT_TLS_CA_FILE: optionalText.refine((v) => v === undefined || existsSync(v), 'must name a PEM file that exists'),
  ALERT_TIMEOUT_MS: z
    .string()
    .regex(/^\d{2,6}$/, 'must be a whole number of milliseconds')
    .transform(Number)
    .refine((n) => n >= 50 && n <= 60_000, 'must be from 50 to 60000 milliseconds')
    .optional(),
  DIGEST_DAY: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']).default('monday'),
  DIGEST_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour clock)')
    .default('09:00'),
  /** How much each digest covers: drafted on DIGEST_DAY after each week, every second week, or the first DIGEST_DAY of a month. */
  DIGEST_PERIOD: z.enum(['weekly', 'fortnightly', 'monthly']).default('weekly'),
  DIGEST_DENY_PLACES: z.string().max(5000).default(''),
  DIGEST_DENY_ORGANISATIONS: z.string().max(5000).default(''),
  METRICS_TOKEN: optionalText.refine(
    (v) => v === undefined || /^[\x21-\x7e]{24,}$/.test(v),
    'must be at least 24 printable characters with no spaces',
  ),
  METRICS_PORT: port.optional(),
  // Where people reach the web layer (ack links, report and calendar pages): the https address in production.
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be the address people open, such as https://bot.example.org' })
    .refine((v) => !/[?#]/.test(v), 'must be an address without ? or #, such as https://bot.example.org')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  MAX_IN_FLIGHT: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 200, 'must be from 1 to 200')
    .default(8),
  BUSY_AFTER_MS: z
    .string()
    .regex(/^\d{2,5}$/, 'must be a whole number of milliseconds')
    .transform(Number)
    .refine((n) => n >= 100 && n <= 2_500, 'must be from 100 to 2500 milliseconds (a Slack trigger lasts 3 s)')
    .default(1_500),
  FOLLOW_UP_MONTHS: z
    .string()
    .regex(/^\d{1,2}(,\d{1,2})*$/, 'must be a comma list of months such as 3,6')
    .transform((v) => [...new Set(v.split(',').map(Number))].sort((a, b) => a - b))
    .refine((m) => m.every((n) => n >= 1 && n <= 36), 'must be months from 1 to 36')
    .default([3, 6]),
});

export type Config = z.infer<typeof configSchema>;

// `deps.config` is the whole Config; the core declares only the values it reads (core/deps.ts).
declare module './core/deps.js' {
  interface AppConfig extends Config {}
}

export class ConfigError extends Error {}

function describe(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const name = String(issue.path[0] ?? 'environment');
  const raw = env[name];
  // A URL's user:password is never repeated back.
  const shown = raw?.replace(/\/\/[^@/\s]*@/, '//…@');
  const got =
    shown === undefined ? '' : ` (got ${JSON.stringify(shown.length > 40 ? `${shown.slice(0, 40)}…` : shown)})`;
  const message = issue.code === 'invalid_value' ? `must be one of ${issue.values.join(', ')}` : issue.message;
  return `${name} ${message}${name.includes('KEY') || name.includes('TOKEN') || name.includes('SECRET') ? '' : got}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${describe(issue, env)}. See .env.example.`);
  }
  const config = parsed.data;
  if (config.MIGRATION_DATABASE_URL && !config.DATABASE_URL) {
    throw new ConfigError(
      'Configuration error: DATABASE_URL (the runtime role) is required with MIGRATION_DATABASE_URL (the owner). See .env.example.',
    );
  }
  if (config.SLACK_BOT_TOKEN && !config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
    throw new ConfigError(
      'Configuration error: SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode). See .env.example.',
    );
  }
  if (config.METRICS_PORT !== undefined && config.METRICS_PORT !== 0 && config.METRICS_PORT === httpPort(config)) {
    throw new ConfigError(
      'Configuration error: METRICS_PORT must differ from PORT (it is served on 127.0.0.1 only). See .env.example.',
    );
  }
  if (config.DISCORD_TOKEN && !config.DISCORD_APPLICATION_ID) {
    throw new ConfigError(
      'Configuration error: DISCORD_APPLICATION_ID is required with DISCORD_TOKEN. See .env.example.',
    );
  }
  if (config.ALERT_WEBHOOK_URL && !config.ALERT_WEBHOOK_SECRET) {
    throw new ConfigError(
      'Configuration error: ALERT_WEBHOOK_SECRET is required with ALERT_WEBHOOK_URL (the gateway verifies each request with it). See .env.example.',
    );
  }
  return config;
}

/**
 * The HTTP server's port: PORT when set; unset, a free one (0) when the terminal runs alone (it needs
 * no fixed address, so a busy 3000 never stops the demo), else 3000 (Slack's events URL and probes).
 */
export function httpPort(config: Config): number {
  if (config.PORT !== undefined) return config.PORT;
  return surfacesToRun(config).every((s) => s === 'shell') ? 0 : 3000;
}

/** Which surfaces run: explicit SURFACES, or every platform with credentials, else the terminal. */
export function surfacesToRun(config: Config): ('shell' | 'slack' | 'discord')[] {
  if (config.SURFACES !== 'auto') return [...new Set(config.SURFACES.split(','))] as ('shell' | 'slack' | 'discord')[];
  const chosen: ('slack' | 'discord')[] = [];
  if (config.SLACK_BOT_TOKEN) chosen.push('slack');
  if (config.DISCORD_TOKEN) chosen.push('discord');
  return chosen.length ? chosen : ['shell'];
}
