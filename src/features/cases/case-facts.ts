// A case's facts as mentors and referrals read them: its matching details by code, its code by id,
// who worked it last, and how many cases each mentor works on now.
import type { Tx } from '../../db/client.js';
import { normaliseCaseCode, parseBaseline } from './policy.js';

export interface CaseFacts {
  id: string;
  code: string;
  status: string;
  closedAt: Date | null;
  /** The referral type from the baseline, if recorded. */
  programme: string | null;
  language: string | null;
  area: string | null;
}

/** The case with this code (typed in any case), or undefined. */
export async function caseFacts(tx: Tx, rawCode: string): Promise<CaseFacts | undefined> {
  const found = await tx.case.findUnique({
    where: { code: normaliseCaseCode(rawCode) },
    select: { id: true, code: true, status: true, closedAt: true, baseline: true, language: true, area: true },
  });
  if (!found) return undefined;
  const { baseline, ...facts } = found;
  return { ...facts, programme: parseBaseline(baseline)?.programme ?? null };
}

/** The code of the case with this id (it must exist). */
export async function caseCodeOf(tx: Tx, caseId: string): Promise<string> {
  return (await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { code: true } })).code;
}

/** The mentor who worked the case last: the current one, else the one whose assignment ended latest. */
export async function lastMentorOf(tx: Tx, caseId: string): Promise<string | undefined> {
  const row = await tx.caseAssignment.findFirst({
    where: { caseId, role: 'mentor' },
    orderBy: [{ endedAt: { sort: 'desc', nulls: 'first' } }, { assignedAt: 'desc' }],
    select: { memberId: true },
  });
  return row?.memberId;
}

/** How many cases each of these members is assigned to now (0 for none). */
export async function openCaseCounts(tx: Tx, memberIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await tx.caseAssignment.groupBy({
    by: ['memberId'],
    where: { memberId: { in: [...memberIds] }, endedAt: null },
    _count: { _all: true },
  });
  return new Map(memberIds.map((id) => [id, rows.find((r) => r.memberId === id)?._count._all ?? 0]));
}
