// Open membership lets anyone who can reach the bot become a mentor, and a mentor can page a P1.
// That is fine at the terminal and risky wherever a workspace or server is shared with others.
import type { Tx } from '../db/client.js';
import type { Platform } from './roles.js';
import { readSettings, type SettingsDefaults } from './settings.js';

/**
 * Of the surfaces this app runs, the chat platforms where strangers could be (Slack, Discord), while
 * membership is open; none while it is by invitation.
 */
export async function openToStrangers(
  tx: Tx,
  config: SettingsDefaults,
  surfaces: readonly Platform[],
): Promise<('slack' | 'discord')[]> {
  const shared = surfaces.filter((s): s is 'slack' | 'discord' => s !== 'shell');
  if (!shared.length) return [];
  return (await readSettings(tx, { config })).membership === 'open' ? shared : [];
}
