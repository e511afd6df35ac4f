// After a case closes: an early ending's reason, and follow-up questions some months later
// (FOLLOW_UP_MONTHS, 3 and 6 by default) to the last mentor, or the coordinators when they have left.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordEvent } from '../../core/events.js';
import { Refusal, type HandlerContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { isUuid } from '../../core/values.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import type { JobKind, JobRegistry } from '../../jobs/registry.js';
import { ANSWER_FOLLOW_UP_ACTION, type FollowUpValues } from './forms.js';
import { followUpDue } from './policy.js';

type Ctx = Pick<HandlerContext, 'tx' | 'deps' | 'actor' | 'now' | 'surface'>;

export const FOLLOW_UP_JOB = 'case.follow_up';

/** Same transaction as the closure: the reason for an early ending, and one timer per follow-up. */
export async function recordClosureAftercare(
  ctx: Ctx,
  caseCode: string,
  endingReason: string | undefined,
): Promise<void> {
  const found = await ctx.tx.case.findUniqueOrThrow({
    where: { code: caseCode },
    select: { id: true, closedAt: true },
  });
  if (endingReason) {
    await ctx.tx.caseEnding.create({
      data: { caseId: found.id, reason: endingReason, recordedById: ctx.actor.memberId, recordedAt: ctx.now },
    });
    await recordEvent(ctx.tx, {
      subjectKind: 'case',
      subjectId: found.id,
      kind: 'case.ended_early',
      at: ctx.now,
      actorId: ctx.actor.memberId,
      surface: ctx.surface,
      data: { reason: endingReason },
    });
  }
  const lastMentor = await ctx.tx.caseAssignment.findFirst({
    where: { caseId: found.id, role: 'mentor' },
    orderBy: [{ endedAt: { sort: 'desc', nulls: 'first' } }, { assignedAt: 'desc' }],
    select: { memberId: true },
  });
  const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps.config);
  for (const months of ctx.deps.config.FOLLOW_UP_MONTHS) {
    const id = randomUUID();
    const dueAt = followUpDue(found.closedAt ?? ctx.now, months, networkTimeZone);
    await ctx.tx.caseFollowUp.create({
      data: { id, caseId: found.id, months, dueAt, askedMemberId: lastMentor?.memberId ?? null },
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

const followUpJob: JobKind<{ followUpId: string }> = {
  catchUp: 'run',
  maxAttempts: 5,
  payload: z.object({ followUpId: z.uuid() }),
  async fence(tx, job) {
    const [row] = await tx.$queryRaw<
      { status: string }[]
    >`SELECT "status" FROM "CaseFollowUp" WHERE "id" = ${job.subjectId}::uuid FOR UPDATE`;
    return row?.status ?? null;
  },
  async handler({ deps, tx, job }) {
    const followUp = await tx.caseFollowUp.update({ where: { id: job.payload.followUpId }, data: { status: 'asked' } });
    const found = await tx.case.findUniqueOrThrow({ where: { id: followUp.caseId }, select: { code: true } });
    const buttons = [{ actionId: ANSWER_FOLLOW_UP_ACTION, label: 'Answer the follow-up', value: followUp.id }];
    const question = `It is ${followUp.months} months since ${found.code} closed. Is any re-offending or re-involvement known, and from where? Two structured answers; no details.`;
    const mentor = followUp.askedMemberId
      ? await tx.member.findUnique({ where: { id: followUp.askedMemberId }, select: { status: true } })
      : null;
    if (mentor && mentor.status !== 'left') {
      await deps.outbox.enqueue(tx, {
        to: 'member',
        memberId: followUp.askedMemberId!,
        message: {
          title: `Follow-up: ${found.code}`,
          text: `${question} If you have lost touch, answer "Unknown".`,
          tone: 'info',
          buttons,
        },
      });
    } else {
      await deps.outbox.enqueue(tx, {
        to: 'channel',
        channel: 'coordinators',
        message: {
          title: `Follow-up: ${found.code}`,
          text: `${question} Its last mentor has left the network, so a coordinator is asked.`,
          tone: 'info',
          buttons,
        },
      });
    }
  },
};

export function registerAftercareJobs(jobs: JobRegistry): void {
  jobs.register(FOLLOW_UP_JOB, followUpJob);
}

/** A follow-up the actor may answer: the last mentor's own, or any for a coordinator; once only. */
export async function answerableFollowUp(ctx: Pick<Ctx, 'tx' | 'actor'>, id: string) {
  const row = isUuid(id) ? await ctx.tx.caseFollowUp.findUnique({ where: { id } }) : null;
  const coordinator = ctx.actor.roles.includes('coordinator');
  if (!row || (!coordinator && row.askedMemberId !== ctx.actor.memberId))
    throw new Refusal('I could not find that follow-up among yours.', row ? 'not_owner' : 'not_found');
  if (row.status === 'answered') throw new Refusal('That follow-up is already answered. Thank you.', 'closed');
  const found = await ctx.tx.case.findUniqueOrThrow({ where: { id: row.caseId }, select: { code: true } });
  return { ...row, code: found.code };
}

export async function answerFollowUp(ctx: Ctx, id: string, values: FollowUpValues) {
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
  await recordEvent(ctx.tx, {
    subjectKind: 'case',
    subjectId: row.caseId,
    kind: 'case.followed_up',
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data: { months: row.months, reinvolvement: values.reinvolvement, source: values.source },
  });
  return row;
}
