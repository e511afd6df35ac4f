// The terminal demo, in-process on the shell surface: jo records that sam's vetting expired
// yesterday with /mentor check add sam, and /case assign MS-0001 sam is then refused with the reason.
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../src/app.js';
import { ManualClock } from '../../helpers/clock.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { testConfig } from '../../helpers/deps.js';

let database: TestDatabase;
let app: App;
const input = new PassThrough();
const output = new PassThrough();
let printed = '';

async function type(lines: string[], until: string): Promise<string> {
  const from = printed.length;
  input.write(`${lines.join('\n')}\n`);
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    if (printed.slice(from).includes(until)) return printed.slice(from);
  }
  throw new Error(`timed out waiting for ${until}; printed: ${printed.slice(from).slice(-1500)}`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  app = await startApp(testConfig({ PORT: '0', DATABASE_URL: database.url, SURFACES: 'shell', DEMO: 'on' }), {
    io: { input, output },
    clock: new ManualClock('2026-11-29T10:00:00Z'),
    log: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe('terminal demo', { timeout: 60_000 }, () => {
  it('refuses to assign sam once a coordinator records that sam’s vetting expired yesterday', async () => {
    await type(['/as jo', '/case open', '1', '2', '', '', ''], 'MS-0001');
    const recorded = await type(['/mentor check add sam', '3', '', '', '2023-11-28', 'yesterday'], 'has lapsed');
    expect(recorded).toContain('DBS enhanced for sam is recorded, and it has lapsed');
    const refused = await type(['/case assign MS-0001 sam'], 'cannot be assigned');
    expect(refused).toContain('sam cannot be assigned to MS-0001: DBS enhanced expired on 2026-11-28');
  });
});
