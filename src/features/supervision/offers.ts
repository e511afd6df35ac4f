// Offers: a request offered to the best eligible peer supervisor one at a time, accepted or declined,
// passed on when its window closes or its supervisor leaves, or assigned by a coordinator by hand.
import { randomUUID } from 'node:crypto';
import type { Reply } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { jobKindsOf } from './job-kinds.js';
import { byHandRanking, matchingInputs } from './matching.js';
import {
  assignedMessage,
  cannotTake,
  closedOffer,
  needsSupervisorMessage,
  offerMessage,
  rematchingMessage,
  stillLookingMessage,
  supportedMessage,
} from './messages.js';
import { nameOf } from './people.js';
import { afterCheckAt, exclusionOf, offerMinutes, offerWindowMs, rankSupervisors, type Urgency } from './policy.js';
import { lockRequest, type RequestRow } from './request-row.js';
import { offerKey, send, SUBJECT, timeline } from './timeline.js';
import { acceptedView } from './views.js';

/**
 * Offers the request to the best eligible supervisor not yet asked; when nobody is left it goes to
 * the coordinators, who can assign by hand. Moves the epoch on, so older timers do nothing.
 */
export async function offerNext(ctx: UseCaseContext, requestId: string): Promise<'offered' | 'waiting'> {
  const { tx, deps, now } = ctx;
  const req = await lockRequest(tx, requestId);
  const settings = await readSettings(tx, deps);
  const inputs = await matchingInputs(tx, req);
  const best = rankSupervisors(inputs.candidates, inputs.match, now, settings.workingHours)[0];
  const epoch = req.epoch + 1;
  const asked = inputs.match.alreadyAskedIds.length;
  if (!best) {
    await tx.supervisionRequest.update({ where: { id: req.id }, data: { status: 'waiting', epoch } });
    await timeline(ctx, req.id, 'unmatched', { asked });
    await send(ctx, {
      to: 'channel',
      channel: 'coordinators',
      key: `supervision-waiting:${req.id}:${epoch}`,
      message: needsSupervisorMessage(req, asked, byHandRanking(inputs, now, settings.workingHours)),
    });
    if (asked) await send(ctx, { to: 'member', memberId: req.requesterId, message: stillLookingMessage(req.number) });
    return 'waiting';
  }
  const windowMs = offerWindowMs(req.urgency as Urgency, offerMinutes(deps.config));
  const offerId = randomUUID();
  await tx.supervisionOffer.create({
    data: {
      id: offerId,
      requestId: req.id,
      supervisorId: best.memberId,
      rank: asked + 1,
      reasons: best.reasons,
      offeredAt: now,
    },
  });
  await tx.supervisionRequest.update({ where: { id: req.id }, data: { status: 'offered', epoch } });
  await timeline(ctx, req.id, 'offered', {
    supervisorId: best.memberId,
    rank: asked + 1,
    windowMinutes: windowMs / 60_000,
    fit: best.reasons.fit,
    preferred: best.reasons.preferred,
  });
  await send(ctx, {
    to: 'member',
    memberId: best.memberId,
    key: offerKey(offerId),
    message: offerMessage(req, offerId, windowMs),
  });
  await enqueueJob(tx, {
    kind: jobKindsOf.offerExpired,
    dueAt: new Date(now.getTime() + windowMs),
    subject: { kind: SUBJECT, id: req.id },
    fence: String(epoch),
    payload: { offerId },
    dedupeKey: `supervision-offer-expiry:${offerId}`,
  });
  return 'offered';
}

/** The offer timer: no answer within the window passes the request to the next supervisor. */
export async function expireOffer(ctx: UseCaseContext, offerId: string): Promise<void> {
  const offer = await ctx.tx.supervisionOffer.findUnique({ where: { id: offerId } });
  if (!offer || offer.response !== null) return;
  const req = await lockRequest(ctx.tx, offer.requestId);
  if (req.status !== 'offered') return;
  await ctx.tx.supervisionOffer.update({ where: { id: offerId }, data: { response: 'expired', respondedAt: ctx.now } });
  await timeline(ctx, req.id, 'offer_expired', { supervisorId: offer.supervisorId });
  await send(ctx, {
    to: 'update',
    key: offerKey(offerId),
    message: closedOffer(
      req.number,
      'This request was passed to another peer supervisor after the answer window. No action needed.',
    ),
  });
  await offerNext(ctx, req.id);
}

/** Starts matching again (after a supervisor holding it left): run as a job, fenced by the epoch. */
export async function advanceRequest(
  ctx: UseCaseContext,
  input: { requestId: string; wasAccepted: boolean },
): Promise<void> {
  const req = await lockRequest(ctx.tx, input.requestId);
  if (req.status !== 'offered' && req.status !== 'waiting') return;
  const pending = await ctx.tx.supervisionOffer.count({ where: { requestId: req.id, response: null } });
  if (pending) return;
  if (input.wasAccepted)
    await send(ctx, { to: 'member', memberId: req.requesterId, message: rematchingMessage(req.number) });
  await offerNext(ctx, req.id);
}

/** A supervisor's Accept or Decline on the offer made to them. */
export async function respondToOffer(
  ctx: ActorContext,
  input: { offerId: string; answer: 'accept' | 'decline' },
): Promise<Reply[]> {
  const { offerId, answer } = input;
  const offer = await ctx.tx.supervisionOffer.findUnique({ where: { id: offerId } });
  if (!offer || offer.supervisorId !== ctx.actor.memberId)
    throw new Refusal(
      'This offer was made to someone else, so it cannot be answered here.',
      offer ? 'not_owner' : 'not_found',
    );
  const req = await lockRequest(ctx.tx, offer.requestId);
  if (offer.response !== null || req.status !== 'offered') {
    const already =
      req.acceptedById === ctx.actor.memberId
        ? 'You have already accepted this request.'
        : 'This request has already moved on (it was passed on, accepted or withdrawn), so nothing more is needed. Thank you.';
    throw new Refusal(already, 'closed');
  }
  await ctx.tx.supervisionOffer.update({
    where: { id: offerId },
    data: { response: answer === 'accept' ? 'accepted' : 'declined', respondedAt: ctx.now },
  });
  if (answer === 'decline') {
    await timeline(ctx, req.id, 'declined', { supervisorId: ctx.actor.memberId }, ctx.actor.memberId);
    await send(ctx, {
      to: 'update',
      key: offerKey(offerId),
      message: closedOffer(
        req.number,
        'You declined this request; it has been passed on. Thank you for saying so quickly.',
      ),
    });
    await offerNext(ctx, req.id);
    return [
      {
        to: 'actor',
        message: { text: 'Thank you for letting us know. The request has been passed to another peer supervisor.' },
      },
    ];
  }
  await send(ctx, {
    to: 'update',
    key: offerKey(offerId),
    message: closedOffer(req.number, 'You accepted this request. /supervision list shows it, with the summary.'),
  });
  await acceptRequest(ctx, req, ctx.actor.memberId, 'offer');
  return [{ to: 'actor', message: await acceptedView(ctx, req.id, true) }];
}

/** Makes a supervisor the accepting supervisor, tells the requester and schedules the after-check. */
async function acceptRequest(
  ctx: UseCaseContext & Partial<Pick<ActorContext, 'actor'>>,
  req: RequestRow,
  supervisorId: string,
  how: 'offer' | 'assigned',
): Promise<void> {
  const epoch = req.epoch + 1;
  await ctx.tx.supervisionRequest.update({
    where: { id: req.id },
    data: { status: 'accepted', acceptedById: supervisorId, acceptedAt: ctx.now, epoch },
  });
  await timeline(ctx, req.id, how === 'offer' ? 'accepted' : 'assigned', { supervisorId }, ctx.actor?.memberId);
  const supervisor = await nameOf(ctx.tx, supervisorId);
  await send(ctx, { to: 'member', memberId: req.requesterId, message: supportedMessage(req, supervisor, how) });
  const people = await ctx.tx.member.findMany({
    where: { id: { in: [req.requesterId, supervisorId] } },
    select: { id: true, timeZone: true },
  });
  for (const [to, memberId] of [
    ['requester', req.requesterId],
    ['supervisor', supervisorId],
  ] as const) {
    const zone = people.find((p) => p.id === memberId)?.timeZone ?? 'Europe/London';
    await enqueueJob(ctx.tx, {
      kind: jobKindsOf.after,
      dueAt: afterCheckAt(ctx.now, req.urgency as Urgency, zone),
      subject: { kind: SUBJECT, id: req.id },
      fence: String(epoch),
      payload: { to, round: 0 },
      dedupeKey: `supervision-after:${req.id}:${epoch}:${to}:0`,
    });
  }
}

/** A coordinator assigns by hand (after nobody accepted, or instead of waiting). */
export async function assignByHand(
  ctx: ActorContext,
  input: { requestId: string; supervisorId: string },
): Promise<Reply[]> {
  const { supervisorId } = input;
  const req = await lockRequest(ctx.tx, input.requestId);
  if (req.status !== 'offered' && req.status !== 'waiting')
    throw new Refusal(
      `Request #${req.number} has already been ${req.status === 'accepted' ? `accepted by ${await nameOf(ctx.tx, req.acceptedById)}` : req.status}. Nothing was changed.`,
      'closed',
    );
  const { candidates, match } = await matchingInputs(ctx.tx, req);
  const candidate = candidates.find((c) => c.memberId === supervisorId);
  const why = candidate ? exclusionOf(candidate, match, ctx.now) : 'not_peer_supervisor';
  if (why && why !== 'already_asked')
    throw new Refusal(cannotTake(await nameOf(ctx.tx, supervisorId), req.number, why));
  await closePendingOffers(ctx, req, 'A coordinator has arranged this request with someone else. No action needed.');
  await acceptRequest(ctx, req, supervisorId, 'assigned');
  const requester = await nameOf(ctx.tx, req.requesterId);
  await send(ctx, { to: 'member', memberId: supervisorId, message: assignedMessage(req, requester) });
  return [
    {
      to: 'actor',
      message: {
        text: `Request #${req.number} is assigned to ${await nameOf(ctx.tx, supervisorId)}; ${requester} has been told.`,
        tone: 'success',
      },
    },
  ];
}

/** Withdraws the offers still awaiting an answer, editing each offer's message to say why. */
export async function closePendingOffers(ctx: UseCaseContext, req: RequestRow, text: string): Promise<void> {
  for (const pending of await ctx.tx.supervisionOffer.findMany({ where: { requestId: req.id, response: null } })) {
    await ctx.tx.supervisionOffer.update({
      where: { id: pending.id },
      data: { response: 'withdrawn', respondedAt: ctx.now },
    });
    await send(ctx, { to: 'update', key: offerKey(pending.id), message: closedOffer(req.number, text) });
  }
}
