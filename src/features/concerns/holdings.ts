// A coordinator who leaves hands on the concerns they own: each goes back to being untaken and
// every coordinator is told at once (a job, in the same transaction), so none is left with nobody.
import type { Holding } from '../../core/holdings.js';
import { scheduleUntakenStep } from './record.js';

export const concernHolding: Holding = {
  name: 'owner of concerns',
  async list(tx, memberId) {
    const owned = await tx.concern.findMany({
      where: { ownerId: memberId, status: 'open' },
      select: { number: true, caseCode: true },
      orderBy: { number: 'asc' },
    });
    return owned.map((c) => `concern #${c.number}${c.caseCode ? ` (${c.caseCode})` : ''}`);
  },
  async release(tx, memberId, at) {
    const owned = await tx.concern.findMany({ where: { ownerId: memberId, status: 'open' } });
    for (const row of owned) {
      const released = await tx.concern.update({
        where: { id: row.id },
        data: { ownerId: null, takenAt: null, epoch: row.epoch + 1 },
      });
      await scheduleUntakenStep(tx, released, 'all', at);
    }
  },
};
