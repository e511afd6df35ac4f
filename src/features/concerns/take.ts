// Taking a concern: its owner stops the untaken chain, the coordinators' alerts are edited in place
// and the raiser is told who has it. Acting on an untaken concern takes it first; acknowledging an
// escalation takes its concern for the same coordinator.
import { z } from 'zod';
import type { Actor } from '../../core/actor.js';
import type { Reply } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { when } from '../../core/wording.js';
import type { Tx } from '../../db/client.js';
import { scheduleIdleReminder } from './idle.js';
import { aboutCase, outcomeLabel, takenAlert } from './messages.js';
import { concernEvent, factsOf, SUBJECT, workingTime, type Row } from './record.js';

/** The coordinator working a concern. */
export type Worker = Pick<Actor, 'memberId' | 'displayName'>;

/** Locks the concern (take, act and close serialise on it). */
export async function lockConcern(tx: Tx, where: { id: string } | { number: number }): Promise<Row> {
  const found =
    'id' in where
      ? await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Concern" WHERE "id" = ${where.id}::uuid FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Concern" WHERE "number" = ${where.number} FOR UPDATE`;
  if (!found[0]) throw new Refusal('I could not find that concern. /concern list shows the open ones.', 'not_found');
  return tx.concern.findUniqueOrThrow({ where: { id: found[0].id } });
}

const notifiedData = z.object({ keys: z.array(z.string()).optional() });

/** Edits every alert of the concern in place, on every platform. */
export async function updateAlerts(ctx: UseCaseContext, row: Row, state: string): Promise<Reply[]> {
  const notified = await ctx.tx.event.findMany({
    where: { subjectKind: SUBJECT, subjectId: row.id, kind: 'concern.notified' },
    select: { data: true },
  });
  const keys = notified.flatMap((e) => notifiedData.parse(e.data).keys ?? []);
  const message = takenAlert(await factsOf(ctx.tx, row), (await workingTime(ctx.tx, ctx.deps)).zone, state);
  return keys.map((key) => ({ to: 'update' as const, key, message }));
}

export function refuseOwn(row: Row, by: Worker, what: string): void {
  if (row.raisedById === by.memberId)
    throw new Refusal(
      `You raised concern #${row.number}, so another coordinator needs to ${what} it. They have been told.`,
    );
}

export function refuseClosed(row: Row): void {
  if (row.status === 'closed')
    throw new Refusal(
      `Concern #${row.number} is already closed (${outcomeLabel(row.outcome)}). Nothing was changed; raise a new concern if something new has happened.`,
    );
}

/** Owns the concern: the untaken chain stops, the raiser is told who has it. */
async function takeRow(
  ctx: UseCaseContext,
  row: Row,
  by: Worker,
  via: string,
): Promise<{ row: Row; replies: Reply[] }> {
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

/** The Take button. */
export async function takeConcern(ctx: ActorContext, id: string): Promise<Reply[]> {
  const by = ctx.actor;
  const row = await lockConcern(ctx.tx, { id });
  refuseClosed(row);
  if (row.ownerId) {
    const owner = await ctx.tx.member.findUnique({ where: { id: row.ownerId }, select: { displayName: true } });
    const whose = row.ownerId === by.memberId ? 'yours' : `taken by ${owner?.displayName ?? 'another coordinator'}`;
    return [{ to: 'actor', message: { text: `Concern #${row.number} is already ${whose}. Nothing was changed.` } }];
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
export async function ownedBy(ctx: ActorContext, id: string, what: string): Promise<{ row: Row; replies: Reply[] }> {
  const row = await lockConcern(ctx.tx, { id });
  refuseClosed(row);
  if (row.ownerId) return { row, replies: [] };
  refuseOwn(row, ctx.actor, what);
  return takeRow(ctx, row, ctx.actor, what);
}

/** An escalation acknowledged (or resolved from open) gives its concern to the same coordinator. */
export async function takeForEscalation(
  ctx: UseCaseContext,
  input: { escalationId: string; by: Worker },
): Promise<Reply[]> {
  const linked = await ctx.tx.concern.findFirst({
    where: { escalationId: input.escalationId, status: 'open', ownerId: null },
    select: { id: true },
  });
  if (!linked) return [];
  const row = await lockConcern(ctx.tx, { id: linked.id });
  if (row.ownerId || row.raisedById === input.by.memberId) return [];
  return (await takeRow(ctx, row, input.by, 'escalation')).replies;
}
