// Matching at assignment: what blocks a mentor (lapsed checks, missing mandatory training, a
// declared conflict) unless a coordinator overrides with a recorded reason, and the suggestions
// `/case assign MS-0042` gives without a mentor. Suggestions and the choice are recorded.
import { randomUUID } from 'node:crypto';
import { recordEvent } from '../../core/events.js';
import { Refusal } from '../../core/router.js';
import { findMember } from '../members/api.js';
import { normaliseCaseCode } from '../cases/api.js';
import { conflictsWith, rankCandidates, type Candidate, type CaseForMatching, type Suggestion } from './policy.js';
import { blockersOf, DEFAULT_CAPACITY, recordOf, type Ctx } from './record.js';

const DAY = 86_400_000;
const MIN_REASON = 5;

export const overrideBinding = (rowId: string) => ({ table: 'AssignmentOverride', column: 'reasonEnc', rowId });

const caseEvent = (ctx: Ctx, caseId: string, kind: string, data: Record<string, string | number | boolean | null>) =>
  recordEvent(ctx.tx, {
    subjectKind: 'case',
    subjectId: caseId,
    kind,
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data,
  });

async function caseByCode(ctx: Ctx, rawCode: string) {
  const code = normaliseCaseCode(rawCode);
  const found = await ctx.tx.case.findUnique({ where: { code } });
  if (!found) throw new Refusal(`There is no case ${code.slice(0, 13)}. /case list shows the open cases.`, 'not_found');
  return found;
}

const forMatching = (c: {
  code: string;
  baseline: unknown;
  language: string | null;
  area: string | null;
}): CaseForMatching => ({
  code: c.code,
  programme: (c.baseline as { programme?: string } | null)?.programme ?? null,
  language: c.language,
  area: c.area,
});

/**
 * Before `/case assign` changes anything: a mentor with a lapsed check, missing mandatory training
 * or a declared conflict with the case is refused with the reasons, unless the coordinator gives an
 * override reason; the override is recorded (its reason sealed under the case's key) and audited.
 */
export async function guardAssignment(
  ctx: Ctx,
  rawCode: string,
  memberRef: string,
  override?: string,
): Promise<{ overridden: string[] }> {
  const found = await caseByCode(ctx, rawCode);
  const member = await findMember(ctx, memberRef);
  if (!member.roles.includes('mentor')) return { overridden: [] };
  const record = await recordOf(ctx.tx, member.id);
  const reasons = [
    ...(await blockersOf(ctx, member.id)),
    ...(conflictsWith(record, forMatching(found)) ? [`declared a conflict with ${found.code} or its community`] : []),
  ];
  if (!reasons.length) return { overridden: [] };
  const reason = override?.trim() ?? '';
  if (!reason) {
    throw new Refusal(
      `${member.displayName} cannot be assigned to ${found.code}: ${reasons.join('; ')}. Record a current check or the training with /mentor check add or /mentor training add, or override with a reason: add override:"why" to the same command (it is audited).`,
    );
  }
  if (reason.length < MIN_REASON)
    throw new Refusal(
      'override: please give a reason of a few words; it is kept with the case and audited. Nothing was changed.',
    );
  const id = randomUUID();
  const reasonEnc = await ctx.deps.vault.seal(ctx.tx, reason, overrideBinding(id), { kind: 'case', id: found.code });
  await ctx.tx.assignmentOverride.create({
    data: {
      id,
      caseId: found.id,
      memberId: member.id,
      coordinatorId: ctx.actor.memberId,
      blockers: reasons,
      reasonEnc,
      createdAt: ctx.now,
    },
  });
  await caseEvent(ctx, found.id, 'case.assignment_overridden', {
    overrideId: id,
    memberId: member.id,
    blockers: reasons.length,
  });
  return { overridden: reasons };
}

async function candidates(ctx: Ctx, caseId: string): Promise<Candidate[]> {
  const onCase = (
    await ctx.tx.caseAssignment.findMany({ where: { caseId, endedAt: null }, select: { memberId: true } })
  ).map((a) => a.memberId);
  const mentors = await ctx.tx.member.findMany({
    where: { roles: { has: 'mentor' }, status: { not: 'left' }, id: { notIn: onCase } },
    orderBy: { displayName: 'asc' },
  });
  const available = mentors.filter((m) => !(m.status === 'away' && (!m.awayUntil || m.awayUntil > ctx.now)));
  const ids = available.map((m) => m.id);
  const open = await ctx.tx.caseAssignment.groupBy({
    by: ['memberId'],
    where: { memberId: { in: ids }, endedAt: null },
    _count: { _all: true },
  });
  const since = new Date(ctx.now.getTime() - 28 * DAY);
  const recent = await ctx.tx.$queryRaw<{ memberId: string; n: number }[]>`
    SELECT p."memberId", count(*)::int AS n FROM "SessionParticipant" p JOIN "MentoringSession" s ON s."id" = p."sessionId"
    WHERE p."memberId" = ANY(${ids}::uuid[]) AND s."status" <> 'cancelled' AND coalesce(s."startedAt", s."plannedStart", s."createdAt") BETWEEN ${since} AND ${ctx.now}
    GROUP BY p."memberId"`;
  const records = await ctx.tx.mentorRecord.findMany({ where: { memberId: { in: ids } } });
  const out: Candidate[] = [];
  for (const m of available) {
    const record = records.find((r) => r.memberId === m.id);
    out.push({
      memberId: m.id,
      name: m.displayName,
      specialisms: m.specialisms,
      languages: m.languages,
      region: m.region,
      capacity: record?.capacity ?? DEFAULT_CAPACITY,
      openCases: open.find((o) => o.memberId === m.id)?._count._all ?? 0,
      recentSessions: recent.find((r) => r.memberId === m.id)?.n ?? 0,
      conflicts: record?.conflicts ?? [],
      blocked: await blockersOf(ctx, m.id),
    });
  }
  return out;
}

export async function suggestMentors(
  ctx: Ctx,
  rawCode: string,
): Promise<{ code: string; suggestionId: string; suggestions: Suggestion[] }> {
  const found = await caseByCode(ctx, rawCode);
  if (found.status === 'closed')
    throw new Refusal(`${found.code} is closed; open a new case if the work starts again.`, 'closed');
  const target = forMatching(found);
  const suggestions = rankCandidates(target, await candidates(ctx, found.id));
  const suggestionId = randomUUID();
  await ctx.tx.matchSuggestion.create({
    data: {
      id: suggestionId,
      caseId: found.id,
      suggestedById: ctx.actor.memberId,
      suggestions: suggestions.map((s, i) => ({ memberId: s.memberId, rank: i + 1, reasons: s.reasons })),
      createdAt: ctx.now,
    },
  });
  await caseEvent(ctx, found.id, 'case.mentors_suggested', { suggestionId, count: suggestions.length });
  return { code: found.code, suggestionId, suggestions };
}

/** After an assignment: the latest open suggestion for the case records who was chosen (suggested or not). */
export async function recordMatchChoice(ctx: Ctx, caseCode: string, memberId: string): Promise<void> {
  const found = await caseByCode(ctx, caseCode);
  const latest = await ctx.tx.matchSuggestion.findFirst({
    where: { caseId: found.id, chosenAt: null },
    orderBy: { createdAt: 'desc' },
  });
  if (!latest) return;
  const suggested = (latest.suggestions as { memberId: string }[]).some((s) => s.memberId === memberId);
  await ctx.tx.matchSuggestion.update({
    where: { id: latest.id },
    data: { chosenMemberId: memberId, chosenAt: ctx.now },
  });
  await caseEvent(ctx, found.id, 'case.mentor_chosen', { suggestionId: latest.id, memberId, suggested });
}

/** A suggestion's Assign button: the case code and the mentor's name, for the ordinary assignment. */
export async function chosenFromButton(ctx: Ctx, pair: string): Promise<{ code: string; memberName: string }> {
  const [suggestionId, memberId] = pair.split(':') as [string, string];
  const suggestion = await ctx.tx.matchSuggestion.findUnique({ where: { id: suggestionId } });
  const member = await ctx.tx.member.findUnique({ where: { id: memberId } });
  if (
    !suggestion ||
    !member ||
    !(suggestion.suggestions as { memberId: string }[]).some((s) => s.memberId === memberId)
  )
    throw new Refusal('That button is no longer valid.', 'bad_button');
  const found = await ctx.tx.case.findUniqueOrThrow({ where: { id: suggestion.caseId } });
  return { code: found.code, memberName: member.displayName };
}
