// What a leaving member holds of cases: their open assignments end, and a job tells coordinators at
// once which cases need a mentor.
import type { Holding } from '../../core/holdings.js';
import { enqueueJob } from '../../jobs/enqueue.js';

export const CASE_NEEDS_MENTOR_JOB = 'case.needs_mentor';

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
