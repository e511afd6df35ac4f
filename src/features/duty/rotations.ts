// Rotations: people taking turns at a daily shift, weekly or daily, defined by coordinators and
// named so they can be replaced or removed. Turns count calendar days in the network's zone.
import { randomUUID } from 'node:crypto';
import { recordEvent } from '../../core/events.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import type { LocalDay } from './input.js';
import type { Position } from './policy.js';
import { afterRotaChange } from './handovers.js';
import { requireCoordinator } from './rota.js';
import { audit } from './shifts.js';

export interface RotationInput {
  name: string;
  position: Position;
  members: { id: string; name: string }[];
  turn: 'week' | 'day';
  weekdays: number[];
  startMinute: number;
  endMinute: number;
  startsOn: LocalDay;
}

export const rotationName = (text: string) => text.trim().toLowerCase();

/** Adds the rotation, or replaces the one with that name. */
export async function setRotation(ctx: ActorContext, input: RotationInput): Promise<'added' | 'replaced'> {
  if (!/^[a-z0-9][a-z0-9 _-]{0,39}$/.test(input.name))
    throw new Refusal(
      'name: please give the rotation a short name (letters, digits, spaces or -, up to 40), for example name:evenings.',
    );
  if (!input.members.length)
    throw new Refusal(
      'members: a rotation needs at least one person, in turn order, for example members:"Sam, Bo, Cy".',
    );
  for (const member of input.members) await requireCoordinator(ctx.tx, member.id, member.name);
  const data = {
    position: input.position,
    memberIds: input.members.map((m) => m.id),
    turn: input.turn,
    weekdays: input.weekdays,
    startMinute: input.startMinute,
    endMinute: input.endMinute,
    startsOn: new Date(Date.UTC(input.startsOn.year, input.startsOn.month - 1, input.startsOn.day)),
  };
  const existing = await ctx.tx.dutyRotation.findUnique({ where: { name: input.name } });
  const id = existing?.id ?? randomUUID();
  if (existing) await ctx.tx.dutyRotation.update({ where: { id }, data });
  else await ctx.tx.dutyRotation.create({ data: { id, name: input.name, createdById: ctx.actor.memberId, ...data } });
  await audit(ctx, existing ? 'rota.rotation_replaced' : 'rota.rotation_added', id, {
    position: data.position,
    turn: data.turn,
    members: data.memberIds.join(','),
    weekdays: data.weekdays.join(','),
    startMinute: data.startMinute,
    endMinute: data.endMinute,
    startsOn: data.startsOn.toISOString().slice(0, 10),
  });
  await afterRotaChange(ctx);
  return existing ? 'replaced' : 'added';
}

export async function removeRotation(ctx: ActorContext, name: string): Promise<boolean> {
  const row = await ctx.tx.dutyRotation.findUnique({ where: { name } });
  if (!row) return false;
  await ctx.tx.dutyRotation.delete({ where: { id: row.id } });
  await audit(ctx, 'rota.rotation_removed', row.id, { position: row.position, members: row.memberIds.join(',') });
  return true;
}

/** A member leaving: out of every rotation (the turns close up behind them); a rotation left empty goes. */
export async function leaveRotations(tx: Tx, memberId: string, at: Date): Promise<void> {
  for (const row of await tx.dutyRotation.findMany({ where: { memberIds: { has: memberId } } })) {
    const memberIds = row.memberIds.filter((id) => id !== memberId);
    if (memberIds.length) await tx.dutyRotation.update({ where: { id: row.id }, data: { memberIds } });
    else await tx.dutyRotation.delete({ where: { id: row.id } });
    await recordEvent(tx, {
      subjectKind: 'rota',
      subjectId: row.id,
      kind: 'rota.rotation_left',
      at,
      data: { coordinatorId: memberId },
    });
  }
}
