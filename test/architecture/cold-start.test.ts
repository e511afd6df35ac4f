// A cold start: apps built in one process share nothing. Each gets its own router and its own job
// registry, made from its own list of features (nothing is registered at import), and an app built
// after another stopped starts clean: no "registered twice", no state carried over.
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type AppOptions } from '../../src/app.js';
import type { Outcome } from '../../src/core/router.js';
import thanksCommand from '../fixtures/features/thanks/command.js';
import { thanks } from '../fixtures/features/thanks/index.js';
import { ManualClock } from '../helpers/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { testConfig } from '../helpers/deps.js';

/** An app on the terminal surface (fed nothing) with these features; by default all of them. */
const start = (database: TestDatabase, options: Pick<AppOptions, 'features' | 'catalogue'> = {}): Promise<App> =>
  startApp(testConfig({ PORT: '0', DATABASE_URL: database.url, SURFACES: 'shell' }), {
    io: { input: new PassThrough(), output: new PassThrough() },
    clock: new ManualClock(),
    log: pino({ level: 'silent' }),
    ...options,
  });

/** A member typing a command on the terminal, answered by this app's router. */
const command = (app: App, name: string, options: Record<string, string> = {}): Promise<Outcome> =>
  app.router.dispatch({
    kind: 'command',
    id: randomUUID(),
    user: { platform: 'shell', platformUserId: 'pat', displayName: 'pat' },
    command: name,
    options,
  });

/** Each message as one text: its title, text and fields' labels (where /help lists the commands). */
const texts = (outcome: Outcome) =>
  outcome.messages.map((m) => [m.title, m.text, ...(m.fields ?? []).map((f) => f.label)].filter(Boolean).join('\n'));

/** The standing series waiting in an app's database, by kind. */
const waitingSeries = async (app: App) =>
  (
    await app.deps.db.job.findMany({
      where: { series: { not: null }, status: 'pending' },
      select: { kind: true },
    })
  )
    .map((j) => j.kind)
    .sort();

let databases: TestDatabase[] = [];
/** Every feature of the app, on its own database. */
let whole: App;
/** Only the fixture feature `thanks`, with its command alone in the catalogue, on another database. */
let alone: App;

beforeAll(async () => {
  databases = await Promise.all([createTestDatabase(), createTestDatabase(), createTestDatabase()]);
  [whole, alone] = await Promise.all([
    start(databases[0]!),
    start(databases[1]!, { features: [thanks], catalogue: [thanksCommand] }),
  ]);
});
afterAll(async () => {
  await Promise.all([whole?.stop(), alone?.stop()]);
  await Promise.all(databases.map((d) => d.drop()));
});

describe('two apps in one process', { timeout: 60_000 }, () => {
  it('each job registry holds only its own features’ kinds and standing series', () => {
    expect(alone.deps.jobs).not.toBe(whole.deps.jobs);
    expect(alone.deps.jobs.kinds()).toEqual(['thanks.weekly']);
    expect(alone.deps.jobs.series().map((s) => s.kind)).toEqual(['thanks.weekly']);
    expect(whole.deps.jobs.kinds()).toContain('digest.weekly');
    expect(whole.deps.jobs.kinds()).not.toContain('thanks.weekly');
    expect(whole.deps.jobs.series().map((s) => s.kind)).not.toContain('thanks.weekly');
  });

  it('each started only its own standing series in its own database', async () => {
    expect(await waitingSeries(alone)).toEqual(['thanks.weekly']);
    const wholeSeries = await waitingSeries(whole);
    expect(wholeSeries).toEqual(
      whole.deps.jobs
        .series()
        .map((s) => s.kind)
        .sort(),
    );
    expect(wholeSeries).not.toContain('thanks.weekly');
  });

  it('each router serves only its own commands', async () => {
    expect(alone.router).not.toBe(whole.router);
    expect(alone.router.catalogue.map((c) => c.name)).toEqual(['thanks']);
    expect(texts(await command(alone, 'help'))).toEqual([
      "I don't know the command /help. Type /help to see what you can use.",
    ]);
    expect(texts(await command(whole, 'thanks', { member: 'pat' }))).toEqual([
      "I don't know the command /thanks. Type /help to see what you can use.",
    ]);
    // Each answers its own: the whole app's /help, the lone app's /thanks (here, for a member it cannot find).
    expect(texts(await command(whole, 'help')).join('\n')).toContain('/case');
    expect(texts(await command(alone, 'thanks', { member: 'nobody-here' })).join('\n')).toContain(
      'I could not find an active member "nobody-here"',
    );
  });
});

describe('a fresh app after another stopped', { timeout: 60_000 }, () => {
  it('starts clean with every feature: nothing registered twice, a new router and registry, one of each series', async () => {
    const database = databases[2]!;
    const first = await start(database);
    const kinds = first.deps.jobs.kinds();
    await first.stop();
    const second = await start(database);
    try {
      expect(second.deps.jobs).not.toBe(first.deps.jobs);
      expect(second.router).not.toBe(first.router);
      expect(second.deps.jobs.kinds()).toEqual(kinds);
      expect(second.router.actionIds()).toEqual(first.router.actionIds());
      // Started again, each standing series still has one occurrence waiting, not two.
      expect(await waitingSeries(second)).toEqual(
        second.deps.jobs
          .series()
          .map((s) => s.kind)
          .sort(),
      );
      expect(texts(await command(second, 'help')).join('\n')).toContain('/case');
    } finally {
      await second.stop();
    }
  });
});
