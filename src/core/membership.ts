// Open membership lets anyone who can reach the bot become a mentor, and a mentor can page a P1.
// That is fine at the terminal and risky wherever a workspace or server is shared with others.
import { surfacesToRun, type Config } from '../config.js';
import type { Tx } from '../db/client.js';
import { readSettings } from './settings.js';

/** The chat platforms running where strangers could be (Slack, Discord), while membership is open. */
export async function openToStrangers(tx: Tx, config: Config): Promise<('slack' | 'discord')[]> {
  const shared = surfacesToRun(config).filter((s): s is 'slack' | 'discord' => s !== 'shell');
  if (!shared.length) return [];
  return (await readSettings(tx, config)).membership === 'open' ? shared : [];
}
