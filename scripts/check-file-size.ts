// `npm run lint`'s size check: no hand-written .ts file under the given folders (default src) over 400 lines.
// Prints each offender with its line count (as `wc -l` counts them) and exits 1; generated code is skipped.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const MAX_LINES = 400;
const SKIPPED = new Set(['generated', 'node_modules']);

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) yield* sourceFiles(full);
    } else if (entry.isFile() && entry.name.endsWith('.ts')) yield full;
  }
}

/** Lines as `wc -l` counts them, plus a last line that has no newline after it. */
function lineCount(file: string): number {
  const text = readFileSync(file, 'utf8');
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The .ts files under `roots` over MAX_LINES lines, with their line counts. */
export function oversizedFiles(roots: readonly string[]): { file: string; lines: number }[] {
  return roots
    .flatMap((root) => [...sourceFiles(root)])
    .map((file) => ({ file, lines: lineCount(file) }))
    .filter(({ lines }) => lines > MAX_LINES);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const roots = process.argv.slice(2);
  const offenders = oversizedFiles(roots.length ? roots : ['src']);
  if (offenders.length) {
    process.stderr.write(`Files over ${MAX_LINES} lines (split them by use case):\n`);
    for (const { file, lines } of offenders) process.stderr.write(`  ${file}: ${lines} lines\n`);
    process.exitCode = 1;
  }
}
