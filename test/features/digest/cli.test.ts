// npm run redact as a coordinator would run it: text on standard input, redacted text on standard output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, survives } from './corpus.js';

const dir = mkdtempSync(path.join(tmpdir(), 'msb-redact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], input: string) =>
  spawnSync('npm', ['run', '--silent', 'redact', '--', ...args], { input, encoding: 'utf8', timeout: 60_000 });

describe('npm run redact', () => {
  it('prints the sample redacted, with nothing identifying left, and explains kinds and counts on stderr', () => {
    const { sentences, denyList } = generateCorpus('deny-listed', 20, 3);
    const file = path.join(dir, 'deny-list.json');
    writeFileSync(file, JSON.stringify(denyList));
    const input = `${sentences.map((s) => s.text).join('\n')}\n`;
    const result = run(['--deny-list', file, '--explain'], input);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(sentences.length + 1);
    sentences.forEach((s, i) => {
      for (const id of s.identifiers) expect(survives(id, lines[i]!), `${id.kind} ${id.value}`).toBe(false);
    });
    expect(result.stderr).toMatch(/deny-list\s+name\s+\d+/);
    expect(result.stderr).toMatch(/pattern\s+phone\s+\d+/);
    for (const s of sentences) for (const id of s.identifiers) expect(result.stderr).not.toContain(id.value);
  });

  it('takes the deny-list as comma lists too', () => {
    const result = run(
      ['--names', 'Priya Kowalski', '--places', 'Ashcombe,Fenbury', '--case-codes', 'MS-0042'],
      'Priya met MS-0042 in Fenbury.\n',
    );
    expect(result.stdout).toBe('[name] met [case] in [place].\n');
  });

  it('refuses an unknown flag or an unreadable deny-list with exit code 2', () => {
    expect(run(['--bogus'], '').status).toBe(2);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"names": "not a list"}');
    const result = run(['--deny-list', bad], 'text');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('must hold lists of strings');
  });
});
