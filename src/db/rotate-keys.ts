// Re-encrypts every value sealed under a master key (subject keys included) under the first data
// key, so an old key can then be retired. Values sealed under subject keys need no change.
import pg from 'pg';
import type { Cipher } from './cipher.js';
import { sealedColumns } from './sealed-columns.js';

export async function rotateKeys(connectionString: string, cipher: Cipher): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const counts: Record<string, number> = {};
  try {
    for (const { table, column } of sealedColumns) {
      const name = `${table}.${column}`;
      counts[name] = 0;
      const rows = await client.query<{ id: string; value: string }>(
        `SELECT id::text AS id, "${column}" AS value FROM "${table}" WHERE "${column}" IS NOT NULL AND split_part("${column}", '.', 2) <> $1 AND strpos(split_part("${column}", '.', 2), '~') = 0`,
        [cipher.currentKeyId],
      );
      for (const { id, value } of rows.rows) {
        const binding = { table, column, rowId: id };
        const resealed = cipher.seal(cipher.open(value, binding), binding);
        // Only if unchanged meanwhile: a concurrent writer's newer value wins and is already current.
        const updated = await client.query(`UPDATE "${table}" SET "${column}" = $1 WHERE id::text = $2 AND "${column}" = $3`, [resealed, id, value]);
        counts[name] += updated.rowCount ?? 0;
      }
    }
    return counts;
  } finally {
    await client.end();
  }
}
