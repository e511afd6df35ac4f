// The escalation record and what every escalation module shares: the context, the stored policy,
// message keys and seal bindings, the timeline event, the row lock and the minimal facts.
import { createHash, randomUUID } from 'node:crypto';
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import type { Platform } from '../../core/roles.js';
import { Refusal } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import type { JobRow } from '../../jobs/registry.js';
import type { Subject } from '../../db/vault.js';
import type { Details, Summary } from './forms.js';
import { normaliseAckCode, type DeadlineRules, type FrozenPolicy } from './policy.js';

export interface EscalationCtx {
  tx: Tx;
  deps: Deps;
  now: Date;
  surface?: Platform;
}

/** The policy as stored: the frozen chain and who was primary and backup at raise. */
export interface StoredPolicy extends FrozenPolicy {
  primaryId: string | null;
  backupId: string | null;
}

export const SUBJECT = 'escalation';
export const channelKeyOf = (id: string) => `escalation:${id}:channel`;
export const dmKeyOf = (id: string, n: number, memberId: string) => `escalation:${id}:step${n}:${memberId}`;
export const detailsBinding = (id: string) => ({ table: 'Escalation', column: 'detailsEnc', rowId: id });
export const contactBinding = (id: string) => ({ table: 'Escalation', column: 'contactEnc', rowId: id });
export const ackCodeBinding = (id: string) => ({ table: 'Job', column: 'payload.codeEnc', rowId: id });
export const hashAckCode = (code: string) => createHash('sha256').update(normaliseAckCode(code)).digest('hex');

export function deadlineRules(deps: Deps, zone: string, workingHours: { start: string; end: string }): DeadlineRules {
  const c = deps.config;
  return {
    p1Minutes: c.ESCALATION_P1_MINUTES,
    p2Minutes: c.ESCALATION_P2_MINUTES,
    p3DueBy: c.ESCALATION_P3_DUE_BY,
    p3CutOff: c.ESCALATION_P3_CUT_OFF,
    workingHours,
    workingDays: [1, 2, 3, 4, 5],
    zone,
  };
}

export const event = (
  ctx: EscalationCtx,
  id: string,
  kind: string,
  data: Record<string, string | number | boolean | string[] | null> = {},
  actorId?: string,
) =>
  recordEvent(ctx.tx, { subjectKind: SUBJECT, subjectId: id, kind, at: ctx.now, actorId, surface: ctx.surface, data });

const noteBinding = (id: string) => ({ table: 'EscalationNote', column: 'noteEnc', rowId: id });

/** What happened is about the case when one is named (erasing the case erases it), else the reporter's. */
export const detailsSubject = (row: { caseCode: string | null; reporterId: string }): Subject =>
  row.caseCode ? { kind: 'case', id: row.caseCode } : { kind: 'member', id: row.reporterId };
/** A coordinator's alert carries what happened and how to reach the reporter: sealed under both. */
export const alertSubjects = (row: {
  caseCode: string | null;
  reporterId: string;
  contactEnc: string | null;
}): Subject[] =>
  row.contactEnc && row.caseCode
    ? [detailsSubject(row), { kind: 'member', id: row.reporterId }]
    : [detailsSubject(row)];

/** A note is its own sealed row (under the case's key, else its author's); the timeline event carries only its id. */
export async function addNote(ctx: EscalationCtx, escalationId: string, authorId: string, note: string): Promise<void> {
  const noteId = randomUUID();
  const about = await ctx.tx.escalation.findUnique({ where: { id: escalationId }, select: { caseCode: true } });
  const noteEnc = await ctx.deps.vault.seal(
    ctx.tx,
    note,
    noteBinding(noteId),
    detailsSubject({ caseCode: about?.caseCode ?? null, reporterId: authorId }),
  );
  await ctx.tx.escalationNote.create({ data: { id: noteId, escalationId, authorId, noteEnc, createdAt: ctx.now } });
  await event(ctx, escalationId, 'escalation.note', { noteId }, authorId);
}

export async function readNote(ctx: Pick<EscalationCtx, 'tx' | 'deps'>, noteId: string): Promise<string> {
  const note = await ctx.tx.escalationNote.findUnique({ where: { id: noteId } });
  return note ? ctx.deps.vault.open(ctx.tx, note.noteEnc, noteBinding(note.id)) : '(removed)';
}

export type Row = NonNullable<Awaited<ReturnType<Tx['escalation']['findUnique']>>>;

/** Locks the escalation row (acknowledge, resolve, steps and updates serialise on it). */
export async function lockEscalation(tx: Tx, where: { id: string } | { number: number }): Promise<Row> {
  const found =
    'id' in where
      ? await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Escalation" WHERE "id" = ${where.id}::uuid FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Escalation" WHERE "number" = ${where.number} FOR UPDATE`;
  if (!found[0])
    throw new Refusal('I could not find that escalation. Check its number with /escalation list.', 'not_found');
  return tx.escalation.findUniqueOrThrow({ where: { id: found[0].id } });
}

export async function summaryOf(tx: Tx, deps: Deps, row: Row): Promise<Summary> {
  const [reporter, settings] = await Promise.all([
    tx.member.findUnique({ where: { id: row.reporterId }, select: { displayName: true } }),
    readSettings(tx, deps.config),
  ]);
  return {
    id: row.id,
    number: row.number,
    tier: row.tier,
    category: row.category,
    caseCode: row.caseCode,
    reporterName: reporter?.displayName ?? 'a former member',
    raisedAt: row.raisedAt,
    zone: settings.networkTimeZone,
  };
}

export async function detailsOf(tx: Tx, deps: Deps, row: Row): Promise<Details> {
  return {
    details: await deps.vault.open(tx, row.detailsEnc, detailsBinding(row.id)),
    clientTold: row.clientTold,
    actionsTaken: row.actionsTaken,
    contact: row.contactEnc ? await deps.vault.open(tx, row.contactEnc, contactBinding(row.id)) : null,
  };
}

/** The policy as the row stores it (written by raise(), never changed). */
export const storedPolicy = (row: Row) => row.policy as object as StoredPolicy;

/** Every escalation job's fence: the epoch, read FOR UPDATE (acknowledge and resolve wait for a running job, or it sees them). */
export async function epochFence(tx: Tx, job: JobRow): Promise<string | null> {
  if (!job.subjectId) return null;
  const rows = await tx.$queryRaw<
    { epoch: number }[]
  >`SELECT "epoch" FROM "Escalation" WHERE "id" = ${job.subjectId}::uuid FOR UPDATE`;
  return rows[0] ? String(rows[0].epoch) : null;
}
