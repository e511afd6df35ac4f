// Bounded admission and the single retry: under more load than it can answer in time, a member is
// told plainly the bot is busy (and nothing was started), never "something went wrong"; a
// transaction that could not start is tried once more while the trigger still has time.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandDecl } from '../../src/core/catalogue.js';
import type { Deps } from '../../src/core/deps.js';
import { createAdmission } from '../../src/core/admission.js';
import { BUSY, Router } from '../../src/core/router.js';
import { SettingsCache } from '../../src/core/settings-cache.js';
import { IdentityCache } from '../../src/core/identity-cache.js';
import { Cipher } from '../../src/db/cipher.js';
import { createDb, type Db } from '../../src/db/client.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { ReleasingPrismaPg } from '../../src/db/pg-adapter.js';
import { Vault } from '../../src/db/vault.js';
import { createJobRegistry } from '../../src/jobs/registry.js';
import { createOutboxWriter } from '../../src/jobs/outbox-writer.js';
import { ManualClock } from '../helpers/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { TEST_KEY, testConfig } from '../helpers/deps.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('admission', () => {
  it('admits up to the limit, queues the next while there is time, and turns away the rest', async () => {
    const admission = createAdmission({ limit: 1, maxWaitMs: 60, maxQueue: 1 });
    const first = await admission.enter(false);
    expect(first).toBeDefined();
    const queued = admission.enter(false);
    expect(await admission.enter(false)).toBeUndefined(); // the line is full
    first!();
    const second = await queued;
    expect(second).toBeDefined();
    expect(await admission.enter(false)).toBeUndefined(); // waited 60 ms, still nobody left
    const urgent = await admission.enter(true);
    expect(urgent).toBeDefined();
    expect(admission.inFlight()).toBe(2);
    second!();
    second!(); // releasing twice frees one place only
    urgent!();
    expect(admission.inFlight()).toBe(0);
  });
});

const catalogue: CommandDecl[] = [
  { name: 'note', description: 'Writes one row', audience: ['everyone'], handler: 'note.write', options: [] },
  { name: 'look', description: 'Opens a form', audience: ['everyone'], handler: 'note.open', options: [] },
];
const user = (id: string) => ({ platform: 'slack' as const, platformUserId: id, displayName: `Member ${id}` });

describe('a router under load', () => {
  let database: TestDatabase;
  let db: Db;
  let router: Router;
  let gate: Promise<void> = Promise.resolve();
  let written = 0;

  function routerWith(client: Db, config: Record<string, string>, logLine?: (line: string) => void): Router {
    const vault = new Vault(new Cipher([{ id: 'test', key: TEST_KEY }]));
    const clock = new ManualClock();
    const deps: Deps = {
      config: testConfig({ DATABASE_URL: database.url, ...config }),
      db: client,
      cipher: new Cipher([{ id: 'test', key: TEST_KEY }]),
      vault,
      clock,
      log: logLine ? pino({ level: 'info' }, { write: logLine }) : pino({ level: 'silent' }),
      outbox: createOutboxWriter({ vault, clock }, () => []),
      jobs: createJobRegistry(),
      settings: new SettingsCache(),
      identities: new IdentityCache(),
    };
    const r = new Router(deps, catalogue);
    r.command('note.write', async ({ tx, actor, now }) => {
      await gate;
      await tx.event.create({ data: { subjectKind: 'member', subjectId: actor.memberId, kind: 'test.note', at: now } });
      written++;
      return { replies: [{ to: 'actor', message: { text: 'Noted.' } }] };
    });
    r.opens('note.open', { form: { id: 'note', title: 'Note', precondition: 'anyMember', fields: {} } });
    r.verify();
    return r;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
    router = routerWith(db, { MAX_IN_FLIGHT: '1', BUSY_AFTER_MS: '150' });
    await router.dispatch({ kind: 'command', id: 'join', user: user('U-ONE'), command: 'look', options: {} });
    await router.dispatch({ kind: 'command', id: 'join2', user: user('U-TWO'), command: 'look', options: {} });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('tells a member the bot is busy when the interactions in hand cannot finish in time, and starts nothing', async () => {
    const before = written;
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const first = router.dispatch({ kind: 'command', id: 'busy-1', user: user('U-ONE'), command: 'note', options: {} });
    await sleep(50);
    const second = await router.dispatch({
      kind: 'command',
      id: 'busy-2',
      user: user('U-TWO'),
      command: 'note',
      options: {},
    });
    expect(second.messages).toEqual([BUSY]);
    // A form that only opens needs no place in line.
    expect(
      (await router.dispatch({ kind: 'command', id: 'busy-3', user: user('U-TWO'), command: 'look', options: {} })).form
        ?.form.id,
    ).toBe('note');
    open();
    expect((await first).messages[0]?.text).toBe('Noted.');
    expect(written).toBe(before + 1);
    expect(await db.inboundReceipt.count({ where: { key: 'command:busy-2' } })).toBe(0);
    // The member's try again goes through.
    expect(
      (await router.dispatch({ kind: 'command', id: 'busy-2b', user: user('U-TWO'), command: 'note', options: {} }))
        .messages[0]?.text,
    ).toBe('Noted.');
  });

  it('tries once more when no connection was free in time, and answers busy (nothing saved) when no time is left', async () => {
    gate = Promise.resolve();
    // One connection, and a short wait for it: while a transaction holds it, nothing else can start.
    const narrow = new PrismaClient({
      adapter: new ReleasingPrismaPg({ connectionString: database.url, max: 1, connectionTimeoutMillis: 300 }),
    });
    let letGo = () => {};
    const slow = routerWith(narrow, { MAX_IN_FLIGHT: '4', BUSY_AFTER_MS: '2500' }, (line) => {
      if (line.includes('interaction retried')) letGo();
    });
    const tight = routerWith(narrow, { MAX_IN_FLIGHT: '4', BUSY_AFTER_MS: '200' });
    const holdUntilLetGo = () => {
      const released = new Promise<void>((resolve) => (letGo = resolve));
      return narrow.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT 1`;
          await released;
        },
        { timeout: 10_000, maxWait: 5_000 },
      );
    };
    try {
      const before = written;
      // The first try finds no connection; the hold ends as the retry begins, and the retry goes through.
      const held = holdUntilLetGo();
      await sleep(50);
      expect(
        (await slow.dispatch({ kind: 'command', id: 'retry-1', user: user('U-ONE'), command: 'note', options: {} }))
          .messages[0]?.text,
      ).toBe('Noted.');
      await held;
      expect(written).toBe(before + 1);

      // With no time left for a second try, the member is told the bot is busy, and nothing was saved.
      const again = holdUntilLetGo();
      await sleep(50);
      expect(
        (await tight.dispatch({ kind: 'command', id: 'retry-2', user: user('U-ONE'), command: 'note', options: {} }))
          .messages,
      ).toEqual([BUSY]);
      letGo();
      await again;
      expect(written).toBe(before + 1);
      expect(await db.inboundReceipt.count({ where: { key: 'command:retry-2' } })).toBe(0);
    } finally {
      await narrow.$disconnect();
    }
  });
});
