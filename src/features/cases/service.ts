// Cases: the bot issues the code (never a name), records a baseline, assigns mentors, pauses and
// closes with an outcome in the evaluations' categories. Row-level rule: a mentor reads only the
// cases they are assigned to; coordinators read all.
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
