// npm run doctor, and the same checks in the background after start-up: everything a setup needs,
// checked with the configured credentials, one line each saying what to fix.
import type { Config } from '../config.js';
import type { CommandDecl } from '../core/catalogue.js';
import { defaultSettings, readSettings } from '../core/settings.js';
import type { Db } from '../db/client.js';
import { checkDiscord } from './discord.js';
import { checkDatabase, checkKeys, checkSmtp, checkWebhook } from './infrastructure.js';
import type { CheckResult } from './result.js';
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
async function channelsFor(config: Config, db: Db | undefined, platform: 'slack' | 'discord'): Promise<Record<string, string | undefined>> {
  const settings = db ? await readSettings(db, config).catch(() => defaultSettings(config)) : defaultSettings(config);
  return { coordinators: settings.channels[`coordinators.${platform}`], learning: settings.channels[`learning.${platform}`] };
}

export async function runSetupChecks(config: Config, options: DoctorOptions): Promise<CheckResult[]> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const [slack, discord, database, smtp, webhook] = await Promise.all([
    channelsFor(config, options.db, 'slack').then((channels) => checkSlack(config, { channels, timeoutMs })),
    channelsFor(config, options.db, 'discord').then((channels) => checkDiscord(config, { channels, catalogue: options.catalogue, timeoutMs })),
    checkDatabase(config, timeoutMs),
    checkSmtp(config, timeoutMs),
    checkWebhook(config, timeoutMs),
  ]);
  const results = [...slack, ...discord, ...database, checkKeys(config), smtp, webhook];
  if (options.sendTestTo) results.push(await sendTest(config, options.sendTestTo, timeoutMs));
  return results;
}

export { allPassed, formatResult, type CheckResult } from './result.js';
