// Recording what is done about a concern: an action, or an onward referral with its follow-up
// reminder. Each moves the last activity (and with it the owner's idle reminder).
import { randomUUID } from 'node:crypto';
import type { Reply } from '../../core/message.js';
import type { ActorContext } from '../../core/router.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import type { ConcernActionValues, ConcernReferralValues } from './forms.js';
import { touched } from './idle.js';
import { agencyLabel } from './messages.js';
import { morningOf } from './policy.js';
import {
  actionBinding,
  concernEvent,
  FOLLOW_UP_JOB,
  referenceBinding,
  SUBJECT,
  subjectOf,
  workingTime,
} from './record.js';
import { ownedBy } from './take.js';

export async function recordAction(
  ctx: ActorContext,
  input: ConcernActionValues & { concernId: string },
): Promise<Reply[]> {
  const by = ctx.actor;
  const { row, replies } = await ownedBy(ctx, input.concernId, 'record an action on');
  const actionId = randomUUID();
  const subject = subjectOf(row.caseCode, row.raisedById);
  const seal = (text: string, column: string) =>
    ctx.deps.vault.seal(ctx.tx, text, actionBinding(actionId, column), subject);
  await ctx.tx.concernAction.create({
    data: {
      id: actionId,
      concernId: row.id,
      recordedBy: by.memberId,
      doneOn: new Date(`${input.doneOn}T00:00:00Z`),
      whatEnc: await seal(input.what, 'whatEnc'),
      byWhomEnc: await seal(input.byWhom, 'byWhomEnc'),
      createdAt: ctx.now,
    },
  });
  await concernEvent(ctx, row.id, 'concern.action', { actionId, doneOn: input.doneOn }, by.memberId);
  await touched(ctx, row);
  return [
    ...replies,
    {
      to: 'actor',
      message: { text: `Saved on concern #${row.number}: an action on ${input.doneOn}.`, tone: 'success' },
    },
  ];
}

export async function recordReferral(
  ctx: ActorContext,
  input: ConcernReferralValues & { concernId: string },
): Promise<Reply[]> {
  const by = ctx.actor;
  const { row, replies } = await ownedBy(ctx, input.concernId, 'record a referral on');
  const referralId = randomUUID();
  await ctx.tx.onwardReferral.create({
    data: {
      id: referralId,
      concernId: row.id,
      agency: input.agency,
      referenceEnc: input.reference
        ? await ctx.deps.vault.seal(
            ctx.tx,
            input.reference,
            referenceBinding(referralId),
            subjectOf(row.caseCode, row.raisedById),
          )
        : null,
      referredOn: new Date(`${input.referredOn}T00:00:00Z`),
      followUpOn: input.followUpOn ? new Date(`${input.followUpOn}T00:00:00Z`) : null,
      recordedBy: by.memberId,
      createdAt: ctx.now,
    },
  });
  await concernEvent(
    ctx,
    row.id,
    'concern.referral',
    { referralId, agency: input.agency, referredOn: input.referredOn, followUpOn: input.followUpOn ?? null },
    by.memberId,
  );
  await touched(ctx, row);
  let followUp = '';
  if (input.followUpOn) {
    const dueAt = morningOf(input.followUpOn, (await workingTime(ctx.tx, ctx.deps)).zone);
    await enqueueJob(ctx.tx, {
      kind: FOLLOW_UP_JOB,
      dueAt,
      payload: { referralId },
      subject: { kind: SUBJECT, id: row.id },
      fence: 'open',
      dedupeKey: `${FOLLOW_UP_JOB}:${referralId}`,
    });
    followUp = ` The owner is reminded to follow it up on ${input.followUpOn} at 09:00.`;
  }
  return [
    ...replies,
    {
      to: 'actor',
      message: {
        text: `Saved on concern #${row.number}: referred to ${agencyLabel(input.agency)} on ${input.referredOn}.${followUp}`,
        tone: 'success',
      },
    },
  ];
}
