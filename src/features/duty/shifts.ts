// Changing the rota: the weekly pattern and one-off shifts or cover, each change audited and
// followed by planning the handovers it moves.
import { randomUUID } from 'node:crypto';
import { recordEvent } from '../../core/events.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import { afterRotaChange } from './handovers.js';
import type { OneOffRow, PatternRow, Position } from './policy.js';
import { DAY_MS, requireCoordinator } from './rota.js';

/** A rota change in the audit log, by the member who made it. */
export const audit = (ctx: ActorContext, kind: string, subjectId: string, data: Record<string, string | number>) =>
  recordEvent(ctx.tx, {
    kind,
    data,
    subjectKind: 'rota',
    subjectId,
    surface: ctx.surface,
    actorId: ctx.actor.memberId,
    at: ctx.now,
  });

export async function addPattern(ctx: ActorContext, row: PatternRow & { name: string }): Promise<string> {
  await requireCoordinator(ctx.tx, row.coordinatorId, row.name);
  if (row.startMinute === row.endMinute)
    throw new Refusal('A shift needs different start and end times (for a 24-hour shift, give 00:00 to 23:59).');
  const id = randomUUID();
  const { weekday, startMinute, endMinute, position, coordinatorId } = row;
  const fields = { weekday, startMinute, endMinute, position, coordinatorId };
  await ctx.tx.rotaPattern.create({ data: { id, ...fields } });
  await audit(ctx, 'rota.pattern_added', id, fields);
  await afterRotaChange(ctx);
  return id;
}

export async function removePattern(
  ctx: ActorContext,
  where: { weekday: number; startMinute: number; position: Position },
): Promise<number> {
  const rows = await ctx.tx.rotaPattern.findMany({ where });
  for (const row of rows) {
    await ctx.tx.rotaPattern.delete({ where: { id: row.id } });
    await audit(ctx, 'rota.pattern_removed', row.id, {
      weekday: row.weekday,
      startMinute: row.startMinute,
      position: row.position,
      coordinatorId: row.coordinatorId,
    });
  }
  return rows.length;
}

/** A one-off shift, or cover for a period (it overrides the pattern for its position while it lasts). */
export async function addShift(ctx: ActorContext, shift: OneOffRow & { name: string }): Promise<string> {
  await requireCoordinator(ctx.tx, shift.coordinatorId, shift.name);
  if (shift.endsAt <= shift.startsAt) throw new Refusal('The end should be after the start.');
  if (shift.endsAt.getTime() - shift.startsAt.getTime() > 31 * DAY_MS)
    throw new Refusal('A one-off shift or cover can be at most 31 days; use the weekly pattern for longer.');
  const id = randomUUID();
  await ctx.tx.dutyShift.create({
    data: {
      id,
      position: shift.position,
      coordinatorId: shift.coordinatorId,
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
      reason: shift.reason,
      createdById: ctx.actor.memberId,
    },
  });
  await audit(ctx, 'rota.shift_added', id, {
    position: shift.position,
    coordinatorId: shift.coordinatorId,
    startsAt: shift.startsAt.toISOString(),
    endsAt: shift.endsAt.toISOString(),
    reason: shift.reason,
  });
  await afterRotaChange(ctx);
  return id;
}
