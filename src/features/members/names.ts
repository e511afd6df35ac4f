// Members' display names by id, for other features' structured lines (timelines, exports).
import type { Tx } from '../../db/client.js';

/** A lookup for these ids; an id with no member left reads "a former member". */
export async function displayNames(
  tx: Tx,
  ids: Iterable<string | null | undefined>,
): Promise<(id: string | null | undefined) => string> {
  const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  const rows = wanted.length
    ? await tx.member.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } })
    : [];
  const names = new Map(rows.map((m) => [m.id, m.displayName]));
  return (id) => (id && names.get(id)) || 'a former member';
}
