// A supervision request's row: locked so offers, answers and timers about it happen one at a time,
// the fences of its timers, and the bindings of its sealed columns.
import { Refusal } from '../../core/refusal.js';
import type { Tx } from '../../db/client.js';

export type RequestRow = NonNullable<Awaited<ReturnType<Tx['supervisionRequest']['findUnique']>>>;

export const summaryBinding = (id: string) => ({ table: 'SupervisionRequest', column: 'summaryEnc', rowId: id });
export const noteBinding = (id: string) => ({ table: 'SupervisionRequest', column: 'supervisorNoteEnc', rowId: id });

/** Locks the request row and reads it; a kind refusal when it is gone. */
export async function lockRequest(tx: Tx, id: string): Promise<RequestRow> {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT "id" FROM "SupervisionRequest" WHERE "id" = ${id}::uuid FOR UPDATE`;
  if (!locked.length) throw new Refusal('That supervision request no longer exists.', 'not_found');
  return tx.supervisionRequest.findUniqueOrThrow({ where: { id } });
}

/** The fencing token of a request's timers: its epoch, read under a row lock. */
export async function requestEpoch(tx: Tx, id: string): Promise<string | null> {
  const rows = await tx.$queryRaw<
    { epoch: number }[]
  >`SELECT "epoch" FROM "SupervisionRequest" WHERE "id" = ${id}::uuid FOR UPDATE`;
  return rows[0] ? String(rows[0].epoch) : null;
}

/** The fence of a follow-up reminder: the request's current follow-up time. */
export async function followUpFence(tx: Tx, id: string): Promise<string | null> {
  const rows = await tx.$queryRaw<
    { followUpAt: Date | null }[]
  >`SELECT "followUpAt" FROM "SupervisionRequest" WHERE "id" = ${id}::uuid FOR UPDATE`;
  return rows[0]?.followUpAt ? rows[0].followUpAt.toISOString() : null;
}
