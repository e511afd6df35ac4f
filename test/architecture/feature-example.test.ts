// docs/ARCHITECTURE.md's worked example, run: the fixture feature `thanks` (test/fixtures/features/thanks/)
// added to every feature of the app, in-process on the terminal surface, as a member would use it.
// The document quotes the fixture's files; this test also checks each quote equals its file.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { startApp, type App } from '../../src/app.js';
import { DemoClock } from '../../src/core/clock.js';
import { features } from '../../src/features/index.js';
import thanksCommand from '../fixtures/features/thanks/command.js';
import { thanks } from '../fixtures/features/thanks/index.js';
import { ManualClock } from '../helpers/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { testConfig } from '../helpers/deps.js';

const FIXTURE = 'test/fixtures/features/thanks';

let database: TestDatabase;
let app: App;
const input = new PassThrough();
const output = new PassThrough();
let printed = '';

/** Types the lines, then waits until what is printed after them shows every one of `until`. */
async function type(lines: string[], ...until: string[]): Promise<string> {
  const from = printed.length;
  input.write(`${lines.join('\n')}\n`);
  const seen = () => printed.slice(from);
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    if (until.every((text) => seen().includes(text))) return seen();
  }
  throw new Error(`timed out waiting for ${until.join(' and ')}; printed: ${seen().slice(-1500)}`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  // The terminal demo (its cast sam, rowan and jo, and /clock) on a Sunday morning in London.
  const start = new Date('2026-11-29T10:00:00Z');
  app = await startApp(testConfig({ PORT: '0', DATABASE_URL: database.url, SURFACES: 'shell', DEMO: 'on' }), {
    io: { input, output },
    clock: new DemoClock(new ManualClock(start), start),
    log: pino({ level: 'silent' }),
    features: [...features, thanks],
    catalogue: [...catalogue, thanksCommand],
  });
});
afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

// Each test stands alone (any order): sam is thanked by rowan below, rowan by sam and jo in the weekly one.
describe('the worked example: a thanks feature added to the app', { timeout: 60_000 }, () => {
  it('lists /thanks in /help', async () => {
    const out = await type(['/as sam', '/help'], '/thanks');
    expect(out).toContain('/thanks  Thank a member for their help (they are told by direct message)');
  });

  it('/thanks sam answers rowan privately and owes sam a direct message, delivered by the outbox', async () => {
    const out = await type(['/as rowan', '/thanks sam'], 'Thank you sent to sam.', 'rowan thanked you');
    expect(out).toContain('✓ Thank you sent to sam.');
    expect(out).toContain('── direct message to sam ──\n✓ rowan thanked you for your help.');
    // It went through the outbox: a row for sam's terminal, settled as sent once shown.
    const sam = await memberId('sam');
    await expect
      .poll(() =>
        app.deps.db.outboxMessage.count({ where: { recipientMemberId: sam, platform: 'shell', status: 'sent' } }),
      )
      .toBeGreaterThan(0);
    // Recorded in the same transaction: who thanked whom, on which surface, and no free text.
    const events = await app.deps.db.event.findMany({
      where: { kind: 'thanks.given', subjectId: sam, actorId: await memberId('rowan') },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subjectKind: 'member', surface: 'shell', data: {} });
  });

  it('refuses thanking yourself, saves nothing and audits the refusal', async () => {
    const before = await app.deps.db.event.count({ where: { kind: 'thanks.given' } });
    const out = await type(['/as sam', '/thanks sam'], 'thank yourself');
    expect(out).toContain('! You cannot thank yourself, though it is good to notice what went well.');
    expect(await app.deps.db.event.count({ where: { kind: 'thanks.given' } })).toBe(before);
    const refused = await app.deps.db.event.findMany({
      where: { kind: 'access.refused', actorId: await memberId('sam') },
    });
    expect(refused.map((e) => e.data)).toContainEqual({ what: '/thanks', reason: 'refused' });
  });

  it('answers a member it cannot find without recording anything', async () => {
    const before = await app.deps.db.event.count({ where: { kind: 'thanks.given' } });
    const out = await type(['/as jo', '/thanks nobody-here'], 'could not find');
    expect(out).toContain('I could not find an active member "nobody-here"');
    expect(await app.deps.db.event.count({ where: { kind: 'thanks.given' } })).toBe(before);
  });

  it('on Monday at 09:00 the weekly job tells rowan how often they were thanked that week', async () => {
    await type(['/as sam', '/thanks rowan'], 'sam thanked you');
    await type(['/as jo', '/thanks rowan'], 'jo thanked you');
    const out = await type(['/clock next monday 09:00'], 'in the demo.');
    expect(out).toMatch(
      /── Mon 30 Nov 2026, 09:00 \(Europe\/London\) ──\n[\s\S]*── direct message to rowan ──\nYou were thanked 2 times this past week\. Thank you for all you do\./,
    );
    // jo was thanked by nobody, so hears nothing from it.
    expect(out).not.toMatch(/direct message to jo ──\nYou were thanked/);
  });
});

describe('docs/ARCHITECTURE.md', () => {
  const doc = readFileSync('docs/ARCHITECTURE.md', 'utf8');
  const quotes = new Map(
    [...doc.matchAll(/^```ts title="([^"]+)"\n([\s\S]*?)^```$/gm)].map((m) => [m[1]!, m[2]!] as const),
  );

  it('quotes every file of the fixture feature', () => {
    const files = readdirSync(FIXTURE).map((name) => `${FIXTURE}/${name}`);
    expect([...quotes.keys()].filter((path) => path.startsWith(FIXTURE)).sort()).toEqual(files.sort());
  });

  it('quotes each file exactly as it is', () => {
    for (const [path, quoted] of quotes) expect(quoted, path).toBe(readFileSync(path, 'utf8'));
  });

  it('explains every rule of .dependency-cruiser.cjs by its name', () => {
    const { forbidden } = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as {
      forbidden: { name: string }[];
    };
    expect(forbidden.length).toBeGreaterThan(0);
    for (const { name } of forbidden) expect(doc, name).toContain(`| \`${name}\` |`);
  });
});

async function memberId(handle: string): Promise<string> {
  const identity = await app.deps.db.memberIdentity.findUniqueOrThrow({
    where: { platform_platformUserId: { platform: 'shell', platformUserId: handle } },
  });
  return identity.memberId;
}
