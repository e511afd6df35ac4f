// npm run doctor, and the same checks in the background after start-up: everything a setup needs,
// checked with the configured credentials, one line each saying what to fix.
import type { Config } from '../config.js';
import type { CommandDecl } from '../core/catalogue.js';
import { defaultSettings, readSettings } from '../core/settings.js';
import type { Db } from '../db/client.js';
import { checkDatabase, checkKeys, checkSmtp, checkWebhook } from './infrastructure.js';
import { skipped, type CheckResult } from './result.js';
import { sendTest } from './send-test.js';
import { checkSlack } from './slack.js';

export interface DoctorOptions {
  catalogue: readonly CommandDecl[];
  /** Where the network's settings (the channel ids) are read; without it, from the environment. */
  db?: Db;
  /** Each request's deadline (default 5 s). */
  timeoutMs?: number;
  /** An e-mail address or phone number of the person running it, for one test alert each way. */
  sendTestTo?: string;
}

/** Channel ids by name for a platform, from /network settings (the environment only seeds them). */
async function channelsFor(
  config: Config,
  db: Db | undefined,
  platform: 'slack' | 'discord',
): Promise<Record<string, string | undefined>> {
  const settings = db
    ? await readSettings(db, { config }).catch(() => defaultSettings(config))
    : defaultSettings(config);
  return {
    coordinators: settings.channels[`coordinators.${platform}`],
    learning: settings.channels[`learning.${platform}`],
  };
}

export async function runSetupChecks(config: Config, options: DoctorOptions): Promise<CheckResult[]> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const [slack, discord, database, smtp, webhook] = await Promise.all([
    channelsFor(config, options.db, 'slack').then((channels) => checkSlack(config, { channels, timeoutMs })),
    // discord.js is loaded only where Discord is configured: a Slack-only bot never carries it.
    // discord.js is loaded only where Discord is configured: a Slack-only bot never carries it.
    config.DISCORD_TOKEN
      ? channelsFor(config, options.db, 'discord').then(async (channels) =>
          (await import('./discord.js')).checkDiscord(config, { channels, catalogue: options.catalogue, timeoutMs }),
        )
      : [skipped('discord', 'Discord: not configured (DISCORD_TOKEN unset), not checked.')],
    checkDatabase(config, timeoutMs),
    checkSmtp(config, timeoutMs),
    checkWebhook(config, timeoutMs),
  ]);
  const results = [...slack, ...discord, ...database, checkKeys(config), smtp, webhook];
  if (options.sendTestTo) results.push(await sendTest(config, options.sendTestTo, timeoutMs));
  return results;
}

export { allPassed, formatResult, type CheckResult } from './result.js';
