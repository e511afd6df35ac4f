// The network settings cached per app: a change made on one replica reaches the other's copy (NOTIFY
// on commit), and an app that is not listening reads the database every time.
import { describe, expect, it, vi } from 'vitest';
import { readSettings, writeSettings } from '../../src/core/settings.js';
import { SettingsCache } from '../../src/core/settings-cache.js';
import type { TestApp } from '../helpers/app.js';
import { createTestContext } from '../helpers/deps.js';
import { useReplicas } from '../helpers/replicas.js';

/** Changes the stored time zone behind every app's back: no notification is sent. */
async function changeQuietly(app: { deps: TestApp['deps'] }, zone: string) {
  await app.deps.db
    .$executeRaw`UPDATE "Setting" SET value = jsonb_set(value::jsonb, '{networkTimeZone}', to_jsonb(${zone}::text)) WHERE key = 'network'`;
}

const zoneOf = async (app: { deps: TestApp['deps'] }) => (await readSettings(app.deps.db, app.deps)).networkTimeZone;

describe('network settings across replicas', () => {
  const replicas = useReplicas();

  it('a time zone changed on one replica is what the other uses next', async () => {
    const { a, b } = replicas;
    const heard = a.deps.settings.heard;
    await b.deps.db.$transaction((tx) => writeSettings(tx, b.deps, { networkTimeZone: 'Europe/London' }));
    await vi.waitFor(() => expect(a.deps.settings.heard).toBeGreaterThan(heard));
    expect(await zoneOf(a)).toBe('Europe/London');
    // The copy is really used: a change nobody announced is not seen.
    await changeQuietly(a, 'Asia/Tokyo');
    expect(await zoneOf(a)).toBe('Europe/London');
    await b.deps.db.$transaction((tx) => writeSettings(tx, b.deps, { networkTimeZone: 'Europe/Dublin' }));
    await vi.waitFor(async () => expect(await zoneOf(a)).toBe('Europe/Dublin'));
    expect(await zoneOf(b)).toBe('Europe/Dublin');
  });

  it('a change that is rolled back leaves every replica on the stored value', async () => {
    const { a, b } = replicas;
    await a.deps.db.$transaction((tx) => writeSettings(tx, a.deps, { networkTimeZone: 'Europe/Paris' }));
    await vi.waitFor(async () => expect(await zoneOf(b)).toBe('Europe/Paris'));
    await expect(
      a.deps.db.$transaction(async (tx) => {
        await writeSettings(tx, a.deps, { networkTimeZone: 'America/New_York' });
        expect((await readSettings(tx, a.deps)).networkTimeZone).toBe('America/New_York');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await zoneOf(a)).toBe('Europe/Paris');
    expect(await zoneOf(b)).toBe('Europe/Paris');
  });
});

describe('network settings in an app that is not listening', () => {
  it('every read goes to the database', async () => {
    const t = await createTestContext();
    try {
      await t.deps.db.$transaction((tx) => writeSettings(tx, t.deps, { networkTimeZone: 'Europe/London' }));
      expect(await zoneOf(t)).toBe('Europe/London');
      await changeQuietly(t, 'Asia/Tokyo');
      expect(await zoneOf(t)).toBe('Asia/Tokyo');
    } finally {
      await t.close();
    }
  });
});

describe('SettingsCache', () => {
  const settings = (zone: string) => ({ networkTimeZone: zone }) as never;

  it('does not keep a value read while a change was heard', async () => {
    const cache = new SettingsCache();
    cache.follow(() => true);
    let release!: () => void;
    const slow = cache.read(
      'network',
      () =>
        new Promise<never>((resolve) => {
          release = () => resolve(settings('old'));
        }),
    );
    cache.changed();
    release();
    await slow;
    let loads = 0;
    const load = async () => {
      loads += 1;
      return settings('new');
    };
    await cache.read('network', load);
    await cache.read('network', load);
    expect(loads).toBe(1);
  });
});
