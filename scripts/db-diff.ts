// Writes a new migration from the change to prisma/schema.prisma: `npm run db:diff -- <name>`.
// The diff runs from the schema as committed with the latest migration (git) to the working schema.
// Prisma's CLI here goes through the pg driver adapter and so needs a database even for a diff
// between two schema files (STACK.md); introspection and --from-migrations crash its WASM engine,
// so an embedded server in a temporary directory serves it, and then proves the new migration
// applies on top of the committed ones.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { applyMigrations, migrationsDir, readMigrations } from '../src/db/migrate.js';

// `npm run db:diff -- --print <from.prisma> <to.prisma>` prints the SQL between two schema files and
// writes nothing: for a change drafted beside other uncommitted ones.
const printing = process.argv[2] === '--print';
const name = printing ? '' : (process.argv[2] ?? '');
if (!printing && !/^[a-z][a-z0-9_]{0,60}$/.test(name)) {
  process.stderr.write('Usage: npm run db:diff -- <name> (lower case letters, digits and _, e.g. jobs)\n');
  process.exit(2);
}

const root = path.resolve(import.meta.dirname, '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

const untracked = printing ? '' : git('status', '--porcelain', '--', 'prisma/migrations').trim();
if (untracked) {
  process.stderr.write(
    `Commit the migrations in progress first (the diff starts from the schema committed with the latest migration):\n${untracked}\n`,
  );
  process.exit(2);
}
const lastMigrationCommit = git('log', '-1', '--format=%H', '--', 'prisma/migrations').trim();
const dir = mkdtempSync(path.join(tmpdir(), 'msb-diff-'));
const previousSchema = path.join(dir, 'previous.prisma');
writeFileSync(
  previousSchema,
  printing ? readFileSync(process.argv[3] ?? '', 'utf8') : git('show', `${lastMigrationCommit}:prisma/schema.prisma`),
);
const targetSchema = printing ? path.resolve(process.argv[4] ?? '') : 'prisma/schema.prisma';

const timestamp = (at: Date) => at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
const latest = readdirSync(migrationsDir)
  .filter((entry) => /^\d{14}_/.test(entry))
  .sort()
  .at(-1);
const latestAt = latest
  ? new Date(latest.replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)_.*$/, '$1-$2-$3T$4:$5:$6Z'))
  : new Date(0);
// Later than every committed migration, even those stamped ahead of today's date.
const stamp = timestamp(new Date(Math.max(Date.now(), latestAt.getTime() + 3_600_000)));

const server = await startEmbeddedPostgres({ dataRoot: dir });
try {
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE msb_diff');
  await admin.end();
  const url = server.url('msb_diff');
  const sql = execFileSync(
    'npx',
    [
      'prisma',
      'migrate',
      'diff',
      '--from-schema-datamodel',
      previousSchema,
      '--to-schema-datamodel',
      targetSchema,
      '--script',
    ],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (printing) {
    process.stdout.write(sql);
  } else if (!/^\s*(CREATE|ALTER|DROP)/m.test(sql)) {
    process.stdout.write('No schema change to migrate.\n');
  } else {
    const folder = path.join(migrationsDir, `${stamp}_${name}`);
    if (existsSync(folder)) throw new Error(`${folder} exists already`);
    await applyMigrations(url, [...readMigrations(), { name: `${stamp}_${name}`, sql, checksum: 'check' }]);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'migration.sql'), sql);
    process.stdout.write(
      `Wrote ${path.relative(root, folder)}/migration.sql (applied cleanly after the committed migrations)\n`,
    );
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
