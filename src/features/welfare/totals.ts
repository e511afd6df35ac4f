// Counts of check-in answers, never whose: the coordinators' network totals over four weeks (small
// counts hidden, "only me" answers left out) and the answers in a period, for the digest's figures.
import type { Deps } from '../../core/deps.js';
import type { Tx } from '../../db/client.js';
import { shownCount, type Answer } from './policy.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Network totals over the last four weeks for coordinators: answers shared as "only me" are not
 * counted; small counts are hidden. Individual flags only as the follow-up rules raised them.
 */
export async function networkTotals(db: Tx | Deps['db'], coordinatorId: string, now: Date) {
  const since = new Date(now.getTime() - 28 * DAY);
  const grouped = await db.checkin.groupBy({
    by: ['answer'],
    where: { status: 'answered', deliveredAt: { gte: since }, consent: { in: ['supporter', 'totals'] } },
    _count: { _all: true },
  });
  const count = (a: Answer) => grouped.find((g) => g.answer === a)?._count._all ?? 0;
  const open = await db.welfareFollowUp.findMany({
    where: {
      status: 'open',
      OR: [{ assignedToId: null }, { assignedToId: coordinatorId }],
      memberId: { not: coordinatorId },
    },
    orderBy: { createdAt: 'asc' },
    take: 20,
  });
  const names = await db.member.findMany({
    where: { id: { in: open.map((o) => o.memberId) } },
    select: { id: true, displayName: true },
  });
  return {
    totals: {
      well: shownCount(count('well')),
      stretched: shownCount(count('stretched')),
      struggling: shownCount(count('struggling')),
    },
    flags: open.map((o) => ({
      followUpId: o.id,
      name: names.find((n) => n.id === o.memberId)?.displayName ?? 'a member',
      since: o.createdAt,
    })),
  };
}

/** How many check-ins were answered from `from` (inclusive) to `to` (exclusive): a true count. */
export async function checkinsAnsweredIn(tx: Tx, range: { from: Date; to: Date }): Promise<number> {
  return tx.checkin.count({ where: { answeredAt: { gte: range.from, lt: range.to } } });
}
