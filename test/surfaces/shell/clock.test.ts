// The terminal demo's /clock, in-process on the shell surface's own input and output: time moves
// forward only, and what falls due on the way happens in order, as a newcomer would watch it.
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../src/app.js';
import { DemoClock, type Clock } from '../../../src/core/clock.js';
import { ManualClock } from '../../helpers/clock.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { testConfig } from '../../helpers/deps.js';
import { demoConfig } from '../../../src/surfaces/shell/demo.js';

interface Terminal {
  app: App;
  clock: Clock;
  /** Types the lines, then waits until the output (after what was printed before) shows `until`. */
  type(lines: string[], until: string | RegExp): Promise<string>;
  close(): Promise<void>;
}

async function startTerminal(database: TestDatabase, env: Record<string, string>, clock: Clock): Promise<Terminal> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const config = testConfig({ PORT: '0', DATABASE_URL: database.url, SURFACES: 'shell', ...env });
  const app = await startApp(env.DEMO === 'on' ? demoConfig(config, env) : config, {
    io: { input, output },
    clock,
    log: pino({ level: 'silent' }),
  });
  return {
    app,
    clock,
    async type(lines, until) {
      const from = printed.length;
      input.write(`${lines.join('\n')}\n`);
      const seen = () => printed.slice(from);
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
        if (typeof until === 'string' ? seen().includes(until) : until.test(seen())) return seen();
      }
      throw new Error(`timed out waiting for ${String(until)}; printed: ${seen().slice(-1500)}`);
    },
    close: () => app.stop(),
  };
}

describe('/clock in the terminal demo', { timeout: 60_000 }, () => {
  // Each test gets its own demo (database and clock), so none depends on where another left the time.
  let database: TestDatabase;
  let demo: Terminal;
  beforeEach(async () => {
    database = await createTestDatabase();
    // A Sunday morning in London, standing still unless /clock moves it.
    demo = await startTerminal(
      database,
      { DEMO: 'on' },
      new DemoClock(new ManualClock('2026-11-29T10:00:00Z'), new Date('2026-11-29T10:00:00Z')),
    );
    await demo.type(['/as jo', '/case open', '1', '2', '', '', '', '/case assign MS-0001 sam'], /assigned|MS-0001/);
  });
  afterEach(async () => {
    await demo?.close();
    await database?.drop();
  });

  it('shows the demo time', async () => {
    const out = await demo.type(['/clock'], 'Demo time:');
    expect(out).toContain('Demo time: Sun 29 Nov 2026, 10:00 (Europe/London)');
  });

  it('as jo: next monday 09:00 drafts the weekly digest', async () => {
    const out = await demo.type(['/as jo', '/clock next monday 09:00'], 'in the demo.');
    expect(out).toMatch(
      /── Mon 30 Nov 2026, 09:00 \(Europe\/London\) ──\n── direct message to jo ──\nDigest draft for 2026-W48/,
    );
    expect(out).toContain('It is now Mon 30 Nov 2026, 09:00 (Europe/London) in the demo.');
  });

  it('as sam: /session start then /clock +50m shows the check-out prompt, the reminder, then the overdue escalation to the coordinators and its re-pages', async () => {
    // Monday 09:00, as after the weekly digest test.
    await demo.type(['/as jo', '/clock next monday 09:00'], 'in the demo.');
    // The demo's sessions last 20 minutes; prompt, reminder and overdue P1 follow 5, 10 and 15 minutes after.
    await demo.type(['/as sam', '/session start MS-0001'], 'Expected end 09:20');
    const out = await demo.type(['/clock +50m'], 'in the demo.');
    const at = (text: string) => out.indexOf(text);
    expect(
      at('── Mon 30 Nov 2026, 09:25 (Europe/London) ──\n── direct message to sam ──\nAre you safe? Session on MS-0001'),
    ).toBeGreaterThan(0);
    expect(at('Reminder: please check out of MS-0001')).toBeGreaterThan(at('Are you safe?'));
    expect(out).toMatch(
      /── Mon 30 Nov 2026, 09:35 \(Europe\/London\) ──\n[\s\S]*── direct message to jo ──\n!! P1 escalation #1: please acknowledge\nNobody has acknowledged this yet/,
    );
    expect(at('P1 escalation #1: please acknowledge')).toBeGreaterThan(at('Reminder: please check out'));
    // The P1 re-pages every five minutes, then the clock stops where it was asked to.
    expect(at('reminder 1 of 12')).toBeGreaterThan(at('Nobody has acknowledged this yet'));
    expect(out.trimEnd().endsWith('It is now Mon 30 Nov 2026, 09:50 (Europe/London) in the demo.')).toBe(true);
  });

  it('answers a bad argument clearly and leaves the time where it was', async () => {
    const before = demo.clock.now().getTime();
    const out = await demo.type(['/clock -1h', '/clock +0m', '/clock +99y', '/clock whenever', '/clock'], 'Demo time:');
    expect(out).toContain('The demo clock only moves forward');
    expect(out).toContain('Move it forward by at least one minute');
    expect(out).toContain('That is too far: the demo clock moves at most 60 days at a time');
    expect(out).toContain('I did not understand "whenever". Try /clock (the demo time now), /clock +15m');
    expect(demo.clock.now().getTime()).toBe(before);
  });
});

describe('the demo configuration', () => {
  it('shortens sessions and their check-out chain, except where the environment sets a value', () => {
    const env = { DEMO: 'on', SESSION_OVERDUE_MINUTES: '40' };
    const config = demoConfig(testConfig(env), env);
    expect([
      config.SESSION_DEFAULT_MINUTES,
      config.SESSION_END_PROMPT_MINUTES,
      config.SESSION_END_REMINDER_MINUTES,
      config.SESSION_OVERDUE_MINUTES,
    ]).toEqual([20, 5, 10, 40]);
    expect(testConfig().SESSION_DEFAULT_MINUTES).toBe(60);
  });
});
