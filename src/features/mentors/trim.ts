// Post-incident support after TRiM. When a P1 or P2 escalation is resolved, the resolving
// coordinator is asked who else was involved; each person named is offered support at 72 hours and
// 4 weeks by a trained TRiM practitioner, and nothing more once they decline. The practitioner's
// structured follow-up is sealed under the supported member's key: the two of them read it;
// coordinators see only that it happened. The reporter's own check-ins (scheduled at raise) stay.
import { randomUUID } from 'node:crypto';
import type { OwedReply } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { cancelJobs, enqueueJobs } from '../../jobs/enqueue.js';
import { activeCaseMembers } from '../cases/api.js';
import { incidentFacts, resolvedSince } from '../escalation/api.js';
import { findMember } from '../members/api.js';
import type { TrimFollowUpValues } from './forms.js';
import { followUpText, offerMessage, planPrompt, practitionerAsk } from './messages.js';
import { commaList, TRIM_STAGES, trimOfferAt, type StoredFollowUp, type TrimStage } from './policy.js';

export const TRIM_OFFER_JOB = 'mentors.trim-offer';
export const SUPPORT_SUBJECT = 'trim-support';
const SCAN_DAYS = 30;

export const followUpBinding = (rowId: string) => ({ table: 'TrimFollowUp', column: 'followUpEnc', rowId });

const names = async (tx: Tx, ids: string[]) =>
  (
    await tx.member.findMany({
      where: { id: { in: [...new Set(ids)] }, status: { not: 'left' } },
      select: { displayName: true },
      orderBy: { displayName: 'asc' },
    })
  )
    .map((m) => m.displayName)
    .join(', ');

/**
 * The planning step for one resolved P1/P2: asks its resolver, once. Picked up from the
 * `escalation.resolved` event by the daily scan (and callable right after resolving).
 */
export async function planTrimSupport(ctx: UseCaseContext, escalationId: string): Promise<boolean> {
  const row = await incidentFacts(ctx.tx, escalationId);
  if (row?.status !== 'resolved' || row.tier === 'P3') return false;
  const resolved = await ctx.tx.event.findFirst({
    where: { subjectKind: 'escalation', subjectId: escalationId, kind: 'escalation.resolved' },
    orderBy: { at: 'desc' },
  });
  if (!resolved?.actorId) return false;
  const created = await ctx.tx.trimPlan.createMany({
    data: [{ escalationId, resolverId: resolved.actorId, askedAt: ctx.now }],
    skipDuplicates: true,
  });
  if (!created.count) return false;
  await ctx.deps.outbox.enqueue(ctx.tx, {
    to: 'member',
    memberId: resolved.actorId,
    message: planPrompt(row.number, row.tier, escalationId),
  });
  await recordEvent(ctx.tx, {
    subjectKind: 'trim',
    subjectId: escalationId,
    kind: 'trim.planning_asked',
    at: ctx.now,
    actorId: resolved.actorId,
  });
  return true;
}

/** Every P1/P2 resolved in the last 30 days that has not had its planning step. */
export async function scanResolved(ctx: UseCaseContext): Promise<number> {
  const since = new Date(ctx.now.getTime() - SCAN_DAYS * 86_400_000);
  const ids = await resolvedSince(ctx.tx, since, ['P1', 'P2']);
  const planned = new Set(
    (
      await ctx.tx.trimPlan.findMany({
        where: { escalationId: { in: ids } },
        select: { escalationId: true },
      })
    ).map((p) => p.escalationId),
  );
  let n = 0;
  for (const id of ids.filter((x) => !planned.has(x))) if (await planTrimSupport(ctx, id)) n++;
  return n;
}

async function planFor(ctx: ActorContext, escalationId: string) {
  const plan = await ctx.tx.trimPlan.findUnique({ where: { escalationId } });
  const row = await incidentFacts(ctx.tx, escalationId);
  if (!plan || !row) throw new Refusal('That planning step is no longer open.', 'not_found');
  if (plan.resolverId !== ctx.actor.memberId)
    throw new Refusal(`The coordinator who resolved escalation #${row.number} names who was involved.`, 'not_owner');
  return { plan, row };
}

/** The form's first answers: the case's mentors and the coordinators who acted on it. */
export async function planInitial(ctx: ActorContext, escalationId: string): Promise<Record<string, string>> {
  const { row } = await planFor(ctx, escalationId);
  const team = row.caseCode ? (await activeCaseMembers(ctx.tx, row.caseCode)).map((a) => a.memberId) : [];
  const actors = (
    await ctx.tx.event.findMany({
      where: { subjectKind: 'escalation', subjectId: escalationId, actorId: { not: null } },
      select: { actorId: true },
    })
  ).map((e) => e.actorId!);
  const coordinators = (
    await ctx.tx.member.findMany({ where: { id: { in: actors }, roles: { has: 'coordinator' } }, select: { id: true } })
  ).map((m) => m.id);
  return {
    coMentors: await names(
      ctx.tx,
      team.filter((id) => id !== row.reporterId),
    ),
    coordinators: await names(
      ctx.tx,
      coordinators.filter((id) => id !== row.reporterId),
    ),
    others: '',
  };
}

/** Records who was involved; each is offered support at 72 hours and 4 weeks after the incident. */
export async function namePeople(
  ctx: ActorContext,
  escalationId: string,
  values: { coMentors?: string; coordinators?: string; others?: string },
): Promise<string[]> {
  const { plan, row } = await planFor(ctx, escalationId);
  if (plan.namedAt)
    throw new Refusal(
      `Who was involved in escalation #${row.number} was already recorded; nothing more was changed.`,
      'closed',
    );
  const people = new Map<string, { id: string; name: string; involvement: string }>();
  for (const [involvement, text] of [
    ['co_mentor', values.coMentors],
    ['coordinator', values.coordinators],
    ['other', values.others],
  ] as const) {
    for (const ref of commaList(text)) {
      const member = await findMember(ctx, ref);
      if (member.id !== row.reporterId && !people.has(member.id))
        people.set(member.id, { id: member.id, name: member.displayName, involvement });
    }
  }
  const jobs = [];
  for (const person of people.values()) {
    const id = randomUUID();
    await ctx.tx.trimSupport.create({
      data: { id, escalationId, memberId: person.id, involvement: person.involvement, createdAt: ctx.now },
    });
    for (const stage of TRIM_STAGES) {
      jobs.push({
        kind: TRIM_OFFER_JOB,
        dueAt: trimOfferAt(row.raisedAt, stage, ctx.now),
        payload: { supportId: id, stage },
        subject: { kind: SUPPORT_SUBJECT, id },
        fence: 'offered',
        dedupeKey: `${TRIM_OFFER_JOB}:${id}:${stage}`,
      });
    }
    await recordEvent(ctx.tx, {
      subjectKind: 'member',
      subjectId: person.id,
      kind: 'trim.support_planned',
      at: ctx.now,
      actorId: ctx.actor.memberId,
      data: { supportId: id, escalationId },
    });
  }
  await enqueueJobs(ctx.tx, jobs);
  await ctx.tx.trimPlan.update({ where: { escalationId }, data: { namedAt: ctx.now } });
  return [...people.values()].map((p) => p.name).sort((a, b) => a.localeCompare(b));
}

/** The fence of an offer: it runs only while the support is still on offer. */
export async function supportFence(tx: Tx, supportId: string): Promise<string | null> {
  const rows = await tx.$queryRaw<
    { status: string }[]
  >`SELECT "status" FROM "TrimSupport" WHERE "id" = ${supportId}::uuid FOR SHARE`;
  return rows[0]?.status ?? null;
}

export async function sendOffer(ctx: UseCaseContext, supportId: string, stage: TrimStage): Promise<void> {
  const support = await ctx.tx.trimSupport.findUnique({ where: { id: supportId } });
  const member = support ? await ctx.tx.member.findUnique({ where: { id: support.memberId } }) : null;
  if (support?.status !== 'offered' || !member || member.status === 'left') return;
  await ctx.deps.outbox.enqueue(ctx.tx, { to: 'member', memberId: member.id, message: offerMessage(supportId, stage) });
  await recordEvent(ctx.tx, {
    subjectKind: 'member',
    subjectId: member.id,
    kind: 'trim.support_offered',
    at: ctx.now,
    data: { supportId, stage },
  });
}

async function ownSupport(ctx: ActorContext, supportId: string) {
  const support = await ctx.tx.trimSupport.findUnique({ where: { id: supportId } });
  if (!support || support.memberId !== ctx.actor.memberId) throw new Refusal('That offer is not yours.', 'not_owner');
  return support;
}

/** The person declines: nothing more is offered for this incident. */
export async function declineSupport(ctx: ActorContext, supportId: string): Promise<void> {
  const support = await ownSupport(ctx, supportId);
  if (support.status === 'declined') return;
  await ctx.tx.trimSupport.update({ where: { id: supportId }, data: { status: 'declined', declinedAt: ctx.now } });
  await cancelJobs(ctx.tx, { subject: { kind: SUPPORT_SUBJECT, id: supportId } });
  await recordEvent(ctx.tx, {
    subjectKind: 'member',
    subjectId: support.memberId,
    kind: 'trim.support_declined',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    data: { supportId },
  });
}

/** The person accepts: a trained practitioner (the one already helping, or the least busy) is asked to reach out. */
export async function acceptSupport(
  ctx: ActorContext,
  supportId: string,
  stage: TrimStage,
): Promise<{ practitioner: string | null; replies: OwedReply[] }> {
  const support = await ownSupport(ctx, supportId);
  if (support.status === 'declined')
    throw new Refusal(
      'You declined this support earlier, so nothing more was arranged. A coordinator can still help any time.',
      'closed',
    );
  const trained = await ctx.tx.mentorRecord.findMany({
    where: { trimPractitioner: true, memberId: { not: support.memberId } },
    select: { memberId: true },
  });
  const active = await ctx.tx.member.findMany({
    where: { id: { in: trained.map((t) => t.memberId) }, status: 'active' },
    orderBy: { displayName: 'asc' },
  });
  const load = await ctx.tx.trimSupport.groupBy({
    by: ['practitionerId'],
    where: { practitionerId: { in: active.map((a) => a.id) } },
    _count: { _all: true },
  });
  const busy = (id: string) => load.find((l) => l.practitionerId === id)?._count._all ?? 0;
  const chosen =
    active.find((a) => a.id === support.practitionerId) ?? [...active].sort((a, b) => busy(a.id) - busy(b.id))[0];
  await recordEvent(ctx.tx, {
    subjectKind: 'member',
    subjectId: support.memberId,
    kind: 'trim.support_accepted',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    data: { supportId, stage, practitionerId: chosen?.id ?? null },
  });
  if (!chosen) {
    return {
      practitioner: null,
      replies: [
        {
          to: 'channel',
          channel: 'coordinators',
          message: {
            text: `${ctx.actor.displayName} would welcome post-incident support, and no trained TRiM practitioner is available. Please arrange one (mark a practitioner with /mentor edit).`,
            tone: 'warning',
          },
        },
      ],
    };
  }
  await ctx.tx.trimSupport.update({ where: { id: supportId }, data: { practitionerId: chosen.id } });
  return {
    practitioner: chosen.displayName,
    replies: [{ to: 'member', memberId: chosen.id, message: practitionerAsk(ctx.actor.displayName, supportId, stage) }],
  };
}

/** The practitioner's structured follow-up, sealed under the supported member's key. */
export async function recordFollowUp(
  ctx: ActorContext,
  supportId: string,
  stage: TrimStage,
  values: TrimFollowUpValues,
): Promise<string> {
  const support = await ctx.tx.trimSupport.findUnique({ where: { id: supportId } });
  if (!support || support.practitionerId !== ctx.actor.memberId)
    throw new Refusal('Only the TRiM practitioner asked to help can record this follow-up.', 'not_owner');
  if (await ctx.tx.trimFollowUp.findUnique({ where: { supportId_stage: { supportId, stage } } }))
    throw new Refusal('This follow-up was already recorded; nothing more was changed.', 'closed');
  const id = randomUUID();
  const followUpEnc = await ctx.deps.vault.seal(
    ctx.tx,
    JSON.stringify({ riskFactors: values.riskFactors, referredOn: values.referredOn } satisfies StoredFollowUp),
    followUpBinding(id),
    { kind: 'member', id: support.memberId },
  );
  await ctx.tx.trimFollowUp.create({
    data: { id, supportId, stage, practitionerId: ctx.actor.memberId, followUpEnc, createdAt: ctx.now },
  });
  await recordEvent(ctx.tx, {
    subjectKind: 'member',
    subjectId: support.memberId,
    kind: 'trim.followup_recorded',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    data: { supportId, stage },
  });
  return (await ctx.tx.member.findUniqueOrThrow({ where: { id: support.memberId } })).displayName;
}

/** The follow-ups the actor is one of the two people on: as the person supported or the practitioner. */
export async function ownFollowUps(ctx: ActorContext): Promise<{ label: string; value: string }[]> {
  const supports = await ctx.tx.trimSupport.findMany({
    where: { OR: [{ memberId: ctx.actor.memberId }, { practitionerId: ctx.actor.memberId }] },
  });
  const rows = await ctx.tx.trimFollowUp.findMany({
    where: { supportId: { in: supports.map((s) => s.id) } },
    orderBy: { createdAt: 'desc' },
    take: 20,
  });
  const out: { label: string; value: string }[] = [];
  for (const r of rows) {
    const support = supports.find((s) => s.id === r.supportId)!;
    const other = await ctx.tx.member.findUnique({
      where: { id: support.memberId === ctx.actor.memberId ? r.practitionerId : support.memberId },
      select: { displayName: true },
    });
    const opened = await ctx.deps.vault.open(ctx.tx, r.followUpEnc, followUpBinding(r.id));
    out.push({
      label: `${r.stage === '72h' ? '72 hours' : '4 weeks'}, ${r.createdAt.toISOString().slice(0, 10)}, with ${other?.displayName ?? 'a former member'}`,
      value: followUpText(opened),
    });
    await recordEvent(ctx.tx, {
      subjectKind: 'member',
      subjectId: support.memberId,
      kind: 'trim.followup_viewed',
      at: ctx.now,
      actorId: ctx.actor.memberId,
      data: { followUpId: r.id },
    });
  }
  return out;
}
