// After a case closes: an early ending's reason, and follow-up questions some months later
// (FOLLOW_UP_MONTHS, 3 and 6 by default) to the last mentor, or the coordinators when they have left.
import { randomUUID } from 'node:crypto';
import { recordEvent } from '../../core/events.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { isUuid } from '../../core/values.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { caseCodeOf, caseFacts, lastMentorOf } from '../cases/api.js';
import { byActor } from '../members/api.js';
import type { FollowUpValues } from './forms.js';
import { followUpDue } from './policy.js';

export const FOLLOW_UP_JOB = 'case.follow_up';

/** An entry on the case's timeline, by the actor (structured values only). */
const caseEvent = (ctx: ActorContext, caseId: string, kind: string, data: Record<string, string | number>) =>
  recordEvent(ctx.tx, { subjectKind: 'case', subjectId: caseId, kind, data, ...byActor(ctx) });

/** Same transaction as the closure: the reason for an early ending, and one timer per follow-up. */
export async function recordClosureAftercare(
  ctx: ActorContext,
  caseCode: string,
  endingReason: string | undefined,
): Promise<void> {
  const found = await caseFacts(ctx.tx, caseCode);
  if (!found) throw new Error(`no case ${caseCode} to record the closure of`);
  if (endingReason) {
    await ctx.tx.caseEnding.create({
      data: { caseId: found.id, reason: endingReason, recordedById: ctx.actor.memberId, recordedAt: ctx.now },
    });
    await caseEvent(ctx, found.id, 'case.ended_early', { reason: endingReason });
  }
  const lastMentor = await lastMentorOf(ctx.tx, found.id);
  const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps);
  for (const months of ctx.deps.config.FOLLOW_UP_MONTHS) {
    const id = randomUUID();
    const dueAt = followUpDue(found.closedAt ?? ctx.now, months, networkTimeZone);
    await ctx.tx.caseFollowUp.create({
      data: { id, caseId: found.id, months, dueAt, askedMemberId: lastMentor ?? null },
    });
    await enqueueJob(ctx.tx, {
      kind: FOLLOW_UP_JOB,
      dueAt,
      subject: { kind: 'follow_up', id },
      fence: 'scheduled',
      dedupeKey: `${FOLLOW_UP_JOB}:${id}`,
      payload: { followUpId: id },
    });
  }
}

/** A follow-up the actor may answer: the last mentor's own, or any for a coordinator; once only. */
export async function answerableFollowUp(ctx: Pick<ActorContext, 'tx' | 'actor'>, id: string) {
  const row = isUuid(id) ? await ctx.tx.caseFollowUp.findUnique({ where: { id } }) : null;
  const coordinator = ctx.actor.roles.includes('coordinator');
  if (!row || (!coordinator && row.askedMemberId !== ctx.actor.memberId))
    throw new Refusal('I could not find that follow-up among yours.', row ? 'not_owner' : 'not_found');
  if (row.status === 'answered') throw new Refusal('That follow-up is already answered. Thank you.', 'closed');
  return { ...row, code: await caseCodeOf(ctx.tx, row.caseId) };
}

export async function answerFollowUp(ctx: ActorContext, id: string, values: FollowUpValues) {
  const row = await answerableFollowUp(ctx, id);
  await ctx.tx.caseFollowUp.update({
    where: { id },
    data: {
      status: 'answered',
      reinvolvement: values.reinvolvement,
      source: values.source,
      answeredById: ctx.actor.memberId,
      answeredAt: ctx.now,
    },
  });
  await caseEvent(ctx, row.caseId, 'case.followed_up', {
    months: row.months,
    reinvolvement: values.reinvolvement,
    source: values.source,
  });
  return row;
}
