// Matching at assignment: what blocks a mentor (lapsed checks, missing mandatory training, a
// declared conflict) unless a coordinator overrides with a recorded reason, and the suggestions
// `/case assign MS-0042` gives without a mentor. Suggestions and the choice are recorded.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordEvent } from '../../core/events.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import { activeCaseMembers, caseCodeOf, caseFacts, normaliseCaseCode, openCaseCounts } from '../cases/api.js';
import { byActor, findMember } from '../members/api.js';
import { sessionsPerMember } from '../sessions/api.js';
import { conflictsWith, rankCandidates, type Candidate, type Suggestion } from './policy.js';
import { blockersOf, DEFAULT_CAPACITY, recordOf } from './record.js';

const DAY = 86_400_000;
const MIN_REASON = 5;

export const overrideBinding = (rowId: string) => ({ table: 'AssignmentOverride', column: 'reasonEnc', rowId });

/** A suggestion as stored (with each one's rank and reasons): who was suggested. */
const storedSuggestions = z.array(z.object({ memberId: z.string() }));

/** Whether a stored suggestion named this member (a suggestion that does not parse named nobody). */
const suggested = (stored: unknown, memberId: string) => {
  const parsed = storedSuggestions.safeParse(stored);
  return parsed.success && parsed.data.some((s) => s.memberId === memberId);
};

const caseEvent = (ctx: ActorContext, caseId: string, kind: string, data: Record<string, string | number | boolean>) =>
  recordEvent(ctx.tx, { subjectKind: 'case', subjectId: caseId, kind, data, ...byActor(ctx) });

async function caseByCode(ctx: ActorContext, rawCode: string) {
  const found = await caseFacts(ctx.tx, rawCode);
  if (!found)
    throw new Refusal(
      `There is no case ${normaliseCaseCode(rawCode).slice(0, 13)}. /case list shows the open cases.`,
      'not_found',
    );
  return found;
}

/**
 * Before `/case assign` changes anything: a mentor with a lapsed check, missing mandatory training
 * or a declared conflict with the case is refused with the reasons, unless the coordinator gives an
 * override reason; the override is recorded (its reason sealed under the case's key) and audited.
 */
export async function guardAssignment(
  ctx: ActorContext,
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
    ...(conflictsWith(record, found) ? [`declared a conflict with ${found.code} or its community`] : []),
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

async function candidates(ctx: ActorContext, caseCode: string): Promise<Candidate[]> {
  const onCase = (await activeCaseMembers(ctx.tx, caseCode)).map((a) => a.memberId);
  const mentors = await ctx.tx.member.findMany({
    where: { roles: { has: 'mentor' }, status: { not: 'left' }, id: { notIn: onCase } },
    orderBy: { displayName: 'asc' },
  });
  const available = mentors.filter((m) => !(m.status === 'away' && (!m.awayUntil || m.awayUntil > ctx.now)));
  const ids = available.map((m) => m.id);
  const open = await openCaseCounts(ctx.tx, ids);
  const recent = await sessionsPerMember(ctx.tx, {
    since: new Date(ctx.now.getTime() - 28 * DAY),
    until: ctx.now,
    untilInclusive: true,
    memberIds: ids,
  });
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
      openCases: open.get(m.id) ?? 0,
      recentSessions: recent.get(m.id) ?? 0,
      conflicts: record?.conflicts ?? [],
      blocked: await blockersOf(ctx, m.id),
    });
  }
  return out;
}

export async function suggestMentors(
  ctx: ActorContext,
  rawCode: string,
): Promise<{ code: string; suggestionId: string; suggestions: Suggestion[] }> {
  const found = await caseByCode(ctx, rawCode);
  if (found.status === 'closed')
    throw new Refusal(`${found.code} is closed; open a new case if the work starts again.`, 'closed');
  const suggestions = rankCandidates(found, await candidates(ctx, found.code));
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
export async function recordMatchChoice(ctx: ActorContext, caseCode: string, memberId: string): Promise<void> {
  const found = await caseByCode(ctx, caseCode);
  const latest = await ctx.tx.matchSuggestion.findFirst({
    where: { caseId: found.id, chosenAt: null },
    orderBy: { createdAt: 'desc' },
  });
  if (!latest) return;
  await ctx.tx.matchSuggestion.update({
    where: { id: latest.id },
    data: { chosenMemberId: memberId, chosenAt: ctx.now },
  });
  await caseEvent(ctx, found.id, 'case.mentor_chosen', {
    suggestionId: latest.id,
    memberId,
    suggested: suggested(latest.suggestions, memberId),
  });
}

/** A suggestion's Assign button: the case code and the mentor's name, for the ordinary assignment. */
export async function chosenFromButton(ctx: ActorContext, pair: string): Promise<{ code: string; memberName: string }> {
  const [suggestionId, memberId] = pair.split(':') as [string, string];
  const suggestion = await ctx.tx.matchSuggestion.findUnique({ where: { id: suggestionId } });
  const member = await ctx.tx.member.findUnique({ where: { id: memberId } });
  if (!suggestion || !member || !suggested(suggestion.suggestions, memberId))
    throw new Refusal('That button is no longer valid.', 'bad_button');
  return { code: await caseCodeOf(ctx.tx, suggestion.caseId), memberName: member.displayName };
}
