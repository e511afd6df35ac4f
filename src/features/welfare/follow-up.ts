// The gentle follow-up after an answer or a run of missed check-ins: the supporter (or the duty
// coordinator) asked to reach out with content-free messages, offers made to the mentor directly,
// the follow-up closed by whoever reached out, and what a leaving member was asked to do handed on.
import { randomUUID } from 'node:crypto';
import type { Holding } from '../../core/holdings.js';
import type { Message } from '../../core/message.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { Refusal } from '../../core/refusal.js';
import { whoIsOnDuty } from '../duty/api.js';
import { actorEvent, memberEvent } from './audit.js';
import { ownCheckin } from './answer.js';
import { supporterOf } from './consent.js';
import {
  askedToReachOutMessage,
  directOfferMessage,
  nudgeMessage,
  professionalMessage,
  softReminderMessage,
  supervisionOfferMessage,
} from './messages.js';
import {
  ANSWERS,
  CHECKIN_REASONS,
  CONSENTS,
  followUpFor,
  isAway,
  missedAction,
  missedRun,
  oneOf,
  WANTS,
  welfareDefaults,
  type FollowUpRule,
} from './policy.js';

/**
 * Who is asked when there is no supporter: the coordinator on duty now (primary, else backup, from
 * the duty rota); with nobody on the rota, every active coordinator stands in.
 */
async function dutyCoordinators(ctx: UseCaseContext, exceptId: string): Promise<{ id: string; displayName: string }[]> {
  const onDuty = await whoIsOnDuty(ctx.tx, ctx.deps, ctx.now);
  for (const shift of [onDuty.primary, onDuty.backup]) {
    if (!shift || shift.coordinatorId === exceptId) continue;
    const holder = await ctx.tx.member.findFirst({
      where: { id: shift.coordinatorId, status: { not: 'left' } },
      select: { id: true, displayName: true },
    });
    if (holder) return [holder];
  }
  return ctx.tx.member.findMany({
    where: { status: { not: 'left' }, roles: { has: 'coordinator' }, id: { not: exceptId } },
    select: { id: true, displayName: true },
    orderBy: { displayName: 'asc' },
  });
}

/** Asks the supporter (or the duty coordinator) to reach out: one follow-up row, content-free messages. */
async function nudge(
  ctx: UseCaseContext,
  input: { memberId: string; checkinId: string | null; rule: FollowUpRule; useSupporter: boolean },
): Promise<{ askedName: string | null; created: boolean }> {
  const member = await ctx.tx.member.findUniqueOrThrow({
    where: { id: input.memberId },
    select: { displayName: true },
  });
  if (input.checkinId) {
    const existing = await ctx.tx.welfareFollowUp.findFirst({
      where: { checkinId: input.checkinId, rule: { in: ['struggling', 'call_requested', 'asked_for_call'] } },
    });
    if (existing) {
      const who = existing.assignedToId
        ? await ctx.tx.member.findUnique({ where: { id: existing.assignedToId }, select: { displayName: true } })
        : null;
      return { askedName: who?.displayName ?? 'the duty coordinator', created: false };
    }
  }
  const supporter = input.useSupporter ? await supporterOf(ctx.tx, input.memberId) : null;
  const recipients = supporter ? [supporter] : await dutyCoordinators(ctx, input.memberId);
  if (!recipients.length) return { askedName: null, created: false };
  const id = randomUUID();
  // Assigned to the supporter, or the one coordinator on duty; unassigned when every coordinator is asked.
  const assignedToId = supporter?.id ?? (recipients.length === 1 ? recipients[0]!.id : null);
  await ctx.tx.welfareFollowUp.create({
    data: {
      id,
      memberId: input.memberId,
      checkinId: input.checkinId,
      rule: input.rule,
      assignedToId,
      createdAt: ctx.now,
    },
  });
  for (const r of recipients) {
    await ctx.deps.outbox.enqueue(ctx.tx, {
      to: 'member',
      memberId: r.id,
      message: nudgeMessage({
        followUpId: id,
        name: member.displayName,
        rule: input.rule,
        asSupporter: !!supporter,
        sharedAnswer: supporter && input.rule === 'struggling' ? 'struggling' : undefined,
      }),
      key: `followup:${id}`,
    });
  }
  await memberEvent(ctx, input.memberId, 'welfare.followup_opened', { followUpId: id, rule: input.rule, assignedToId });
  return {
    askedName: supporter
      ? supporter.displayName
      : recipients.length === 1
        ? `${recipients[0]!.displayName} (the duty coordinator)`
        : 'the coordinators',
    created: true,
  };
}

/** Notes an offer made to the mentor alone (once per check-in and rule); false when already made. */
async function noteFollowUp(
  ctx: UseCaseContext,
  memberId: string,
  checkinId: string | null,
  rule: FollowUpRule,
): Promise<boolean> {
  if (checkinId && (await ctx.tx.welfareFollowUp.findFirst({ where: { checkinId, rule } }))) return false;
  await ctx.tx.welfareFollowUp.create({
    data: { id: randomUUID(), memberId, checkinId, rule, status: 'offered', createdAt: ctx.now },
  });
  await memberEvent(ctx, memberId, 'welfare.followup_offered', { rule, checkinId });
  return true;
}

/** The follow-up rules for an answer (run again when it changes). */
export async function runFollowUp(ctx: UseCaseContext, checkinId: string): Promise<void> {
  const checkin = await ctx.tx.checkin.findUnique({ where: { id: checkinId } });
  const answer = oneOf(ANSWERS, checkin?.answer ?? null);
  if (!checkin || !answer || checkin.status !== 'answered') return;
  const recent = await ctx.tx.checkin.findMany({
    where: { memberId: checkin.memberId, status: 'answered', deliveredAt: { lte: checkin.deliveredAt ?? ctx.now } },
    orderBy: { deliveredAt: 'desc' },
    take: 5,
    select: { answer: true },
  });
  let stretchedRun = 0;
  for (const r of recent) {
    if (r.answer !== 'stretched') break;
    stretchedRun++;
  }
  const decision = followUpFor({
    answer,
    consent: oneOf(CONSENTS, checkin.consent) ?? 'private',
    wants: oneOf(WANTS, checkin.wants),
    stretchedRun,
    reason: oneOf(CHECKIN_REASONS, checkin.reason) ?? 'scheduled',
  });
  const { supportLines, professionalSupport } = welfareDefaults(ctx.deps.config);
  const to = (message: Message) =>
    ctx.deps.outbox.enqueue(ctx.tx, { to: 'member', memberId: checkin.memberId, message });
  if (decision.nudge) {
    const { askedName, created } = await nudge(ctx, {
      memberId: checkin.memberId,
      checkinId,
      rule: decision.nudge,
      useSupporter: true,
    });
    if (askedName === null) decision.offerDirectly = true;
    else if (created) await to(askedToReachOutMessage(askedName, supportLines));
  }
  if (decision.offerDirectly && (await noteFollowUp(ctx, checkin.memberId, checkinId, 'offered_directly'))) {
    await to(directOfferMessage({ checkinId, supportLines }));
  }
  if (decision.offerSupervision && (await noteFollowUp(ctx, checkin.memberId, checkinId, 'stretched_twice'))) {
    await to(supervisionOfferMessage(checkin.wants === 'supervision'));
  }
  if (decision.pointToProfessional && (await noteFollowUp(ctx, checkin.memberId, checkinId, 'trim_professional'))) {
    await to(professionalMessage(professionalSupport, supportLines));
  }
}

/** "Ask for a call" from the direct offer: the mentor's own explicit request. Who was asked, if anyone. */
export async function askForCall(ctx: ActorContext, checkinId: string): Promise<string | null> {
  const checkin = await ownCheckin(ctx, checkinId);
  const { askedName } = await nudge(ctx, {
    memberId: checkin.memberId,
    checkinId,
    rule: 'asked_for_call',
    useSupporter: true,
  });
  return askedName;
}

/** No answer 24 hours after delivery. Away by then: not missed. */
export async function runMissed(ctx: UseCaseContext, checkinId: string): Promise<void> {
  const checkin = await ctx.tx.checkin.findUnique({ where: { id: checkinId } });
  if (checkin?.status !== 'delivered') return;
  const member = await ctx.tx.member.findUniqueOrThrow({ where: { id: checkin.memberId } });
  if (member.status === 'left' || isAway(member, ctx.now)) {
    await ctx.tx.checkin.update({ where: { id: checkinId }, data: { status: 'skipped' } });
    return;
  }
  await ctx.tx.checkin.update({ where: { id: checkinId }, data: { status: 'missed' } });
  const recent = await ctx.tx.checkin.findMany({
    where: { memberId: checkin.memberId, status: { in: ['answered', 'missed'] } },
    orderBy: { deliveredAt: 'desc' },
    take: 10,
    select: { status: true },
  });
  const action = missedAction(missedRun(recent.map((r) => r.status)));
  await memberEvent(ctx, checkin.memberId, 'welfare.checkin_missed', { checkinId });
  if (action === 'reminder') {
    await noteFollowUp(ctx, checkin.memberId, checkinId, 'missed_once');
    await ctx.deps.outbox.enqueue(ctx.tx, {
      to: 'member',
      memberId: checkin.memberId,
      message: softReminderMessage(checkinId, welfareDefaults(ctx.deps.config).supportLines),
    });
  } else if (action === 'nudge') {
    await nudge(ctx, { memberId: checkin.memberId, checkinId, rule: 'missed_three', useSupporter: true });
  }
}

/** "I reached out" or "No need": closed by the person asked or any coordinator. The mentor's name. */
export async function closeFollowUp(
  ctx: ActorContext,
  followUpId: string,
  closure: 'reached_out' | 'no_need',
): Promise<string> {
  const row = await ctx.tx.welfareFollowUp.findUnique({ where: { id: followUpId } });
  // The person asked, or any coordinator (who may have followed up instead); never the mentor themselves.
  const allowed =
    row &&
    row.memberId !== ctx.actor.memberId &&
    (row.assignedToId === ctx.actor.memberId || ctx.actor.roles.includes('coordinator'));
  if (!row || !allowed) throw new Refusal('That follow-up was not asked of you, so nothing was changed.', 'not_owner');
  if (row.status === 'closed') throw new Refusal('That follow-up is already closed. Thank you.', 'closed');
  await ctx.tx.welfareFollowUp.update({
    where: { id: followUpId },
    data: { status: 'closed', closure, closedById: ctx.actor.memberId, closedAt: ctx.now },
  });
  await actorEvent(ctx, row.memberId, 'welfare.followup_closed', { followUpId, closure });
  const member = await ctx.tx.member.findUniqueOrThrow({ where: { id: row.memberId }, select: { displayName: true } });
  return member.displayName;
}

/** Follow-ups someone was asked to make: handed to the coordinators when they leave. */
export const followUpHolding: Holding = {
  name: 'welfare follow-ups to make',
  async list(tx, memberId) {
    const open = await tx.welfareFollowUp.findMany({
      where: { assignedToId: memberId, status: 'open' },
      select: { memberId: true },
    });
    const names = await tx.member.findMany({
      where: { id: { in: open.map((o) => o.memberId) } },
      select: { displayName: true },
    });
    return names.map((n) => `reach out to ${n.displayName}`);
  },
  async release(tx, memberId) {
    await tx.welfareFollowUp.updateMany({
      where: { assignedToId: memberId, status: 'open' },
      data: { assignedToId: null },
    });
  },
};
