// Cases: the bot issues the code (never a name), records a baseline, assigns mentors, pauses and
// closes with an outcome in the evaluations' categories. Row-level rule: a mentor reads only the
// cases they are assigned to; coordinators read all.
import { randomUUID } from 'node:crypto';
import { recordEvent } from '../../core/events.js';
import type { Holding } from '../../core/holdings.js';
import { Refusal, type HandlerContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { findMember } from '../members/api.js';
import { saveAssessment } from './assessments.js';
import type { CaseCloseValues, CaseOpenValues, CaseView } from './forms.js';
import { caseCodeRegex, formatCaseCode, nextReview, normaliseCaseCode } from './policy.js';
import type { Tx } from '../../db/client.js';

export type CaseRoleName = 'mentor' | 'co_mentor';

/** Who works on a case now (for conflict-of-interest checks and case-level permissions). */
export async function activeCaseMembers(tx: Tx, caseCode: string): Promise<{ memberId: string; role: CaseRoleName }[]> {
  const found = await tx.case.findUnique({ where: { code: caseCode.trim().toUpperCase() }, select: { id: true } });
  if (!found) return [];
  const rows = await tx.caseAssignment.findMany({
    where: { caseId: found.id, endedAt: null },
    orderBy: { assignedAt: 'asc' },
    select: { memberId: true, role: true },
  });
  return rows.map((r) => ({ memberId: r.memberId, role: r.role }));
}

type Ctx = Pick<HandlerContext, 'tx' | 'deps' | 'actor' | 'now' | 'surface'>;

export const CASE_REVIEW_JOB = 'case.review';
export const CASE_NEEDS_MENTOR_JOB = 'case.needs_mentor';

const isCoordinator = (ctx: Pick<Ctx, 'actor'>) => ctx.actor.roles.includes('coordinator');

const audit = (ctx: Ctx, caseId: string, kind: string, data: Record<string, string | string[] | null> = {}) =>
  recordEvent(ctx.tx, {
    subjectKind: 'case',
    subjectId: caseId,
    kind,
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data,
  });

/** The next free code with the configured prefix; an advisory lock makes simultaneous openings queue. */
async function issueCaseCode(tx: Tx, prefix: string): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('case-code'))`;
  const [row] = await tx.$queryRaw<{ n: number | null }[]>`
    SELECT max(substring("code" from '-([0-9]+)$')::int) AS n FROM "Case" WHERE "code" LIKE ${`${prefix}-%`}`;
  return formatCaseCode(prefix, (row?.n ?? 0) + 1);
}

async function scheduleReview(tx: Tx, caseId: string, at: Date): Promise<void> {
  await tx.case.update({ where: { id: caseId }, data: { nextReviewAt: at } });
  await enqueueJob(tx, {
    kind: CASE_REVIEW_JOB,
    dueAt: at,
    subject: { kind: 'case', id: caseId },
    fence: at.toISOString(),
    dedupeKey: `${CASE_REVIEW_JOB}:${caseId}:${at.toISOString()}`,
    payload: { caseId },
  });
}

export async function openCase(ctx: Ctx, values: CaseOpenValues): Promise<{ id: string; code: string }> {
  const code = await issueCaseCode(ctx.tx, ctx.deps.config.CASE_CODE_PREFIX);
  const id = randomUUID();
  const baseline = {
    programme: values.programme,
    riskLevel: values.riskLevel,
    riskFactors: values.riskFactors,
    recordedAt: ctx.now.toISOString(),
  };
  await ctx.tx.case.create({
    data: {
      id,
      code,
      status: 'open',
      openedAt: ctx.now,
      createdAt: ctx.now,
      createdById: ctx.actor.memberId,
      baseline,
      language: values.language ?? null,
      area: values.area ?? null,
    },
  });
  const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps.config);
  await scheduleReview(ctx.tx, id, nextReview(ctx.now, networkTimeZone));
  await audit(ctx, id, 'case.opened', { code, riskLevel: values.riskLevel });
  return { id, code };
}

/** A case the actor may see: coordinators any, mentors only those they are assigned to now. */
export async function visibleCase(ctx: Pick<Ctx, 'tx' | 'actor'>, rawCode: string) {
  const code = normaliseCaseCode(rawCode);
  if (!caseCodeRegex.test(code))
    throw new Refusal('A case code looks like MS-0042: letters, a dash, then numbers. Never a name.');
  const found = await ctx.tx.case.findUnique({ where: { code } });
  const mine = found
    ? await ctx.tx.caseAssignment.findFirst({
        where: { caseId: found.id, memberId: ctx.actor.memberId, endedAt: null },
      })
    : null;
  // The same answer for "no such case" and "not yours", so codes cannot be probed.
  if (!found || (!mine && !isCoordinator(ctx)))
    throw new Refusal(
      `I could not find a case ${code} among ${isCoordinator(ctx) ? 'the network’s' : 'yours'}. Mentors see only the cases they are assigned to.`,
      found ? 'not_owner' : 'not_found',
    );
  return found;
}

async function teamOf(tx: Tx, caseIds: string[]) {
  const rows = await tx.caseAssignment.findMany({
    where: { caseId: { in: caseIds }, endedAt: null },
    orderBy: [{ role: 'asc' }, { assignedAt: 'asc' }],
  });
  const members = await tx.member.findMany({
    where: { id: { in: rows.map((r) => r.memberId) } },
    select: { id: true, displayName: true },
  });
  const names = new Map(members.map((m) => [m.id, m.displayName]));
  return (caseId: string) =>
    rows
      .filter((r) => r.caseId === caseId)
      .map((r) => ({ memberId: r.memberId, displayName: names.get(r.memberId) ?? 'a former member', role: r.role }));
}

type CaseRow = NonNullable<Awaited<ReturnType<Tx['case']['findUnique']>>>;
function toView(c: CaseRow, team: CaseView['team']): CaseView {
  return {
    code: c.code,
    status: c.status,
    pauseReason: c.pauseReason,
    openedAt: c.openedAt,
    nextReviewAt: c.nextReviewAt,
    outcome: c.outcome,
    positiveSteps: c.positiveSteps,
    baseline: (c.baseline as CaseView['baseline']) ?? null,
    team,
  };
}

/** Mentors: their own cases. Coordinators: every open or paused case. */
export async function listCases(ctx: Pick<Ctx, 'tx' | 'actor'>, scope: 'own' | 'all'): Promise<CaseView[]> {
  const where =
    scope === 'all'
      ? { status: { in: ['open' as const, 'paused' as const] } }
      : {
          id: {
            in: (
              await ctx.tx.caseAssignment.findMany({
                where: { memberId: ctx.actor.memberId, endedAt: null },
                select: { caseId: true },
              })
            ).map((a) => a.caseId),
          },
        };
  const cases = await ctx.tx.case.findMany({ where, orderBy: { code: 'asc' }, take: 200 });
  const team = await teamOf(
    ctx.tx,
    cases.map((c) => c.id),
  );
  return cases.map((c) => toView(c, team(c.id)));
}

export async function caseDetail(ctx: Pick<Ctx, 'tx' | 'actor'>, code: string): Promise<CaseView> {
  const found = await visibleCase(ctx, code);
  const team = await teamOf(ctx.tx, [found.id]);
  const last = await ctx.tx.debrief.findFirst({
    where: { caseId: found.id },
    orderBy: { sessionDate: 'desc' },
    select: { sessionDate: true },
  });
  return { ...toView(found, team(found.id)), lastDebriefOn: last?.sessionDate };
}

async function caseForCoordinator(ctx: Ctx, rawCode: string) {
  const code = normaliseCaseCode(rawCode);
  const found = caseCodeRegex.test(code) ? await ctx.tx.case.findUnique({ where: { code } }) : null;
  if (!found) throw new Refusal(`There is no case ${code.slice(0, 13)}. /case list shows the open cases.`, 'not_found');
  return found;
}

export async function assignCase(ctx: Ctx, rawCode: string, memberRef: string, role: CaseRoleName) {
  const found = await caseForCoordinator(ctx, rawCode);
  if (found.status === 'closed')
    throw new Refusal(`${found.code} is closed; open a new case if the work starts again.`, 'closed');
  const member = await findMember(ctx, memberRef);
  if (!member.roles.includes('mentor'))
    throw new Refusal(`${member.displayName} is not a mentor. A coordinator can grant the role with /network role.`);
  const active = await ctx.tx.caseAssignment.findMany({ where: { caseId: found.id, endedAt: null } });
  if (active.some((a) => a.memberId === member.id && a.role === role))
    throw new Refusal(
      `${member.displayName} is already the ${role === 'mentor' ? 'mentor' : 'co-mentor'} for ${found.code}.`,
    );
  // One mentor and at most one co-mentor at a time: the new one replaces whoever held the role.
  const replaced = active.filter((a) => a.role === role || a.memberId === member.id);
  if (replaced.length)
    await ctx.tx.caseAssignment.updateMany({
      where: { id: { in: replaced.map((a) => a.id) } },
      data: { endedAt: ctx.now },
    });
  await ctx.tx.caseAssignment.create({
    data: { id: randomUUID(), caseId: found.id, memberId: member.id, role, assignedAt: ctx.now },
  });
  await audit(ctx, found.id, 'case.assigned', { memberId: member.id, role });
  const roleWord = role === 'mentor' ? 'mentor' : 'co-mentor';
  return {
    code: found.code,
    member,
    replacedIds: replaced.map((a) => a.memberId).filter((id) => id !== member.id),
    roleWord,
  };
}

export async function pauseCase(ctx: Ctx, rawCode: string, reason: 'custody' | 'missing' | 'other' | 'resume') {
  const found = await caseForCoordinator(ctx, rawCode);
  if (found.status === 'closed') throw new Refusal(`${found.code} is closed.`, 'closed');
  if (reason === 'resume') {
    if (found.status !== 'paused') throw new Refusal(`${found.code} is not paused.`);
    await ctx.tx.case.update({ where: { id: found.id }, data: { status: 'open', pauseReason: null } });
  } else {
    await ctx.tx.case.update({ where: { id: found.id }, data: { status: 'paused', pauseReason: reason } });
  }
  await audit(ctx, found.id, reason === 'resume' ? 'case.resumed' : 'case.paused', { reason });
  return { code: found.code, team: (await activeCaseMembers(ctx.tx, found.code)).map((m) => m.memberId) };
}

export async function closeCase(ctx: Ctx, rawCode: string, values: CaseCloseValues) {
  const found = await caseForCoordinator(ctx, rawCode);
  if (found.status === 'closed') throw new Refusal(`${found.code} is already closed.`, 'closed');
  const team = (await activeCaseMembers(ctx.tx, found.code)).map((m) => m.memberId);
  await ctx.tx.case.update({
    where: { id: found.id },
    data: {
      status: 'closed',
      closedAt: ctx.now,
      outcome: values.outcome,
      positiveSteps: values.positiveSteps,
      nextReviewAt: null,
    },
  });
  await ctx.tx.caseAssignment.updateMany({ where: { caseId: found.id, endedAt: null }, data: { endedAt: ctx.now } });
  await saveAssessment(
    ctx.tx,
    found.id,
    { memberId: ctx.actor.memberId, at: ctx.now },
    { kind: 'closure', riskLevel: values.riskLevel, riskFactors: values.riskFactors },
  );
  await audit(ctx, found.id, 'case.closed', {
    outcome: values.outcome,
    positiveSteps: values.positiveSteps,
    riskLevel: values.riskLevel,
  });
  return { code: found.code, team };
}

/** Open cases held by a member who leaves: their assignments end and coordinators are told which cases need a mentor. */
export const caseHolding: Holding = {
  name: 'cases',
  async list(tx, memberId) {
    const rows = await tx.caseAssignment.findMany({
      where: { memberId, endedAt: null },
      select: { caseId: true, role: true },
    });
    const cases = await tx.case.findMany({
      where: { id: { in: rows.map((r) => r.caseId) }, status: { not: 'closed' } },
      select: { id: true, code: true },
      orderBy: { code: 'asc' },
    });
    return cases.map(
      (c) => `${c.code}${rows.find((r) => r.caseId === c.id)?.role === 'co_mentor' ? ' (co-mentor)' : ''}`,
    );
  },
  async release(tx, memberId, at) {
    const rows = await tx.caseAssignment.findMany({ where: { memberId, endedAt: null }, select: { caseId: true } });
    if (!rows.length) return;
    await tx.caseAssignment.updateMany({ where: { memberId, endedAt: null }, data: { endedAt: at } });
    const open = await tx.case.findMany({
      where: { id: { in: rows.map((r) => r.caseId) }, status: { not: 'closed' } },
      select: { id: true },
    });
    if (!open.length) return;
    // The holding has no outbox; a job (same transaction) tells coordinators at once.
    await enqueueJob(tx, {
      kind: CASE_NEEDS_MENTOR_JOB,
      dueAt: at,
      payload: { memberId, caseIds: open.map((c) => c.id) },
      dedupeKey: `${CASE_NEEDS_MENTOR_JOB}:${memberId}:${at.toISOString()}`,
    });
  },
};
