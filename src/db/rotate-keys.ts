// Re-encrypts every value sealed under a master key (subject keys included) under the first data
// key, so an old key can then be retired. Values sealed under subject keys need no change. Covers
// the whole inventory, fields inside JSON payloads included.
import type { Cipher } from './cipher.js';
import { withConnection } from './pg-connection.js';
import { bindingOf, sealedColumns, type SealedValue } from './sealed-columns.js';
import { REMOVED } from './vault.js';

const nameOf = (e: SealedValue) => `${e.table}.${e.column}${e.field ? `.${e.field}` : ''}`;

export async function rotateKeys(connectionString: string, cipher: Cipher): Promise<Record<string, number>> {
  return withConnection(connectionString, async (client) => {
    const counts: Record<string, number> = {};
    for (const entry of sealedColumns) {
      const name = nameOf(entry);
      counts[name] = 0;
      const value = entry.field ? `("${entry.column}"->>'${entry.field}')` : `"${entry.column}"`;
      const rows = await client.query<{ id: string; bound: string; value: string }>(
        `SELECT id::text AS id, "${entry.boundTo ?? 'id'}"::text AS bound, ${value} AS value FROM "${entry.table}"
         WHERE ${value} IS NOT NULL AND ${value} <> $2 AND split_part(${value}, '.', 2) <> $1 AND strpos(split_part(${value}, '.', 2), '~') = 0`,
        [cipher.currentKeyId, REMOVED],
      );
      for (const row of rows.rows) {
        const binding = bindingOf(entry, row.bound);
        const resealed = cipher.seal(cipher.open(row.value, binding), binding);
        // Only if unchanged meanwhile: a concurrent writer's newer value wins and is already current.
        const updated = entry.field
          ? await client.query(
              `UPDATE "${entry.table}" SET "${entry.column}" = jsonb_set("${entry.column}", '{${entry.field}}', to_jsonb($1::text)) WHERE id::text = $2 AND ${value} = $3`,
              [resealed, row.id, row.value],
            )
          : await client.query(
              `UPDATE "${entry.table}" SET "${entry.column}" = $1 WHERE id::text = $2 AND "${entry.column}" = $3`,
              [resealed, row.id, row.value],
            );
        counts[name] += updated.rowCount ?? 0;
      }
    }
    return counts;
  });
}
