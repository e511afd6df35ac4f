// Asking: a check-in falls due (from the weekly series, a one-off such as a snooze or the care after
// a hard debrief, or /checkin now) and is sent privately, with the missed check 24 hours on.
import { randomUUID } from 'node:crypto';
import type { Message } from '../../core/message.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { memberEvent } from './audit.js';
import { consentFor } from './consent.js';
import { MISSED_KIND, ONCE_KIND } from './kinds.js';
import { checkinMessage } from './messages.js';
import { CHECKIN_REASONS, isAway, MISSED_AFTER_MS, oneOf, sensibleTime, welfareDefaults } from './policy.js';
import { ensureEnrolled, ensureSweep } from './schedule.js';

/**
 * A one-off check-in for a mentor (after a hard debrief, or the TRiM check-ins after a P1/P2
 * escalation). Moved into sensible local hours (09:00–20:00); one per reason and source.
 */
export async function scheduleCheckin(
  ctx: UseCaseContext,
  input: {
    memberId: string;
    reason: 'debrief_followup' | 'trim_72h' | 'trim_28d' | 'snooze' | 'workload';
    dueAt: Date;
    sourceId?: string;
  },
): Promise<void> {
  const member = await ctx.tx.member.findUnique({
    where: { id: input.memberId },
    select: { status: true, timeZone: true },
  });
  if (!member || member.status === 'left') return;
  await ensureSweep(ctx);
  const id = randomUUID();
  const dueAt = sensibleTime(input.dueAt, member.timeZone);
  const job = await enqueueJob(ctx.tx, {
    kind: ONCE_KIND,
    dueAt,
    payload: { checkinId: id },
    subject: { kind: 'checkin', id },
    dedupeKey: input.sourceId ? `welfare:${input.reason}:${input.sourceId}` : `welfare:checkin:${id}`,
  });
  if (!job.created) return;
  await ctx.tx.checkin.create({
    data: { id, memberId: input.memberId, reason: input.reason, status: 'scheduled', dueAt },
  });
  await memberEvent(ctx, input.memberId, 'welfare.checkin_scheduled', { checkinId: id, reason: input.reason });
}

/** Marks the check-in delivered and returns its message; `missable` ones are checked 24 hours on. */
async function deliver(ctx: UseCaseContext, checkinId: string, options: { missable: boolean }): Promise<Message> {
  const checkin = await ctx.tx.checkin.findUniqueOrThrow({ where: { id: checkinId } });
  const first =
    (await ctx.tx.checkin.count({ where: { memberId: checkin.memberId, deliveredAt: { not: null } } })) === 0;
  const { consent, supporter } = await consentFor(ctx, checkin.memberId);
  await ctx.tx.checkin.update({ where: { id: checkinId }, data: { status: 'delivered', deliveredAt: ctx.now } });
  const message = checkinMessage({
    checkinId,
    reason: oneOf(CHECKIN_REASONS, checkin.reason) ?? 'scheduled',
    consent,
    supporterName: supporter?.displayName ?? null,
    first,
    supportLines: welfareDefaults(ctx.deps.config).supportLines,
  });
  if (options.missable) {
    await enqueueJob(ctx.tx, {
      kind: MISSED_KIND,
      dueAt: new Date(ctx.now.getTime() + MISSED_AFTER_MS),
      payload: { checkinId },
      subject: { kind: 'checkin', id: checkinId },
      fence: String(checkin.epoch),
      dedupeKey: `welfare:missed:${checkinId}`,
    });
  }
  await memberEvent(ctx, checkin.memberId, 'welfare.checkin_delivered', { checkinId, reason: checkin.reason });
  return message;
}

/** The recurring check-in falls due (the runner has already skipped it if it was hours late). */
export async function runScheduledCheckin(ctx: UseCaseContext, memberId: string, dueAt: Date): Promise<void> {
  const member = await ctx.tx.member.findUnique({ where: { id: memberId } });
  if (!member || member.status === 'left' || !member.roles.includes('mentor')) return;
  if (isAway(member, ctx.now)) {
    await memberEvent(ctx, memberId, 'welfare.checkin_skipped', { cause: 'away' });
    return;
  }
  const id = randomUUID();
  await ctx.tx.checkin.create({ data: { id, memberId, reason: 'scheduled', status: 'scheduled', dueAt } });
  const message = await deliver(ctx, id, { missable: true });
  await ctx.deps.outbox.enqueue(ctx.tx, { to: 'member', memberId, message, key: `checkin:${id}` });
}

/** A one-off check-in falls due. Away: postponed to the return (a snooze is simply dropped). */
export async function runOneOffCheckin(ctx: UseCaseContext, checkinId: string): Promise<void> {
  const checkin = await ctx.tx.checkin.findUnique({ where: { id: checkinId } });
  if (checkin?.status !== 'scheduled') return;
  const member = await ctx.tx.member.findUniqueOrThrow({ where: { id: checkin.memberId } });
  if (member.status === 'left') {
    await ctx.tx.checkin.update({ where: { id: checkinId }, data: { status: 'cancelled' } });
    return;
  }
  if (isAway(member, ctx.now)) {
    if (checkin.reason === 'snooze' || !member.awayUntil) {
      await ctx.tx.checkin.update({ where: { id: checkinId }, data: { status: 'skipped' } });
      return;
    }
    const dueAt = sensibleTime(member.awayUntil, member.timeZone);
    await ctx.tx.checkin.update({ where: { id: checkinId }, data: { dueAt } });
    await enqueueJob(ctx.tx, {
      kind: ONCE_KIND,
      dueAt,
      payload: { checkinId },
      subject: { kind: 'checkin', id: checkinId },
      dedupeKey: `welfare:checkin:${checkinId}:${dueAt.toISOString()}`,
    });
    return;
  }
  const message = await deliver(ctx, checkinId, { missable: true });
  await ctx.deps.outbox.enqueue(ctx.tx, {
    to: 'member',
    memberId: checkin.memberId,
    message,
    key: `checkin:${checkinId}`,
  });
}

/** `/checkin now`: a check-in shown at once; not counted as missed if left unanswered. */
export async function checkinNow(ctx: ActorContext): Promise<Message> {
  await ensureEnrolled(ctx, ctx.actor.memberId);
  const id = randomUUID();
  await ctx.tx.checkin.create({
    data: { id, memberId: ctx.actor.memberId, reason: 'on_demand', status: 'scheduled', dueAt: ctx.now },
  });
  return deliver(ctx, id, { missable: false });
}
