// `npm run lint`'s other two checks fail on a deliberate problem: the size check on a .ts file of 401 lines,
// jscpd (with the repo's .jscpd.json) on a copied block of six lines outside form definitions.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LINES, oversizedFiles } from '../../scripts/check-file-size.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'msb-lint-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

function run(command: string, args: string[]) {
  const { status, stdout, stderr } = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  return { status, output: `${stdout}${stderr}` };
}

it('npm run lint runs Biome, the dependency rules, the size check and jscpd in turn, and npm test runs it first', () => {
  const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;
  const steps = [
    'biome check',
    'depcruise src --config .dependency-cruiser.cjs',
    'tsx scripts/check-file-size.ts src',
    'jscpd --config .jscpd.json',
  ];
  expect(scripts.lint.split(' && ').map((step: string) => steps.find((s) => step.startsWith(s)))).toEqual(steps);
  expect(scripts.test).toBe('npm run lint && vitest run');
});

describe('the file-size check', () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const line${i} = ${i};\n`).join('');

  it('finds a .ts file of 401 lines, not one of 400, generated code or other files', () => {
    write('size/ok.ts', lines(400));
    write('size/no-final-newline.ts', lines(400).trimEnd());
    write('size/deep/too-long.ts', lines(401));
    write('size/generated/client.ts', lines(900));
    write('size/notes.md', lines(900));
    expect(MAX_LINES).toBe(400);
    expect(oversizedFiles([path.join(dir, 'size')])).toEqual([
      { file: path.join(dir, 'size/deep/too-long.ts'), lines: 401 },
    ]);
  });

  it('as a command, exits 1 naming each offender and its line count', () => {
    write('size-command/too-long.ts', lines(401));
    const failed = run(process.execPath, [
      '--import',
      'tsx',
      'scripts/check-file-size.ts',
      path.join(dir, 'size-command'),
    ]);
    expect(failed.status).toBe(1);
    expect(failed.output).toContain(`${path.join(dir, 'size-command/too-long.ts')}: 401 lines`);
  });
});

describe('the copy check (jscpd)', () => {
  const block = [
    'export const scores = [12, 7, 19, 3, 25, 8, 14, 21, 5, 17];',
    'export const total = scores.reduce((sum, value) => sum + value, 0);',
    'export const largest = scores.reduce((most, value) => Math.max(most, value), 0);',
    'export const smallest = scores.reduce((least, value) => Math.min(least, value), largest);',
    'export const mean = scores.length === 0 ? 0 : total / scores.length;',
    "export const label = [scores.length, 'scores, mean', mean, 'from', smallest, 'to', largest].join(' ');",
  ];
  /** The first `n` lines of the block (its `scores` named `name`) alone in one file, and inside other code in another. */
  const copied = (folder: string, n: number, [first, second] = ['one.ts', 'two.ts'], name = 'scores') => {
    const copy = block.slice(0, n).join('\n').replaceAll('scores', name);
    write(`${folder}/${first}`, `${copy}\n`);
    write(`${folder}/${second}`, `import { strict } from 'node:assert';\n${copy}\nstrict.ok(${name});\n`);
  };
  const jscpd = (folder: string) =>
    run(path.join(ROOT, 'node_modules/.bin/jscpd'), ['--config', '.jscpd.json', '--no-colors', path.join(dir, folder)]);

  it('fails on a copied block of six lines, naming both places, in any file but a form definition', () => {
    copied('six', 6);
    copied('six/features/a', 6, ['platforms.ts', 'transforms.ts'], 'marks');
    const found = jscpd('six');
    expect(found.status).toBe(1);
    expect(found.output).toContain('Found 2 clones');
    expect(found.output).toMatch(/one\.ts \[1:1 - 6:\d+\] \(6 lines/);
    expect(found.output).toMatch(/two\.ts \[2:1 - 7:\d+\]/);
    // Only form definitions are left out, not every file whose name ends in "forms".
    expect(found.output).toMatch(/platforms\.ts \[1:1 - 6:\d+\] \(6 lines/);
    expect(found.output).toMatch(/transforms\.ts \[2:1 - 7:\d+\]/);
  });

  it('passes five copied lines, the same block in two form definitions, and identical imports', () => {
    copied('allowed/five', 5);
    copied('allowed/features', 6, ['a/forms.ts', 'b/time-zone-forms.ts']);
    const imports = [
      "import { DateTime } from 'luxon';",
      "import { z } from 'zod';",
      "import type { FormRequest } from '../../core/form.js';",
      "import { Refusal } from '../../core/refusal.js';",
      "import type { ActorContext } from '../../core/router.js';",
      "import type { Tx } from '../../db/client.js';",
      "import { auditMember } from './audit.js';",
    ].join('\n');
    write('allowed/imports/one.ts', `${imports}\n\nexport const one = [DateTime, z, Refusal, auditMember];\n`);
    write('allowed/imports/two.ts', `${imports}\n\nexport const two = { Refusal, auditMember };\n`);
    const found = jscpd('allowed');
    expect(found.output).toContain('Found 0 clones');
    expect(found.status).toBe(0);
  });
});
