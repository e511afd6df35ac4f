// A contribution as the digest's review and publication read it: the stored row, its text opened
// (the coordinator's edit, else the redacted text; never the original), and who it belongs to.
import type { Deps } from '../../core/deps.js';
import type { UseCaseContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import type { ItemView } from './messages.js';

export interface ItemRow {
  id: string;
  authorId: string;
  themes: string[];
  tags: string[];
  credit: string;
  status: string;
  redactedEnc: string;
  finalEnc: string | null;
  digestId: string | null;
}

/** The binding of a Contribution's sealed column (its original, redacted and final texts). */
export const sealed = (column: string, rowId: string) => ({ table: 'Contribution', column, rowId });

export async function openText(tx: Tx, deps: Deps, value: string, column: string, rowId: string): Promise<string> {
  return deps.vault.open(tx, value, sealed(column, rowId));
}

export async function itemView(ctx: Pick<UseCaseContext, 'tx' | 'deps'>, row: ItemRow): Promise<ItemView> {
  const text = row.finalEnc
    ? await openText(ctx.tx, ctx.deps, row.finalEnc, 'finalEnc', row.id)
    : await openText(ctx.tx, ctx.deps, row.redactedEnc, 'redactedEnc', row.id);
  return { id: row.id, themes: row.themes, tags: row.tags, text, status: row.status, credit: row.credit };
}

/** An unpublished item's words are its contributor's: owed copies are sealed under their key. */
export const authorOf = (row: { authorId: string }) => [{ kind: 'member' as const, id: row.authorId }];

export async function digestItems(tx: Tx, digestId: string): Promise<ItemRow[]> {
  return tx.contribution.findMany({ where: { digestId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

export async function coordinators(tx: Tx): Promise<{ id: string; displayName: string }[]> {
  return tx.member.findMany({
    where: { roles: { has: 'coordinator' }, status: 'active' },
    select: { id: true, displayName: true },
    orderBy: { createdAt: 'asc' },
  });
}
