// Writing a concern down: one row per source record, in the caller's transaction, and the
// coordinator on duty told at once (every coordinator when nobody is on the rota). An untaken
// concern climbs to the backup after four working hours and to every coordinator at the end of the
// next working day, and goes on doing so each working day until someone takes it.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { caseIdOf } from '../cases/api.js';
import { coordinatorIds, whoIsOnDuty } from '../duty/api.js';
import { takeAlert, type AlertReason, type ConcernFacts } from './messages.js';
import {
  addWorkingHours,
  alertIsUrgent,
  endOfNextWorkingDay,
  type ConcernCategory,
  type ConcernSource,
  type Urgency,
  type WorkingTime,
} from './policy.js';

export interface ConcernInput {
  caseCode?: string | null;
  source: ConcernSource;
  /** The source record's id (a debrief, session, supervision request or escalation); none for /concern. */
  sourceId?: string;
  category: ConcernCategory;
  urgency: Urgency;
  /** Free text: sealed under the case's key (the raiser's when no case is named). */
  account?: string;
  raisedById: string;
  /** An escalation's own concern: the escalation pages, so no chain of its own. */
  escalationId?: string;
  /** An escalation is raised for it in the same transaction (an urgent /concern): likewise no chain. */
  paged?: boolean;
}

export const SUBJECT = 'concern';
export const UNTAKEN_JOB = 'concern.untaken';
export const IDLE_JOB = 'concern.idle';
export const FOLLOW_UP_JOB = 'concern.follow_up';
export const accountBinding = (id: string) => ({ table: 'Concern', column: 'accountEnc', rowId: id });
export const actionBinding = (id: string, column: string) => ({ table: 'ConcernAction', column, rowId: id });
export const referenceBinding = (id: string) => ({ table: 'OnwardReferral', column: 'referenceEnc', rowId: id });
export const alertKey = (id: string, step: string, memberId: string) => `concern:${id}:${step}:${memberId}`;

/** A timeline event; the surface is recorded when a member asked for the change. */
export const concernEvent = (
  ctx: UseCaseContext | ActorContext,
  id: string,
  kind: string,
  data: Record<string, string | number | boolean | string[] | null> = {},
  actorId?: string,
) =>
  recordEvent(ctx.tx, {
    kind,
    data,
    subjectKind: SUBJECT,
    subjectId: id,
    actorId,
    at: ctx.now,
    surface: 'surface' in ctx ? ctx.surface : undefined,
  });

/** Free text about a case is the case's; with no case it is the raiser's. */
export const subjectOf = (caseCode: string | null, raisedById: string) =>
  caseCode ? { kind: 'case' as const, id: caseCode } : { kind: 'member' as const, id: raisedById };

export async function workingTime(tx: Tx, deps: Deps): Promise<WorkingTime> {
  const settings = await readSettings(tx, deps);
  return { zone: settings.networkTimeZone, hours: settings.workingHours, days: [1, 2, 3, 4, 5] };
}

export type Row = NonNullable<Awaited<ReturnType<Tx['concern']['findUnique']>>>;

export async function factsOf(tx: Tx, row: Row): Promise<ConcernFacts> {
  const raiser = await tx.member.findUnique({ where: { id: row.raisedById }, select: { displayName: true } });
  return {
    id: row.id,
    number: row.number,
    caseCode: row.caseCode,
    known: row.caseId !== null,
    category: row.category,
    urgency: row.urgency,
    source: row.source,
    raisedBy: raiser?.displayName ?? 'a former member',
    createdAt: row.createdAt,
  };
}

/** Records a concern, or returns the one its source already has (a redelivered submission adds nothing). */
export async function recordConcern(
  ctx: UseCaseContext,
  input: ConcernInput,
): Promise<{ id: string; number: number; created: boolean }> {
  const { tx, deps, now } = ctx;
  if (input.sourceId) {
    const existing = await tx.concern.findUnique({
      where: { source_sourceId: { source: input.source, sourceId: input.sourceId } },
    });
    if (existing) return { id: existing.id, number: existing.number, created: false };
  }
  const caseCode = input.caseCode?.trim().toUpperCase() || null;
  const caseId = caseCode ? await caseIdOf(ctx, caseCode) : undefined;
  const id = randomUUID();
  const row = await tx.concern.create({
    data: {
      id,
      caseCode,
      caseId: caseId ?? null,
      source: input.source,
      sourceId: input.sourceId ?? null,
      category: input.category,
      urgency: input.urgency,
      accountEnc: input.account
        ? await deps.vault.seal(tx, input.account, accountBinding(id), subjectOf(caseCode, input.raisedById))
        : null,
      raisedById: input.raisedById,
      escalationId: input.escalationId ?? null,
      lastActivityAt: now,
      createdAt: now,
    },
  });
  await concernEvent(
    ctx,
    id,
    'concern.raised',
    {
      number: row.number,
      source: input.source,
      sourceId: input.sourceId ?? null,
      caseCode,
      knownCase: Boolean(caseId),
      category: input.category,
      urgency: input.urgency,
    },
    input.raisedById,
  );
  if (input.escalationId) {
    await concernEvent(ctx, id, 'concern.escalated', { escalationId: input.escalationId });
  } else if (!input.paged) {
    await alertFirst(ctx, row);
    await scheduleUntakenChain(ctx, row);
  }
  deps.log.info({ concernId: id, number: row.number, source: input.source }, 'concern raised');
  return { id, number: row.number, created: true };
}

/** Everyone but the raiser; the raiser alone only when there is nobody else to tell. */
async function everyCoordinator(tx: Tx, raisedById: string): Promise<string[]> {
  const all = await coordinatorIds(tx);
  const others = all.filter((id) => id !== raisedById);
  return others.length ? others : all;
}

/** Tells the people of one step and records who, so the alerts can be updated in place later. */
export async function alert(
  ctx: UseCaseContext,
  row: Row,
  step: string,
  recipients: { memberId: string; reason: AlertReason }[],
): Promise<void> {
  const zone = (await workingTime(ctx.tx, ctx.deps)).zone;
  const f = await factsOf(ctx.tx, row);
  const keys: string[] = [];
  for (const { memberId, reason } of recipients) {
    const key = alertKey(row.id, step, memberId);
    await ctx.deps.outbox.enqueue(ctx.tx, {
      to: 'member',
      memberId,
      key,
      message: takeAlert(f, zone, reason),
      urgent: alertIsUrgent(f.urgency),
    });
    keys.push(key);
  }
  await concernEvent(ctx, row.id, 'concern.notified', { step, memberIds: recipients.map((r) => r.memberId), keys });
}

/** The duty coordinator (the backup when the raiser is on duty), or every coordinator. */
async function alertFirst(ctx: UseCaseContext, row: Row): Promise<void> {
  const duty = await whoIsOnDuty(ctx.tx, ctx.deps, ctx.now);
  const onDuty = [duty.primary?.coordinatorId, duty.backup?.coordinatorId].find((id) => id && id !== row.raisedById);
  const recipients = onDuty
    ? [{ memberId: onDuty, reason: 'duty' as const }]
    : (await everyCoordinator(ctx.tx, row.raisedById)).map((memberId) => ({ memberId, reason: 'everyone' as const }));
  await alert(ctx, row, 'raised', recipients);
}

async function scheduleUntakenChain(ctx: UseCaseContext, row: Row): Promise<void> {
  const w = await workingTime(ctx.tx, ctx.deps);
  const steps = [
    { step: 'backup', dueAt: addWorkingHours(ctx.now, 4, w) },
    { step: 'all', dueAt: endOfNextWorkingDay(ctx.now, w) },
  ];
  for (const s of steps) await scheduleUntakenStep(ctx.tx, row, s.step, s.dueAt);
}

export function scheduleUntakenStep(tx: Tx, row: Pick<Row, 'id' | 'epoch'>, step: string, dueAt: Date) {
  return enqueueJob(tx, {
    kind: UNTAKEN_JOB,
    dueAt,
    payload: { step },
    subject: { kind: SUBJECT, id: row.id },
    fence: String(row.epoch),
    dedupeKey: `${UNTAKEN_JOB}:${row.id}:${row.epoch}:${step}:${dueAt.toISOString()}`,
  });
}

/** A step of the untaken chain (already fenced on the epoch: nothing once someone has taken it). */
export async function runUntakenStep(ctx: UseCaseContext, id: string, step: string): Promise<void> {
  const row = await ctx.tx.concern.findUniqueOrThrow({ where: { id } });
  if (row.status !== 'open' || row.ownerId) return;
  if (step === 'backup') {
    const duty = await whoIsOnDuty(ctx.tx, ctx.deps, ctx.now);
    const backup = duty.backup?.coordinatorId;
    const recipients =
      backup && backup !== row.raisedById
        ? [{ memberId: backup, reason: 'backup' as const }]
        : (await everyCoordinator(ctx.tx, row.raisedById)).map((memberId) => ({
            memberId,
            reason: 'all_untaken' as const,
          }));
    await alert(ctx, row, 'backup', recipients);
    return;
  }
  await alert(
    ctx,
    row,
    `all:${ctx.now.toISOString()}`,
    (await everyCoordinator(ctx.tx, row.raisedById)).map((memberId) => ({ memberId, reason: 'all_untaken' as const })),
  );
  // Nobody may leave it unseen: every coordinator again at the end of each working day until taken.
  await scheduleUntakenStep(ctx.tx, row, 'all', endOfNextWorkingDay(ctx.now, await workingTime(ctx.tx, ctx.deps)));
}
