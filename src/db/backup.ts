// Logical backup and restore, online and with no PostgreSQL client tools (the embedded server ships
// none): every table's rows as JSON lines from one consistent snapshot. Sealed values stay sealed;
// the keys are backed up separately (README), so a stolen backup alone reveals no free text.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { inTransaction, withConnection } from './pg-connection.js';

const SKIP = new Set(['_prisma_migrations']);

interface BackupHeader {
  format?: string;
  migrations?: string[];
}

/** Tables in an order where every row's references come before it. */
async function tablesInOrder(client: pg.Client): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )
  ).rows
    .map((r) => r.name)
    .filter((t) => !SKIP.has(t));
  const edges = (
    await client.query<{ child: string; parent: string }>(
      `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`,
    )
  ).rows;
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const { parent } of edges.filter((e) => e.child === table)) visit(parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

export async function backupDatabase(connectionString: string, file: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const out = createWriteStream(file, { mode: 0o600 });
  const counts: Record<string, number> = {};
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name',
    );
    out.write(
      `${JSON.stringify({ format: 'msb-backup-1', migrations: migrations.rows.map((r) => r.migration_name) })}\n`,
    );
    for (const table of await tablesInOrder(client)) {
      const rows = await client.query<{ row: unknown }>(`SELECT row_to_json(t) AS row FROM "${table}" t`);
      for (const { row } of rows.rows) {
        if (!out.write(`${JSON.stringify({ table, row })}\n`)) await once(out, 'drain');
      }
      counts[table] = rows.rowCount ?? 0;
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
    out.end();
    await once(out, 'finish');
  }
  return counts;
}

/** Restores into a database that has the same migrations applied and holds no rows yet. */
export async function restoreDatabase(connectionString: string, file: string): Promise<Record<string, number>> {
  return withConnection(connectionString, (client) =>
    inTransaction(client, async () => {
      const counts: Record<string, number> = {};
      let header: BackupHeader | undefined;
      // Made only now, right before it is read: lines a reader emits before the loop starts are lost.
      const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line.trim()) continue;
        if (!header) {
          const parsed = JSON.parse(line) as BackupHeader;
          if (parsed.format !== 'msb-backup-1') throw new Error('not a backup made by npm run backup');
          header = parsed;
          const applied = await client.query<{ migration_name: string }>(
            'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name',
          );
          const missing = (header.migrations ?? []).filter((m) => !applied.rows.some((r) => r.migration_name === m));
          if (missing.length)
            throw new Error(`the target database lacks migrations the backup was made with: ${missing.join(', ')}`);
          continue;
        }
        const { table, row } = JSON.parse(line) as { table: string; row: unknown };
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error('malformed backup line');
        if (counts[table] === undefined) {
          const existing = await client.query(`SELECT 1 FROM "${table}" LIMIT 1`);
          if (existing.rowCount)
            throw new Error(`the target database already holds ${table} rows; restore into an empty database`);
          counts[table] = 0;
        }
        await client.query(`INSERT INTO "${table}" SELECT * FROM json_populate_record(NULL::"${table}", $1::json)`, [
          JSON.stringify(row),
        ]);
        counts[table]++;
      }
      if (!header) throw new Error('the backup file is empty');
      // Identity columns continue after the restored rows.
      const sequences = await client.query<{ tbl: string; col: string }>(
        `SELECT table_name AS tbl, column_name AS col FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
      );
      for (const { tbl, col } of sequences.rows) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence('"${tbl}"', '${col}'), GREATEST((SELECT max("${col}") FROM "${tbl}"), 1))`,
        );
      }
      return counts;
    }),
  );
}
