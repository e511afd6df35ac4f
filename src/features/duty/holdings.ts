// What a leaving coordinator holds of the rota: their weekly shifts and rotations. Releasing takes
// them off the pattern, future one-offs and rotations, lapses their pending swaps and revokes
// their calendar address.
import type { Holding } from '../../core/holdings.js';
import { minuteText, weekdays } from './policy.js';
import { leaveRotations } from './rotations.js';

export const rotaHolding: Holding = {
  name: 'on the duty rota',
  async list(tx, memberId) {
    const pattern = await tx.rotaPattern.findMany({
      where: { coordinatorId: memberId },
      orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }],
    });
    const rotations = await tx.dutyRotation.findMany({
      where: { memberIds: { has: memberId } },
      select: { name: true },
    });
    return [
      ...pattern.map((p) => `${weekdays[p.weekday - 1]}s from ${minuteText(p.startMinute)} (${p.position})`),
      ...rotations.map((r) => `rotation ${r.name}`),
    ];
  },
  async release(tx, memberId, at) {
    await tx.rotaPattern.deleteMany({ where: { coordinatorId: memberId } });
    await tx.dutyShift.deleteMany({ where: { coordinatorId: memberId, endsAt: { gt: at } } });
    await leaveRotations(tx, memberId, at);
    await tx.dutySwap.updateMany({
      where: { status: 'pending', OR: [{ requesterId: memberId }, { colleagueId: memberId }] },
      data: { status: 'lapsed', answeredAt: at },
    });
    await tx.calendarFeed.updateMany({ where: { memberId, revokedAt: null }, data: { revokedAt: at } });
  },
};
