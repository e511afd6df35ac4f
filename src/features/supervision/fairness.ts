// Fairness, for coordinators: each peer supervisor's open load and how they answered offers in the
// last 90 days, and the requests waiting longest for a supervisor.
import type { Message } from '../../core/message.js';
import type { UseCaseContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { median, plainDuration, urgencyLabel } from './policy.js';

interface SupervisorStats {
  memberId: string;
  displayName: string;
  load: number;
  offers: number;
  accepted: number;
  declined: number;
  expired: number;
  medianResponseMs?: number;
  available: boolean;
}

/** Each peer supervisor's open load and how they answered offers in the last 90 days. */
async function supervisorStats(tx: Tx, now: Date): Promise<SupervisorStats[]> {
  const since = new Date(now.getTime() - 90 * 24 * 60 * 60_000);
  const supervisors = await tx.member.findMany({
    where: { roles: { has: 'peer_supervisor' }, status: { not: 'left' } },
    select: { id: true, displayName: true, status: true, awayUntil: true },
    orderBy: { displayName: 'asc' },
  });
  const offers = await tx.supervisionOffer.findMany({
    where: { supervisorId: { in: supervisors.map((s) => s.id) }, offeredAt: { gte: since } },
    select: { supervisorId: true, response: true, offeredAt: true, respondedAt: true },
  });
  const loads = await tx.supervisionRequest.groupBy({
    by: ['acceptedById'],
    where: { status: 'accepted' },
    _count: { _all: true },
  });
  return supervisors.map((s) => {
    const own = offers.filter((o) => o.supervisorId === s.id);
    const answeredIn = own
      .filter((o) => o.respondedAt && (o.response === 'accepted' || o.response === 'declined'))
      .map((o) => o.respondedAt!.getTime() - o.offeredAt.getTime());
    return {
      memberId: s.id,
      displayName: s.displayName,
      load: loads.find((l) => l.acceptedById === s.id)?._count._all ?? 0,
      offers: own.length,
      accepted: own.filter((o) => o.response === 'accepted').length,
      declined: own.filter((o) => o.response === 'declined').length,
      expired: own.filter((o) => o.response === 'expired').length,
      medianResponseMs: median(answeredIn),
      available: !(s.status === 'away' && (!s.awayUntil || s.awayUntil > now)),
    };
  });
}

/** The load and response-time figures, and the three requests waiting longest for a supervisor. */
export async function fairnessSection(ctx: Pick<UseCaseContext, 'tx' | 'now'>): Promise<Message> {
  const { tx, now } = ctx;
  const stats = await supervisorStats(tx, now);
  const waiting = await tx.supervisionRequest.findMany({
    where: { status: { in: ['offered', 'waiting'] } },
    orderBy: { createdAt: 'asc' },
    take: 3,
  });
  return {
    title: 'Peer supervision: load and response times (90 days)',
    text: waiting.length
      ? `Waiting longest: ${waiting.map((w) => `#${w.number} (${urgencyLabel(w.urgency)}, ${plainDuration(now.getTime() - w.createdAt.getTime())})`).join(', ')}.`
      : 'No request is waiting for a supervisor.',
    fields: stats.map((s) => ({
      label: `${s.displayName}${s.available ? '' : ' (away)'}`,
      value: `${s.load} open; ${s.offers} offered, ${s.accepted} accepted, ${s.declined} declined, ${s.expired} no answer; median answer ${s.medianResponseMs === undefined ? 'n/a' : plainDuration(s.medianResponseMs)}`,
    })),
  };
}
