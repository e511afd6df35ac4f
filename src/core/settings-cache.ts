// One app's copy of the network settings. It is used only while the app hears every change: each
// write sends NOTIFY on SETTINGS_CHANNEL in its transaction (delivered to every replica on commit),
// and hearing it drops the copy. Not listening (no connection, a test context), every read goes to
// the database, so no replica acts on a setting another has changed.
import { performance } from 'node:perf_hooks';
import type { NetworkSettings } from './settings.js';

export const SETTINGS_CHANNEL = 'msb_settings';

/** A copy is also dropped after this long, in case a notification was lost with its connection. */
const MAX_AGE_MS = 60_000;

export class SettingsCache {
  private value: { settings: NetworkSettings; at: number } | undefined;
  /** Bumped by every change heard or made, so a read that began before it does not store an old copy. */
  private generation = 0;
  /** Set by this app's own write until its notification arrives (a rolled-back write sends none). */
  private writtenAt: number | undefined;
  private hearing: () => boolean = () => false;
  /** Changes heard so far (what a test waits for). */
  heard = 0;

  /** Called by the app once its listening connection exists. */
  follow(connected: () => boolean): void {
    this.hearing = connected;
  }

  /** A change was heard (or the connection came back and changes may have been missed). */
  changed(): void {
    this.heard += 1;
    this.generation += 1;
    this.value = undefined;
    this.writtenAt = undefined;
  }

  /** This app is writing the settings in a transaction not yet committed. */
  writing(): void {
    this.generation += 1;
    this.value = undefined;
    this.writtenAt = performance.now();
  }

  async read(load: () => Promise<NetworkSettings>): Promise<NetworkSettings> {
    const now = performance.now();
    const usable = this.hearing() && (this.writtenAt === undefined || now - this.writtenAt > MAX_AGE_MS);
    if (usable && this.value && now - this.value.at < MAX_AGE_MS) return this.value.settings;
    const started = this.generation;
    const settings = await load();
    if (usable && this.generation === started) this.value = { settings, at: now };
    return settings;
  }
}
