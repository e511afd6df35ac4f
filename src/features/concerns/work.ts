// Working a concern: take it, record what was done and onward referrals, close it with an outcome.
// Each change moves what fences the timers (the epoch, or the last activity) in the same
// transaction, updates the coordinators' alerts in place and tells the raiser what they may know.
import { randomUUID } from 'node:crypto';
import type { Reply } from '../../core/message.js';
import { Refusal } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import type { ConcernActionValues, ConcernCloseValues, ConcernLinkValues, ConcernReferralValues } from './forms.js';
import { aboutCase, agencyLabel, outcomeLabel, takenAlert, when } from './messages.js';
import { addWorkingDays, morningOf } from './policy.js';
import {
  accountBinding,
  concernEvent,
  factsOf,
  FOLLOW_UP_JOB,
  IDLE_JOB,
  SUBJECT,
  subjectOf,
  workingTime,
  type ConcernCtx,
} from './record.js';

export interface Worker {
  memberId: string;
  displayName: string;
}

type Row = NonNullable<Awaited<ReturnType<Tx['concern']['findUnique']>>>;

/** Locks the concern (take, act and close serialise on it). */
export async function lockConcern(tx: Tx, where: { id: string } | { number: number }): Promise<Row> {
  const found =
    'id' in where
      ? await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Concern" WHERE "id" = ${where.id}::uuid FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Concern" WHERE "number" = ${where.number} FOR UPDATE`;
  if (!found[0]) throw new Refusal('I could not find that concern. /concern list shows the open ones.', 'not_found');
  return tx.concern.findUniqueOrThrow({ where: { id: found[0].id } });
}

const idleFence = (row: Pick<Row, 'epoch' | 'lastActivityAt'>) => `${row.epoch}:${row.lastActivityAt.toISOString()}`;

/** Reminds the owner after five working days with nothing recorded. */
export async function scheduleIdleReminder(
  ctx: ConcernCtx,
  row: Pick<Row, 'id' | 'epoch' | 'lastActivityAt'>,
  from: Date,
): Promise<void> {
  const dueAt = addWorkingDays(from, 5, await workingTime(ctx.tx, ctx.deps));
  await enqueueJob(ctx.tx, {
    kind: IDLE_JOB,
    dueAt,
    subject: { kind: SUBJECT, id: row.id },
    fence: idleFence(row),
    dedupeKey: `${IDLE_JOB}:${row.id}:${idleFence(row)}:${dueAt.toISOString()}`,
  });
}

export const idleFenceOf = idleFence;

/** Edits every alert of the concern in place, on every platform. */
async function updateAlerts(ctx: ConcernCtx, row: Row, state: string): Promise<Reply[]> {
  const notified = await ctx.tx.event.findMany({
    where: { subjectKind: SUBJECT, subjectId: row.id, kind: 'concern.notified' },
    select: { data: true },
  });
  const keys = notified.flatMap((e) => ((e.data as { keys?: unknown }).keys as string[] | undefined) ?? []);
  const message = takenAlert(await factsOf(ctx.tx, row), (await workingTime(ctx.tx, ctx.deps)).zone, state);
  return keys.map((key) => ({ to: 'update' as const, key, message }));
}

function refuseOwn(row: Row, by: Worker, what: string): void {
  if (row.raisedById === by.memberId)
    throw new Refusal(
      `You raised concern #${row.number}, so another coordinator needs to ${what} it. They have been told.`,
    );
}

function refuseClosed(row: Row): void {
  if (row.status === 'closed')
    throw new Refusal(
      `Concern #${row.number} is already closed (${outcomeLabel(row.outcome)}). Nothing was changed; raise a new concern if something new has happened.`,
    );
}

/** Owns the concern: the untaken chain stops, the raiser is told who has it. */
async function takeRow(ctx: ConcernCtx, row: Row, by: Worker, via: string): Promise<{ row: Row; replies: Reply[] }> {
  const epoch = row.epoch + 1;
  const taken = await ctx.tx.concern.update({
    where: { id: row.id },
    data: { ownerId: by.memberId, takenAt: ctx.now, epoch, lastActivityAt: ctx.now },
  });
  await concernEvent(ctx, row.id, 'concern.taken', { via, epoch }, by.memberId);
  await scheduleIdleReminder(ctx, taken, ctx.now);
  const zone = (await workingTime(ctx.tx, ctx.deps)).zone;
  const replies = await updateAlerts(ctx, taken, `Taken by ${by.displayName} at ${when(ctx.now, zone)}.`);
  replies.push({
    to: 'member',
    memberId: row.raisedById,
    message: {
      text: `${by.displayName} (coordinator) has taken your concern #${row.number}${aboutCase(row.caseCode)} and owns it now. Thank you for writing it down.`,
      tone: 'success',
    },
  });
  return { row: taken, replies };
}

export async function takeConcern(ctx: ConcernCtx, by: Worker, id: string): Promise<Reply[]> {
  const row = await lockConcern(ctx.tx, { id });
  refuseClosed(row);
  if (row.ownerId) {
    const owner = await ctx.tx.member.findUnique({ where: { id: row.ownerId }, select: { displayName: true } });
    return [
      {
        to: 'actor',
        message: {
          text: `Concern #${row.number} is already ${row.ownerId === by.memberId ? 'yours' : `taken by ${owner?.displayName ?? 'another coordinator'}`}. Nothing was changed.`,
        },
      },
    ];
  }
  refuseOwn(row, by, 'take');
  const { replies } = await takeRow(ctx, row, by, 'button');
  replies.push({
    to: 'actor',
    message: {
      text: `Thank you: concern #${row.number} is yours. /concern show ${row.number} has the account; record what is done as you go.`,
      tone: 'success',
    },
  });
  return replies;
}

/** Acting on an untaken concern takes it first. */
async function ownedBy(ctx: ConcernCtx, id: string, by: Worker, what: string): Promise<{ row: Row; replies: Reply[] }> {
  const row = await lockConcern(ctx.tx, { id });
  refuseClosed(row);
  if (row.ownerId) return { row, replies: [] };
  refuseOwn(row, by, what);
  return takeRow(ctx, row, by, what);
}

async function touched(ctx: ConcernCtx, row: Row): Promise<void> {
  const moved = await ctx.tx.concern.update({ where: { id: row.id }, data: { lastActivityAt: ctx.now } });
  await scheduleIdleReminder(ctx, moved, ctx.now);
}

export async function recordAction(
  ctx: ConcernCtx,
  by: Worker,
  id: string,
  values: ConcernActionValues,
): Promise<Reply[]> {
  const { row, replies } = await ownedBy(ctx, id, by, 'record an action on');
  const actionId = randomUUID();
  const subject = subjectOf(row.caseCode, row.raisedById);
  const seal = (text: string, column: string) =>
    ctx.deps.vault.seal(ctx.tx, text, { table: 'ConcernAction', column, rowId: actionId }, subject);
  await ctx.tx.concernAction.create({
    data: {
      id: actionId,
      concernId: row.id,
      recordedBy: by.memberId,
      doneOn: new Date(`${values.doneOn}T00:00:00Z`),
      whatEnc: await seal(values.what, 'whatEnc'),
      byWhomEnc: await seal(values.byWhom, 'byWhomEnc'),
      createdAt: ctx.now,
    },
  });
  await concernEvent(ctx, row.id, 'concern.action', { actionId, doneOn: values.doneOn }, by.memberId);
  await touched(ctx, row);
  return [
    ...replies,
    {
      to: 'actor',
      message: { text: `Saved on concern #${row.number}: an action on ${values.doneOn}.`, tone: 'success' },
    },
  ];
}

export async function recordReferral(
  ctx: ConcernCtx,
  by: Worker,
  id: string,
  values: ConcernReferralValues,
): Promise<Reply[]> {
  const { row, replies } = await ownedBy(ctx, id, by, 'record a referral on');
  const referralId = randomUUID();
  await ctx.tx.onwardReferral.create({
    data: {
      id: referralId,
      concernId: row.id,
      agency: values.agency,
      referenceEnc: values.reference
        ? await ctx.deps.vault.seal(
            ctx.tx,
            values.reference,
            { table: 'OnwardReferral', column: 'referenceEnc', rowId: referralId },
            subjectOf(row.caseCode, row.raisedById),
          )
        : null,
      referredOn: new Date(`${values.referredOn}T00:00:00Z`),
      followUpOn: values.followUpOn ? new Date(`${values.followUpOn}T00:00:00Z`) : null,
      recordedBy: by.memberId,
      createdAt: ctx.now,
    },
  });
  await concernEvent(
    ctx,
    row.id,
    'concern.referral',
    { referralId, agency: values.agency, referredOn: values.referredOn, followUpOn: values.followUpOn ?? null },
    by.memberId,
  );
  await touched(ctx, row);
  let followUp = '';
  if (values.followUpOn) {
    const dueAt = morningOf(values.followUpOn, (await workingTime(ctx.tx, ctx.deps)).zone);
    await enqueueJob(ctx.tx, {
      kind: FOLLOW_UP_JOB,
      dueAt,
      payload: { referralId },
      subject: { kind: SUBJECT, id: row.id },
      fence: 'open',
      dedupeKey: `${FOLLOW_UP_JOB}:${referralId}`,
    });
    followUp = ` The owner is reminded to follow it up on ${values.followUpOn} at 09:00.`;
  }
  return [
    ...replies,
    {
      to: 'actor',
      message: {
        text: `Saved on concern #${row.number}: referred to ${agencyLabel(values.agency)} on ${values.referredOn}.${followUp}`,
        tone: 'success',
      },
    },
  ];
}

export async function closeConcern(
  ctx: ConcernCtx,
  by: Worker,
  id: string,
  values: ConcernCloseValues,
): Promise<Reply[]> {
  const row = await lockConcern(ctx.tx, { id });
  refuseClosed(row);
  refuseOwn(row, by, 'close');
  const closed = await ctx.tx.concern.update({
    where: { id: row.id },
    data: {
      status: 'closed',
      outcome: values.outcome,
      closedAt: ctx.now,
      closedById: by.memberId,
      epoch: row.epoch + 1,
      ...(row.ownerId ? {} : { ownerId: by.memberId, takenAt: ctx.now }),
    },
  });
  await concernEvent(ctx, row.id, 'concern.closed', { outcome: values.outcome, epoch: closed.epoch }, by.memberId);
  const zone = (await workingTime(ctx.tx, ctx.deps)).zone;
  const replies = await updateAlerts(
    ctx,
    closed,
    `Closed by ${by.displayName} at ${when(ctx.now, zone)}: ${outcomeLabel(values.outcome)}.`,
  );
  replies.push({
    to: 'member',
    memberId: row.raisedById,
    message: {
      text: `Your concern #${row.number}${aboutCase(row.caseCode)} is closed: ${outcomeLabel(values.outcome)}. Thank you for raising it.`,
      tone: 'info',
    },
  });
  replies.push({
    to: 'actor',
    message: {
      text: `Concern #${row.number} is closed: ${outcomeLabel(values.outcome)}. The person who raised it has been told the outcome only.`,
      tone: 'success',
    },
  });
  return replies;
}

/**
 * Resolves an "unknown case" to a real one: the concern, its actions and referrals move under that
 * case (their sealed text re-sealed under its key), so the case's chronology and erasure reach them.
 */
export async function linkToCase(ctx: ConcernCtx, by: Worker, id: string, values: ConcernLinkValues): Promise<Reply[]> {
  const row = await lockConcern(ctx.tx, { id });
  if (row.caseId)
    throw new Refusal(`Concern #${row.number} is already about ${row.caseCode}. Nothing was changed.`, 'closed');
  const code = values.caseCode.trim().toUpperCase();
  const found = await ctx.tx.case.findUnique({ where: { code }, select: { id: true, code: true } });
  if (!found)
    throw new Refusal(`There is no case ${code}. /case list shows the cases; nothing was changed.`, 'not_found');
  const to = { kind: 'case' as const, id: found.code };
  const reseal = async (value: string, binding: { table: string; column: string; rowId: string }) =>
    ctx.deps.vault.seal(ctx.tx, await ctx.deps.vault.open(ctx.tx, value, binding), binding, to);
  if (row.accountEnc)
    await ctx.tx.concern.update({
      where: { id: row.id },
      data: { accountEnc: await reseal(row.accountEnc, accountBinding(row.id)) },
    });
  for (const a of await ctx.tx.concernAction.findMany({ where: { concernId: row.id } })) {
    const binding = (column: string) => ({ table: 'ConcernAction', column, rowId: a.id });
    await ctx.tx.concernAction.update({
      where: { id: a.id },
      data: {
        whatEnc: await reseal(a.whatEnc, binding('whatEnc')),
        byWhomEnc: await reseal(a.byWhomEnc, binding('byWhomEnc')),
      },
    });
  }
  for (const r of await ctx.tx.onwardReferral.findMany({ where: { concernId: row.id, referenceEnc: { not: null } } })) {
    await ctx.tx.onwardReferral.update({
      where: { id: r.id },
      data: {
        referenceEnc: await reseal(r.referenceEnc!, { table: 'OnwardReferral', column: 'referenceEnc', rowId: r.id }),
      },
    });
  }
  await ctx.tx.concern.update({ where: { id: row.id }, data: { caseCode: found.code, caseId: found.id } });
  await concernEvent(ctx, row.id, 'concern.case_linked', { typed: row.caseCode, caseCode: found.code }, by.memberId);
  return [
    {
      to: 'actor',
      message: { text: `Concern #${row.number} is now about ${found.code}, and on its timeline.`, tone: 'success' },
    },
  ];
}

/** An escalation acknowledged (or resolved from open) gives its concern to the same coordinator. */
export async function takeForEscalation(ctx: ConcernCtx, escalationId: string, by: Worker): Promise<Reply[]> {
  const linked = await ctx.tx.concern.findFirst({
    where: { escalationId, status: 'open', ownerId: null },
    select: { id: true },
  });
  if (!linked) return [];
  const row = await lockConcern(ctx.tx, { id: linked.id });
  if (row.ownerId || row.raisedById === by.memberId) return [];
  return (await takeRow(ctx, row, by, 'escalation')).replies;
}
