// One app's copy of the network settings (core/heard-cache.ts): each write sends NOTIFY on
// SETTINGS_CHANNEL in its transaction, and hearing it drops the copy on every replica.
import { HeardCache } from './heard-cache.js';
import type { NetworkSettings } from './settings.js';

export const SETTINGS_CHANNEL = 'msb_settings';

export class SettingsCache extends HeardCache<NetworkSettings> {}
