// Taking back or handing on a one-off shift or cover (swaps included): named by its position and
// the instant it starts. The weekly pattern and rotations stay as they are; what they give comes
// back once the one-off is gone.
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import type { Position } from './policy.js';
import { afterRotaChange } from './handovers.js';
import { requireCoordinator } from './rota.js';
import { audit } from './shifts.js';

export interface OneOffRef {
  position: Position;
  startsAt: Date;
}

async function findOneOffs(ctx: ActorContext, ref: OneOffRef) {
  const rows = await ctx.tx.dutyShift.findMany({
    where: { position: ref.position, startsAt: ref.startsAt },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  if (rows.length && rows.every((r) => r.endsAt <= ctx.now))
    throw new Refusal('That shift is already over; the rota keeps it as a record.', 'closed');
  return rows.filter((r) => r.endsAt > ctx.now);
}

/** Removes every one-off shift and cover for that position starting then; returns their holders. */
export async function removeOneOff(ctx: ActorContext, ref: OneOffRef): Promise<string[]> {
  const rows = await findOneOffs(ctx, ref);
  for (const row of rows) {
    await ctx.tx.dutyShift.delete({ where: { id: row.id } });
    await audit(ctx, 'rota.shift_removed', row.id, {
      position: row.position,
      coordinatorId: row.coordinatorId,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      reason: row.reason,
    });
  }
  if (rows.length) await afterRotaChange(ctx);
  return rows.map((r) => r.coordinatorId);
}

/** Hands the one-off (the latest written, which is the one in force) to someone else; its times stay. */
export async function replaceOneOff(
  ctx: ActorContext,
  ref: OneOffRef,
  to: { coordinatorId: string; name: string },
): Promise<{ from: string; endsAt: Date } | undefined> {
  const row = (await findOneOffs(ctx, ref)).pop();
  if (!row) return undefined;
  await requireCoordinator(ctx.tx, to.coordinatorId, to.name);
  await ctx.tx.dutyShift.update({ where: { id: row.id }, data: { coordinatorId: to.coordinatorId } });
  await audit(ctx, 'rota.shift_replaced', row.id, {
    position: row.position,
    fromId: row.coordinatorId,
    coordinatorId: to.coordinatorId,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
  });
  await afterRotaChange(ctx);
  return { from: row.coordinatorId, endsAt: row.endsAt };
}
