// The terminal surface end to end: a real bot process, standard input and output, the real database.
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBot, spawnBot } from '../../helpers/bot-process.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

// The full debrief, field by field: case, date, how it went, length, paired, engagement, client state
// (skipped), topics, practical support (skipped), risk change, feeling, flag, what it is about,
// supervision and welfare (skipped), next steps, notes, travel time and cost (skipped).
const beforeFeeling = ['MS-0042', '2026-11-20', '3', '50', 'no', '2', '', '1, housing', '', 'same'];
const afterFeeling = [
  '2',
  'no',
  '',
  '',
  '',
  'Ask about the gym membership.',
  'Quiet session, talked about his brother.',
  '',
  '',
];

// Each test starts a real bot process: generous limits, since CI shares two cores across the suite.
describe('terminal surface', { timeout: 90_000 }, () => {
  it('prints the help for piped input and exits 0 at end of input; /clock is refused outside the demo', async () => {
    const { code, stdout } = await runBot({ DATABASE_URL: database.url }, '/help\n/clock +1h\n');
    expect(code).toBe(0);
    expect(stdout).toContain('/debrief');
    expect(stdout).toContain('local demonstration');
    expect(stdout).toContain(
      '/clock belongs to the terminal demo (the embedded database with the terminal alone, or DEMO=on), where it moves the demo’s time. Here time is real.',
    );
  });

  it('takes a debrief field by field, with validation, and confirms without quoting free text', async () => {
    const input = ['/debrief', 'Jane Smith', ...beforeFeeling, '11', ...afterFeeling].join('\n');
    const { code, stdout } = await runBot({ DATABASE_URL: database.url }, `${input}\n`);
    expect(code).toBe(0);
    expect(stdout).toContain('Case code should look like MS-0042');
    expect(stdout).toContain('should be from 1 to 5');
    expect(stdout).toContain('Your debrief for MS-0042 on 2026-11-20 is saved');
    expect(stdout).not.toContain('his brother');
    expect(stdout).not.toContain('gym');
    expect(stdout).toContain('(optional: press Enter to skip)');
    const rows = await query<{
      caseCode: string;
      feeling: number;
      sessionWent: string;
      notesEnc: string;
      nextStepsEnc: string;
      lengthMinutes: number;
      engagement: string;
      topics: string[];
      clientState: string[];
      riskChange: string;
    }>(
      'SELECT "caseCode", feeling, "sessionWent", "notesEnc", "nextStepsEnc", "lengthMinutes", engagement, topics, "clientState", "riskChange" FROM "Debrief"',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      caseCode: 'MS-0042',
      feeling: 2,
      sessionWent: 'difficult',
      lengthMinutes: 50,
      engagement: 'passive',
      topics: ['ideology_faith', 'housing'],
      clientState: [],
      riskChange: 'same',
    });
    expect(rows[0]!.notesEnc).not.toContain('brother');
    expect(rows[0]!.nextStepsEnc).not.toContain('gym');
  });

  it('demo: a flagged debrief on sam’s case is a direct message to jo naming it, and on the case’s timeline', async () => {
    const fresh = await createTestDatabase();
    try {
      const debrief = [
        '/debrief',
        'MS-0001',
        'today',
        '2',
        '50',
        'no',
        '1',
        '',
        '',
        '',
        'increased',
        '4',
        'yes',
        '4',
        '',
        '',
        '',
        'Talked about the rally and the van.',
        '',
        '',
      ];
      const input = [
        '/as jo',
        '/case open',
        '1',
        '2',
        '',
        '',
        '',
        '/case assign MS-0001 sam',
        '/as sam',
        ...debrief,
        '/as jo',
        '/case timeline MS-0001',
      ].join('\n');
      const { code, stdout } = await runBot({ DATABASE_URL: fresh.url, DEMO: 'on' }, `${input}\n`);
      expect(code).toBe(0);
      expect(stdout).toContain('The coordinators have been told: this is concern #1');
      expect(stdout).toMatch(/── direct message to jo ──\n[^─]*Concern #1: MS-0001: please take it/);
      const timeline = stdout.slice(stdout.indexOf('Timeline: MS-0001'));
      expect(timeline).toMatch(
        /Debrief +session on \d{4}-\d\d-\d\d; Mixed; engagement: active; risk: increased; flagged: yes; by sam/,
      );
      expect(timeline).toMatch(/Concern #1 +raised \(Extremist activity or intent, urgency today, from debrief\)/);
      expect(stdout).not.toContain('the rally');
    } finally {
      await fresh.drop();
    }
  });

  it('leaves no record when input ends half way through a form', async () => {
    const before = await query<{ n: string }>('SELECT count(*) AS n FROM "Debrief"');
    const { code, stdout } = await runBot({ DATABASE_URL: database.url }, '/debrief\nMS-0077\ntoday\n');
    expect(code).toBe(0);
    expect(stdout).toContain('How did the session go?');
    expect(await query('SELECT count(*) AS n FROM "Debrief"')).toEqual(before);
    expect(await query('SELECT id FROM "FormDraft"')).toEqual([]);
  });

  it('leaves no record when the mentor presses Ctrl-C half way', async () => {
    const bot = spawnBot({ DATABASE_URL: database.url });
    bot.send('/debrief');
    bot.send('MS-0078');
    await bot.waitFor('Session date');
    await bot.waitFor('Answer with a date');
    bot.child.kill('SIGINT');
    expect(await bot.exited).toBe(0);
    expect(await query(`SELECT id FROM "Debrief" WHERE "caseCode" = 'MS-0078'`)).toEqual([]);
    expect(await query('SELECT id FROM "FormDraft"')).toEqual([]);
  });

  it('cancels a form on /cancel and lets roles be tried with /as', async () => {
    const { stdout } = await runBot(
      { DATABASE_URL: database.url, DEMO: 'on' },
      '/debrief\n/cancel\n/as jo\n/debrief\n/as sam\n/help\n',
    );
    expect(stdout).toContain('Cancelled. Nothing was saved.');
    expect(stdout).toContain('You are now jo (coordinator, admin).');
    expect(stdout).toContain('/debrief is for mentors only');
  });

  it('with port 3000 taken and PORT unset, takes a free port: piped /help works', async () => {
    const blocker = createServer();
    // Taken either by this listener or by something else already: both are the case to show.
    await new Promise<void>((resolve) => blocker.once('error', () => resolve()).listen(3000, () => resolve()));
    try {
      const { code, stdout, stderr } = await runBot({ DATABASE_URL: database.url, PORT: '' }, '/help\n');
      expect(stderr).not.toContain('EADDRINUSE');
      expect(code).toBe(0);
      expect(stdout).toContain('/debrief');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('exits 2 with one line naming a bad variable', async () => {
    const { code, stderr } = await runBot({ DATABASE_URL: database.url, PORT: 'abc' }, '');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      'Configuration error: PORT must be a whole number from 0 to 65535 (got "abc"). See .env.example.',
    );
  });
});
