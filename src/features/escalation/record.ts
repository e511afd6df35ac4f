// The escalation record and what every escalation module shares: the stored policy (checked on
// read), message keys and seal bindings, the timeline event, the row lock and the minimal facts.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import type { Subject } from '../../db/vault.js';
import type { JobRow } from '../../jobs/registry.js';
import type { Details, Summary } from './messages.js';
import { audiences, normaliseAckCode, tiers, type DeadlineRules, type FrozenPolicy } from './policy.js';

/** The policy as stored: the frozen chain and who was primary and backup at raise. */
export interface StoredPolicy extends FrozenPolicy {
  primaryId: string | null;
  backupId: string | null;
}

const storedPolicySchema: z.ZodType<StoredPolicy> = z.object({
  tier: z.enum(tiers),
  deadlineAt: z.string(),
  steps: z.array(
    z.object({
      n: z.number().int(),
      at: z.string(),
      to: z.array(z.enum(audiences)),
      loop: z.number().int().optional(),
    }),
  ),
  staleAfterMinutes: z.number(),
  primaryId: z.string().nullable(),
  backupId: z.string().nullable(),
});

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

/** What a timeline event carries: numbers, choices and ids, never free text. */
export type EventData = Record<string, string | number | boolean | string[] | null>;

/** A timeline event; the surface is recorded when a member asked for the change. */
export const event = (
  ctx: UseCaseContext | ActorContext,
  id: string,
  kind: string,
  data: EventData = {},
  by?: string,
) =>
  recordEvent(ctx.tx, {
    subjectKind: SUBJECT,
    subjectId: id,
    kind,
    at: ctx.now,
    actorId: by,
    surface: 'surface' in ctx ? ctx.surface : undefined,
    data,
  });

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

/** A member's display name, if they are still known. */
export const nameOf = async (tx: Tx, memberId: string | null): Promise<string | undefined> =>
  memberId
    ? (await tx.member.findUnique({ where: { id: memberId }, select: { displayName: true } }))?.displayName
    : undefined;

export async function summaryOf(tx: Tx, deps: Deps, row: Row): Promise<Summary> {
  const [reporter, settings] = await Promise.all([nameOf(tx, row.reporterId), readSettings(tx, deps)]);
  return {
    id: row.id,
    number: row.number,
    tier: row.tier,
    category: row.category,
    caseCode: row.caseCode,
    reporterName: reporter ?? 'a former member',
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

/** The policy as the row stores it (written by raise(), never changed), checked as it is read. */
export const storedPolicy = (row: Pick<Row, 'policy'>): StoredPolicy => storedPolicySchema.parse(row.policy);

/** Every escalation job's fence: the epoch, read FOR UPDATE (acknowledge and resolve wait for a running job, or it sees them). */
export async function epochFence(tx: Tx, job: JobRow): Promise<string | null> {
  if (!job.subjectId) return null;
  const rows = await tx.$queryRaw<
    { epoch: number }[]
  >`SELECT "epoch" FROM "Escalation" WHERE "id" = ${job.subjectId}::uuid FOR UPDATE`;
  return rows[0] ? String(rows[0].epoch) : null;
}
