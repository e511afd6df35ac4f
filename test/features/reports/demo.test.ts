// The terminal demo on its embedded database (DATA_DIR, no DATABASE_URL), in-process on the shell
// surface: jo's /report prints a link that the app's own HTTP server opens (Continue, then the
// report), and after the demo stops the evaluation export reads the same DATA_DIR's database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../src/app.js';
import { openCli } from '../../../src/cli/context.js';
import { parseReportExport, runReportExport, type ReportExportRequest } from '../../../src/features/reports/exports.js';
import { ManualClock } from '../../helpers/clock.js';
import { TEST_DATA_KEYS, testConfig } from '../../helpers/deps.js';
import { postForm, send } from '../../web/client.js';

interface Demo {
  app: App | undefined;
  dataDir: string;
  /** Types the lines, then waits until the output (after what was printed before) shows `until`. */
  type(lines: string[], until: string): Promise<string>;
}

// Each test starts its own demo in its own DATA_DIR, so neither relies on the other's.
const started: Demo[] = [];
async function startDemo(): Promise<Demo> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'msb-report-demo-'));
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const demo: Demo = {
    app: undefined,
    dataDir,
    async type(lines, until) {
      const from = printed.length;
      input.write(`${lines.join('\n')}\n`);
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
        if (printed.slice(from).includes(until)) return printed.slice(from);
      }
      throw new Error(`timed out waiting for ${until}; printed: ${printed.slice(from).slice(-1500)}`);
    },
  };
  started.push(demo);
  demo.app = await startApp(testConfig({ PORT: '0', DATA_DIR: dataDir, SURFACES: 'shell', DEMO: 'on' }), {
    io: { input, output },
    clock: new ManualClock('2026-11-29T10:00:00Z'),
    log: pino({ level: 'silent' }),
  });
  return demo;
}

afterAll(async () => {
  for (const demo of started) {
    await demo.app?.stop();
    rmSync(demo.dataDir, { recursive: true, force: true });
  }
});

describe('the report in the terminal demo', { timeout: 60_000 }, () => {
  it('prints a link after /as jo and /report that opens Continue, then the report, on the demo’s own server', async () => {
    const { type, app } = await startDemo();
    await type(['/as jo', '/case open', '1', '2', '', '', ''], 'MS-0001');
    const reply = await type(['/report'], 'press Continue');
    const link = new URL(/(http:\/\/localhost:\d+\/report\/sign-in\/\S+)/.exec(reply)![1]!);
    expect(Number(link.port)).toBe(app!.http.port);

    const continuePage = await send(app!.http.port, link.pathname);
    expect(continuePage.status).toBe(200);
    expect(continuePage.text).toContain('Continue');
    expect(continuePage.text).not.toContain('data-section');
    const signedIn = await postForm(
      app!.http.port,
      link.pathname,
      { _csrf: continuePage.csrf! },
      { cookie: continuePage.cookie },
    );
    expect(signedIn.status).toBe(303);
    const report = await send(app!.http.port, String(signedIn.headers.location).replace(/^https?:\/\/[^/]+/, ''), {
      headers: { cookie: signedIn.cookie },
    });
    expect(report.status).toBe(200);
    expect(report.text).toContain('2026-01-01 to 2026-11-29');
    expect(report.text).toContain('<h2>Cases and outcomes</h2>');
  });

  it('lets npm run export -- evaluation read the stopped demo’s database from the same DATA_DIR', async () => {
    const demo = await startDemo();
    await demo.type(['/as jo', '/case open', '1', '2', '', '', ''], 'MS-0001');
    await demo.type(['/report'], 'press Continue');
    await demo.app!.stop();
    demo.app = undefined;
    const { dataDir } = demo;
    const saved = { ...process.env };
    Object.assign(process.env, { DATA_DIR: dataDir, DATA_KEYS: TEST_DATA_KEYS, LOG_LEVEL: 'silent' });
    delete process.env.DATABASE_URL;
    delete process.env.MIGRATION_DATABASE_URL;
    const cli = await openCli();
    try {
      const request = parseReportExport([
        'evaluation',
        '--from',
        '2026-01-01',
        '--to',
        '2026-11-29',
      ]) as ReportExportRequest;
      const result = await runReportExport(cli.deps, request);
      if ('problem' in result) throw new Error(result.problem);
      const [header, ...rows] = result.output.trim().split('\n');
      expect(header).toMatch(/^case_id,referral_source,referral_month/);
      expect(rows).toHaveLength(1);
      expect(rows[0]).not.toContain('MS-0001');
      expect(result.note).toMatch(/^1 cases\. Pseudonym key/);
      expect(await cli.deps.db.event.count({ where: { kind: 'report.exported' } })).toBe(1);
    } finally {
      await cli.close();
      process.env = saved;
    }
  });
});
