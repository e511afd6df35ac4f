// Answering: the mentor's own check-in answered, changed for 24 hours, added to (what is weighing
// on them, sealed for them alone; what they would like; who sees it) or put off until tomorrow.
import type { Reply } from '../../core/message.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { Refusal } from '../../core/refusal.js';
import { isUuid } from '../../core/values.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { actorEvent } from './audit.js';
import { scheduleCheckin } from './checkin.js';
import { consentFor } from './consent.js';
import { FOLLOWUP_KIND } from './kinds.js';
import { answeredMessage } from './messages.js';
import { CHANGE_WINDOW_MS, CONSENTS, oneOf, sensibleTime, type Answer, type Consent, type Wants } from './policy.js';

const DAY = 24 * 60 * 60 * 1000;

/** The check-in, locked, if it is the actor's own; anyone else's is refused as if unknown. */
export async function ownCheckin(ctx: ActorContext, checkinId: string) {
  // Buttons are parsed by the router; the answer form's context is checked here.
  if (!isUuid(checkinId)) throw new Refusal('That button is no longer valid.', 'bad_button');
  await ctx.tx.$queryRaw`SELECT "id" FROM "Checkin" WHERE "id" = ${checkinId}::uuid FOR UPDATE`;
  const checkin = await ctx.tx.checkin.findUnique({ where: { id: checkinId } });
  // Someone else's check-in is treated as unknown: nothing about it is revealed.
  if (!checkin || checkin.memberId !== ctx.actor.memberId)
    throw new Refusal('That check-in is not one of yours, so nothing was changed.', 'not_owner');
  return checkin;
}

function assertChangeable(checkin: { status: string; changeableUntil: Date | null }, now: Date) {
  if (['scheduled', 'cancelled', 'skipped', 'snoozed'].includes(checkin.status))
    throw new Refusal('That check-in is no longer open. You can start a new one with /checkin now.', 'closed');
  if (checkin.changeableUntil && checkin.changeableUntil <= now)
    throw new Refusal(
      'An answer can be changed for 24 hours; this one is settled now. You can start a new check-in with /checkin now.',
      'closed',
    );
}

/** The answer as it was given, open to add to or change. */
async function answeredCheckin(ctx: ActorContext, checkinId: string) {
  const checkin = await ownCheckin(ctx, checkinId);
  if (!checkin.answer) throw new Refusal('Please choose how you are doing first, with one of the buttons.');
  assertChangeable(checkin, ctx.now);
  return checkin;
}

/** The follow-up rules run again for this version of the answer (an older version's run does nothing). */
async function queueFollowUp(ctx: UseCaseContext, checkinId: string, epoch: number) {
  await enqueueJob(ctx.tx, {
    kind: FOLLOWUP_KIND,
    dueAt: ctx.now,
    payload: { checkinId },
    subject: { kind: 'checkin', id: checkinId },
    fence: String(epoch),
    dedupeKey: `welfare:followup:${checkinId}:${epoch}`,
  });
}

/** An answer button: the answer is kept (or changed), and the check-in itself now shows it. */
export async function answerCheckin(ctx: ActorContext, checkinId: string, answer: Answer): Promise<Reply[]> {
  const checkin = await ownCheckin(ctx, checkinId);
  assertChangeable(checkin, ctx.now);
  const changed = checkin.answer !== null;
  const { consent, supporter } = await consentFor(ctx, checkin.memberId);
  const chosen = oneOf(CONSENTS, checkin.consent) ?? consent;
  const epoch = checkin.epoch + 1;
  const until = checkin.changeableUntil ?? new Date(ctx.now.getTime() + CHANGE_WINDOW_MS);
  await ctx.tx.checkin.update({
    where: { id: checkinId },
    data: {
      answer,
      consent: chosen,
      status: 'answered',
      answeredAt: checkin.answeredAt ?? ctx.now,
      changeableUntil: until,
      epoch,
    },
  });
  await queueFollowUp(ctx, checkinId, epoch);
  await actorEvent(ctx, checkin.memberId, changed ? 'welfare.checkin_changed' : 'welfare.checkin_answered', {
    checkinId,
  });
  const message = answeredMessage({
    checkinId,
    answer,
    consent: chosen,
    supporterName: supporter?.displayName ?? null,
    changeableUntil: until,
    zone: ctx.actor.timeZone,
    changed,
  });
  // The check-in itself (where it was sent as a message) now shows the answer, still changeable.
  return [
    { to: 'actor', message },
    { to: 'update', key: `checkin:${checkinId}`, message: { ...message, title: 'Check-in', tone: 'info' } },
  ];
}

/** What the "add more" form opens with: the answer's consent and what the mentor would like. */
export async function answerFormInitial(ctx: ActorContext, checkinId: string) {
  const checkin = await answeredCheckin(ctx, checkinId);
  const { consent } = await consentFor(ctx, checkin.memberId);
  return { consent: checkin.consent ?? consent, wants: checkin.wants ?? '' };
}

/** The "add more" form: what is weighing (sealed for the mentor), what they would like, who sees it. */
export async function addToAnswer(
  ctx: ActorContext,
  checkinId: string,
  values: { weighing?: string; wants?: Wants; consent: Consent },
): Promise<void> {
  const checkin = await answeredCheckin(ctx, checkinId);
  const epoch = checkin.epoch + 1;
  const weighingEnc = values.weighing
    ? await ctx.deps.vault.seal(
        ctx.tx,
        values.weighing,
        { table: 'Checkin', column: 'weighingEnc', rowId: checkinId },
        { kind: 'member', id: checkin.memberId },
      )
    : checkin.weighingEnc;
  await ctx.tx.checkin.update({
    where: { id: checkinId },
    data: { consent: values.consent, wants: values.wants ?? checkin.wants, weighingEnc, epoch },
  });
  await queueFollowUp(ctx, checkinId, epoch);
  await actorEvent(ctx, checkin.memberId, 'welfare.checkin_changed', { checkinId });
}

/** "Remind me tomorrow": this one is put aside and a one-off check-in asked a day on, in sensible hours. */
export async function snoozeCheckin(ctx: ActorContext, checkinId: string): Promise<Date> {
  const checkin = await ownCheckin(ctx, checkinId);
  if (checkin.status !== 'delivered' && checkin.status !== 'missed')
    throw new Refusal('That check-in is no longer waiting for an answer.', 'closed');
  await ctx.tx.checkin.update({ where: { id: checkinId }, data: { status: 'snoozed', epoch: checkin.epoch + 1 } });
  const dueAt = new Date(ctx.now.getTime() + DAY);
  await scheduleCheckin(ctx, { memberId: checkin.memberId, reason: 'snooze', dueAt, sourceId: checkinId });
  return sensibleTime(dueAt, ctx.actor.timeZone);
}
