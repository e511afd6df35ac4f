// npm run redact: reads text on standard input and prints it as the digest's anonymisation pipeline
// leaves it, so a coordinator can see exactly what it does. Needs no database: the deny-list comes
// from flags or a JSON file. Self-contained on purpose (the shared CLI context opens the database).
//   npm run --silent redact -- --names "Priya Kowalski,Daniel Okafor" --places Walsall --explain < note.txt
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { redact } from '../features/digest/redact.js';
import { denyListSchema, type DenyList } from '../features/digest/schema.js';

const usage = `Usage: npm run --silent redact -- [--names a,b] [--handles a,b] [--case-codes a,b] [--places a,b] [--organisations a,b] [--deny-list file.json] [--explain] < text
  --deny-list  a JSON file: { "names": [], "handles": [], "caseCodes": [], "places": [], "organisations": [] }
  --explain    also print what was removed (kinds and counts, never the text) on standard error`;

class UsageError extends Error {}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function denyListFrom(values: Record<string, string | boolean | undefined>): Promise<DenyList> {
  let fromFile: DenyList = denyListSchema.parse({});
  const file = values['deny-list'];
  if (typeof file === 'string') {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      throw new UsageError(`Could not read ${file} as JSON.`);
    }
    const parsed = denyListSchema.safeParse(raw);
    if (!parsed.success)
      throw new UsageError(
        `${file} must hold lists of strings named names, handles, caseCodes, places and organisations.`,
      );
    fromFile = parsed.data;
  }
  const flag = (name: string) => list(values[name] as string | undefined);
  return {
    names: [...fromFile.names, ...flag('names')],
    handles: [...fromFile.handles, ...flag('handles')],
    caseCodes: [...fromFile.caseCodes, ...flag('case-codes')],
    places: [...fromFile.places, ...flag('places')],
    organisations: [...fromFile.organisations, ...flag('organisations')],
  };
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Type or paste the text, then press Ctrl-D.\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

try {
  const { values } = parseArgs({
    options: {
      names: { type: 'string' },
      handles: { type: 'string' },
      'case-codes': { type: 'string' },
      places: { type: 'string' },
      organisations: { type: 'string' },
      'deny-list': { type: 'string' },
      explain: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
  } else {
    const denyList = await denyListFrom(values);
    const { text, findings } = redact(await readStdin(), { denyList });
    process.stdout.write(text);
    if (values.explain) {
      const lines = findings.map((f) => `${f.source.padEnd(9)}  ${f.kind.padEnd(12)}  ${f.count}`);
      process.stderr.write(lines.length ? `${lines.join('\n')}\n` : 'Nothing was removed.\n');
    }
  }
} catch (error) {
  const known = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(known ? `${(error as Error).message}\n${usage}\n` : `${(error as Error).message}\n`);
  process.exit(known ? 2 : 1);
}
