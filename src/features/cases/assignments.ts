// Who works on a case: reads of the case assignments, for this feature and (through api.ts) for the
// sessions and debriefs that depend on being assigned.
import type { Tx } from '../../db/client.js';

export type CaseRoleName = 'mentor' | 'co_mentor';

/** The case's team now, by case id, earliest assigned first. */
export async function caseTeam(tx: Tx, caseId: string): Promise<{ memberId: string; role: CaseRoleName }[]> {
  return tx.caseAssignment.findMany({
    where: { caseId, endedAt: null },
    orderBy: { assignedAt: 'asc' },
    select: { memberId: true, role: true },
  });
}

/** Who works on a case now (for conflict-of-interest checks and case-level permissions). */
export async function activeCaseMembers(tx: Tx, caseCode: string): Promise<{ memberId: string; role: CaseRoleName }[]> {
  const found = await tx.case.findUnique({ where: { code: caseCode.trim().toUpperCase() }, select: { id: true } });
  return found ? caseTeam(tx, found.id) : [];
}

/**
 * Whether the member is assigned to the case now or, with `since`, was until at least then (a
 * mentor handed on or whose case closed may still debrief their last sessions).
 */
export async function isAssigned(tx: Tx, input: { caseId: string; memberId: string; since?: Date }): Promise<boolean> {
  const ended = input.since ? { OR: [{ endedAt: null }, { endedAt: { gte: input.since } }] } : { endedAt: null };
  const found = await tx.caseAssignment.findFirst({
    where: { caseId: input.caseId, memberId: input.memberId, ...ended },
    select: { id: true },
  });
  return found !== null;
}

/** Ids of the cases the member is assigned to now. */
export async function assignedCaseIds(tx: Tx, memberId: string): Promise<string[]> {
  const rows = await tx.caseAssignment.findMany({ where: { memberId, endedAt: null }, select: { caseId: true } });
  return rows.map((r) => r.caseId);
}

/** The teams of these cases now with their names, mentor before co-mentor. */
export async function teamsOf(tx: Tx, caseIds: string[]) {
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
