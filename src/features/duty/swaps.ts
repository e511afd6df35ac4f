// Shift swaps: a coordinator asks a colleague to take one of their shifts (and, if they say so, to
// give one back). Only the colleague asked can answer; accepting writes the swap as one-off rows,
// which override the pattern and rotations for exactly those shifts. Both are told; all is audited.
import { randomUUID } from 'node:crypto';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import { shortWhen } from '../../core/wording.js';
import { positionWord, spanText, swapAnsweredMessage, swapRequestMessage, typedText, type Span } from './messages.js';
import type { Position, Shift } from './policy.js';
import { DAY_MS, dutyTimeline, namesOf, networkZone, requireCoordinator } from './rota.js';
import { addShift, audit } from './shifts.js';

export interface SwapInput {
  position: Position;
  startsAt: Date;
  colleague: { id: string; name: string };
  /** The start of the colleague's shift the asker takes in return, if any. */
  returnStartsAt?: Date;
}

/** The shift (an unbroken segment of the timeline) `memberId` holds in that position from exactly `startsAt`. */
async function heldShift(
  ctx: ActorContext,
  memberId: string,
  position: Position,
  startsAt: Date,
): Promise<Shift | undefined> {
  const segments = await dutyTimeline(ctx.tx, ctx.deps, startsAt, new Date(startsAt.getTime() + 60_000));
  return segments.find(
    (s) => s.position === position && s.coordinatorId === memberId && s.startsAt.getTime() === startsAt.getTime(),
  );
}

async function noSuchShift(
  ctx: ActorContext,
  field: string,
  who: { id: string; name: string },
  position: Position,
  startsAt: Date,
  yours: boolean,
): Promise<Refusal> {
  const zone = await networkZone(ctx.tx, ctx.deps);
  const next = (await dutyTimeline(ctx.tx, ctx.deps, ctx.now, new Date(ctx.now.getTime() + 28 * DAY_MS)))
    .filter((s) => s.position === position && s.coordinatorId === who.id && s.startsAt > ctx.now)
    .slice(0, 3)
    .map((s) => typedText(s.startsAt, zone));
  const owner = yours ? 'You have' : `${who.name} has`;
  return new Refusal(
    `${field}: ${owner} no ${positionWord(position)} shift starting ${shortWhen(startsAt, zone)} (${zone}). ${next.length ? `The next ones start: ${next.join('; ')}.` : 'There are none in the next four weeks.'} Give the start as YYYY-MM-DD HH:MM.`,
  );
}

export async function requestSwap(ctx: ActorContext, input: SwapInput): Promise<{ shift: Span; back?: Span }> {
  const zone = await networkZone(ctx.tx, ctx.deps);
  if (input.colleague.id === ctx.actor.memberId) throw new Refusal('with: ask a colleague, not yourself.');
  await requireCoordinator(ctx.tx, input.colleague.id, input.colleague.name);
  if (input.startsAt <= ctx.now)
    throw new Refusal('shift: that shift has already started; to hand over the rest of it, use /duty cover.');
  const me = await ctx.tx.member.findUniqueOrThrow({
    where: { id: ctx.actor.memberId },
    select: { displayName: true },
  });
  const shift = await heldShift(ctx, ctx.actor.memberId, input.position, input.startsAt);
  if (!shift)
    throw await noSuchShift(
      ctx,
      'shift',
      { id: ctx.actor.memberId, name: me.displayName },
      input.position,
      input.startsAt,
      true,
    );
  let back: Shift | undefined;
  if (input.returnStartsAt) {
    if (input.returnStartsAt <= ctx.now)
      throw new Refusal(`for: ${input.colleague.name}'s shift has already started; choose one still to come.`);
    back = await heldShift(ctx, input.colleague.id, input.position, input.returnStartsAt);
    if (!back) throw await noSuchShift(ctx, 'for', input.colleague, input.position, input.returnStartsAt, false);
  }
  const pending = await ctx.tx.dutySwap.findFirst({
    where: { requesterId: ctx.actor.memberId, position: input.position, startsAt: shift.startsAt, status: 'pending' },
  });
  if (pending)
    throw new Refusal('shift: you have already asked about that shift; wait for the answer (it is still open).');
  const id = randomUUID();
  await ctx.tx.dutySwap.create({
    data: {
      id,
      position: input.position,
      requesterId: ctx.actor.memberId,
      colleagueId: input.colleague.id,
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
      returnStartsAt: back?.startsAt,
      returnEndsAt: back?.endsAt,
      createdAt: ctx.now,
    },
  });
  await audit(ctx, 'rota.swap_requested', id, {
    position: input.position,
    colleagueId: input.colleague.id,
    startsAt: shift.startsAt.toISOString(),
    returnStartsAt: back?.startsAt.toISOString() ?? '',
  });
  await ctx.deps.outbox.enqueue(ctx.tx, {
    to: 'member',
    memberId: input.colleague.id,
    key: `duty.swap:${id}`,
    message: swapRequestMessage(id, me.displayName, input.position, shift, back, zone),
  });
  return { shift, ...(back ? { back } : {}) };
}

export type SwapAnswer = 'accepted' | 'declined' | 'lapsed' | 'already';

/** The colleague's answer. Anyone else is refused and nothing changes; a second answer changes nothing. */
export async function answerSwap(
  ctx: ActorContext,
  swapId: string,
  accept: boolean,
): Promise<{ outcome: SwapAnswer; text: string }> {
  const found = await ctx.tx.dutySwap.findUnique({ where: { id: swapId } });
  if (!found) throw new Refusal('That swap request is no longer known.', 'not_found');
  const names = await namesOf(ctx.tx, [found.requesterId, found.colleagueId]);
  const [requester, colleague] = [
    names.get(found.requesterId) ?? 'a former coordinator',
    names.get(found.colleagueId) ?? 'a former coordinator',
  ];
  if (found.colleagueId !== ctx.actor.memberId)
    throw new Refusal(`Only ${colleague}, who was asked, can answer this swap request.`, 'not_owner');
  await ctx.tx.$queryRaw`SELECT "id" FROM "DutySwap" WHERE "id" = ${swapId}::uuid FOR UPDATE`;
  const swap = await ctx.tx.dutySwap.findUniqueOrThrow({ where: { id: swapId } });
  if (swap.status !== 'pending')
    return { outcome: 'already', text: `You already answered this swap request (${swap.status}).` };
  const zone = await networkZone(ctx.tx, ctx.deps);
  const shift = { startsAt: swap.startsAt, endsAt: swap.endsAt };
  const back =
    swap.returnStartsAt && swap.returnEndsAt ? { startsAt: swap.returnStartsAt, endsAt: swap.returnEndsAt } : undefined;
  const what = `${requester}'s ${positionWord(swap.position)} shift ${spanText(shift, zone)}${back ? ` for yours ${spanText(back, zone)}` : ''}`;

  let outcome: Exclude<SwapAnswer, 'already'> = accept ? 'accepted' : 'declined';
  if (accept) {
    const stillHeld = async (memberId: string, span: Span) =>
      (await heldShift(ctx, memberId, swap.position, span.startsAt))?.endsAt.getTime() === span.endsAt.getTime();
    const current =
      swap.startsAt > ctx.now &&
      (await stillHeld(swap.requesterId, shift)) &&
      (!back || (back.startsAt > ctx.now && (await stillHeld(swap.colleagueId, back))));
    if (!current) outcome = 'lapsed';
  }
  await ctx.tx.dutySwap.update({ where: { id: swapId }, data: { status: outcome, answeredAt: ctx.now } });
  if (outcome === 'accepted') {
    await addShift(ctx, {
      position: swap.position,
      coordinatorId: swap.colleagueId,
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
      reason: 'swap',
      name: colleague,
    });
    if (back)
      await addShift(ctx, {
        position: swap.position,
        coordinatorId: swap.requesterId,
        startsAt: back.startsAt,
        endsAt: back.endsAt,
        reason: 'swap',
        name: requester,
      });
  }
  await audit(ctx, `rota.swap_${outcome}`, swapId, { requesterId: swap.requesterId, colleagueId: swap.colleagueId });
  const toColleague = {
    accepted: `Swap accepted: you take ${what}. ${requester} has been told.`,
    declined: `Swap declined: ${what} stays as it was. ${requester} has been told.`,
    lapsed: `This swap can no longer be made: the shift has started or the rota changed since ${requester} asked. Nothing was swapped; ${requester} has been told.`,
  }[outcome];
  const toRequester = {
    accepted: `${colleague} accepted your swap: they take your ${positionWord(swap.position)} shift ${spanText(shift, zone)}${back ? `, and you take theirs ${spanText(back, zone)}` : ''}.`,
    declined: `${colleague} declined your swap of the ${positionWord(swap.position)} shift ${spanText(shift, zone)}; it stays yours. You could ask someone else with /duty swap.`,
    lapsed: `${colleague} tried to accept your swap of the ${positionWord(swap.position)} shift ${spanText(shift, zone)}, but it had started or the rota had changed. Nothing was swapped.`,
  }[outcome];
  await ctx.deps.outbox.enqueue(ctx.tx, {
    to: 'member',
    memberId: swap.requesterId,
    message: swapAnsweredMessage(toRequester),
  });
  await ctx.deps.outbox.enqueue(ctx.tx, {
    to: 'update',
    key: `duty.swap:${swapId}`,
    message: swapAnsweredMessage(toColleague),
  });
  return { outcome, text: toColleague };
}
