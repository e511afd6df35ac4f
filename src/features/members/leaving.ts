// A member leaving (/network deactivate): what they hold that is handed on or closed, shown first,
// then released and the member marked left. Being someone's supporter and unfinished forms are
// this feature's own holdings.
import type { Holding } from '../../core/holdings.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { auditMember } from './audit.js';
import { findMember } from './roster.js';

/** Being someone's chosen supporter: handed back to that mentor to choose again. */
export const supporterHolding: Holding = {
  name: 'chosen supporter of',
  async list(tx, memberId) {
    return (
      await tx.member.findMany({
        where: { supporterId: memberId, status: { not: 'left' } },
        select: { displayName: true },
      })
    ).map((m) => m.displayName);
  },
  async release(tx, memberId) {
    await tx.member.updateMany({ where: { supporterId: memberId }, data: { supporterId: null } });
  },
};

/** Unfinished forms: discarded, they were never records. */
export const draftHolding: Holding = {
  name: 'unfinished forms',
  async list(tx, memberId) {
    const count = await tx.formDraft.count({ where: { memberId } });
    return count ? [`${count} unfinished form${count === 1 ? '' : 's'}`] : [];
  },
  async release(tx, memberId) {
    await tx.formDraft.deleteMany({ where: { memberId } });
  },
};

export interface Held {
  name: string;
  items: string[];
}

async function holdingsOf(tx: Tx, holdings: readonly Holding[], memberId: string): Promise<Held[]> {
  const found: Held[] = [];
  for (const holding of holdings) {
    const items = await holding.list(tx, memberId);
    if (items.length) found.push({ name: holding.name, items });
  }
  return found;
}

/** Before deactivating: the member named, and what they hold of every feature's. */
export async function deactivationPreview(ctx: ActorContext, ref: string, holdings: readonly Holding[]) {
  const member = await findMember(ctx, ref);
  if (member.id === ctx.actor.memberId)
    throw new Refusal('You cannot deactivate yourself; ask another coordinator or admin.');
  return { member, held: await holdingsOf(ctx.tx, holdings, member.id) };
}

/** Hands on what the member holds, marks them left and returns their name. */
export async function deactivateMember(
  ctx: ActorContext,
  holdings: readonly Holding[],
  memberId: string,
): Promise<string> {
  const member = await ctx.tx.member.findUniqueOrThrow({ where: { id: memberId } });
  if (member.status === 'left') throw new Refusal(`${member.displayName} is already deactivated.`);
  if (member.id === ctx.actor.memberId)
    throw new Refusal('You cannot deactivate yourself; ask another coordinator or admin.');
  for (const holding of holdings) await holding.release(ctx.tx, member.id, ctx.now);
  await ctx.tx.member.update({
    where: { id: member.id },
    data: { status: 'left', leftAt: ctx.now, supporterId: null },
  });
  await auditMember(ctx, member.id, 'member.deactivated');
  return member.displayName;
}
