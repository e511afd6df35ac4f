// What a leaving member hands on of peer supervision: pending offers and accepted requests pass to
// someone else (matched again), their own open requests are withdrawn, and upcoming places freed.
import { recordEvent } from '../../core/events.js';
import type { Holding } from '../../core/holdings.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { jobKindsOf } from './job-kinds.js';
import { SUBJECT } from './timeline.js';

const ownOpen = (memberId: string) => ({ requesterId: memberId, status: { in: ['offered', 'waiting', 'accepted'] } });
const acceptedBy = (memberId: string) => ({ acceptedById: memberId, status: 'accepted', happened: null });

/** Moves the request's epoch on (silencing its timers) and matches it again. */
async function matchAgain(tx: Tx, requestId: string, wasAccepted: boolean, supervisorId: string, at: Date) {
  const rows = await tx.$queryRaw<
    { epoch: number }[]
  >`UPDATE "SupervisionRequest" SET "epoch" = "epoch" + 1 WHERE "id" = ${requestId}::uuid RETURNING "epoch"`;
  await recordEvent(tx, {
    subjectKind: SUBJECT,
    subjectId: requestId,
    kind: 'supervision.released',
    at,
    data: { supervisorId },
  });
  await enqueueJob(tx, {
    kind: jobKindsOf.advance,
    dueAt: at,
    subject: { kind: SUBJECT, id: requestId },
    fence: String(rows[0]!.epoch),
    payload: { wasAccepted },
    dedupeKey: `supervision-advance:${requestId}:${rows[0]!.epoch}`,
  });
}

/** Pending offers and accepted requests pass to someone else; the leaver's own open requests are withdrawn. */
export const supervisionHolding: Holding = {
  name: 'peer supervision',
  async list(tx, memberId) {
    const offers = await tx.supervisionOffer.findMany({
      where: { supervisorId: memberId, response: null },
      select: { requestId: true },
    });
    const accepted = await tx.supervisionRequest.findMany({ where: acceptedBy(memberId), select: { number: true } });
    const own = await tx.supervisionRequest.findMany({ where: ownOpen(memberId), select: { number: true } });
    const offered = offers.length
      ? await tx.supervisionRequest.findMany({
          where: { id: { in: offers.map((o) => o.requestId) } },
          select: { number: true },
        })
      : [];
    return [
      ...offered.map((r) => `offer of request #${r.number} (passed on)`),
      ...accepted.map((r) => `request #${r.number} they accepted (matched again)`),
      ...own.map((r) => `own request #${r.number} (withdrawn)`),
    ];
  },
  async release(tx, memberId, at) {
    const again = new Map<string, boolean>();
    for (const offer of await tx.supervisionOffer.findMany({ where: { supervisorId: memberId, response: null } })) {
      await tx.supervisionOffer.update({ where: { id: offer.id }, data: { response: 'released', respondedAt: at } });
      again.set(offer.requestId, again.get(offer.requestId) ?? false);
    }
    for (const req of await tx.supervisionRequest.findMany({ where: acceptedBy(memberId) })) {
      await tx.supervisionRequest.update({
        where: { id: req.id },
        data: { status: 'offered', acceptedById: null, acceptedAt: null },
      });
      again.set(req.id, true);
    }
    for (const [requestId, wasAccepted] of again) await matchAgain(tx, requestId, wasAccepted, memberId, at);
    for (const req of await tx.supervisionRequest.findMany({ where: ownOpen(memberId) })) {
      await tx.supervisionOffer.updateMany({
        where: { requestId: req.id, response: null },
        data: { response: 'withdrawn', respondedAt: at },
      });
      await tx.supervisionRequest.update({
        where: { id: req.id },
        data: { status: 'withdrawn', closedAt: at, epoch: { increment: 1 } },
      });
      await recordEvent(tx, {
        subjectKind: SUBJECT,
        subjectId: req.id,
        kind: 'supervision.withdrawn',
        at,
        data: { reason: 'requester_left' },
      });
    }
    const upcoming = await tx.groupSupervision.findMany({ where: { startsAt: { gt: at } }, select: { id: true } });
    await tx.groupSignup.deleteMany({ where: { memberId, groupId: { in: upcoming.map((g) => g.id) } } });
  },
};
