// The case's own entries in its chronology: opening and baseline, assignments and their end,
// pauses, agreement reviews and closure, each re-assessment with its change per risk factor.
import { z } from 'zod';
import { labelOf } from '../../core/wording.js';
import type { Tx } from '../../db/client.js';
import { displayNames } from '../members/api.js';
import { assessmentsOf } from './assessments.js';
import {
  assessmentChange,
  attendanceChoices,
  describeChange,
  outcomes,
  positiveSteps,
  programmes,
  riskFactors,
  parseBaseline,
  riskLevels,
} from './policy.js';
import type { TimelineEntry, TimelineViewer } from './timeline-entry.js';

type CaseRow = NonNullable<Awaited<ReturnType<Tx['case']['findUnique']>>>;

/** A pause's audit data, as stored. */
const pauseData = z.object({ reason: z.string().optional() }).catch({});

const listOf = (list: readonly { value: string; label: string }[], values: readonly string[] | undefined) =>
  (values ?? []).map((v) => labelOf(list, v)).join(', ') || 'none';
const roleWord = (role: string) => (role === 'co_mentor' ? 'co-mentor' : 'mentor');
const closure = (found: CaseRow, assessment: string) =>
  [
    `outcome: ${labelOf(outcomes, found.outcome)}`,
    `positive steps: ${listOf(positiveSteps, found.positiveSteps)}`,
    assessment,
  ].join('; ');

/** Coordinators: all of it. A mentor: their own assignment and the reviews they recorded. */
export async function caseHistory(tx: Tx, found: CaseRow, viewer: TimelineViewer): Promise<TimelineEntry[]> {
  const own = viewer.coordinator ? {} : { memberId: viewer.memberId };
  const assignments = await tx.caseAssignment.findMany({
    where: { caseId: found.id, ...own },
    orderBy: [{ assignedAt: 'asc' }, { id: 'asc' }],
  });
  const baseline = parseBaseline(found.baseline);
  const assessments = await assessmentsOf(tx, found.id);
  const name = await displayNames(
    tx,
    assignments.map((a) => a.memberId),
  );
  const entries: TimelineEntry[] = [];

  for (const a of assignments) {
    entries.push({ at: a.assignedAt, title: 'Assigned', detail: `${name(a.memberId)} as ${roleWord(a.role)}` });
    if (a.endedAt)
      entries.push({ at: a.endedAt, title: 'Assignment ended', detail: `${name(a.memberId)} as ${roleWord(a.role)}` });
  }
  // Each re-assessment is compared with the one before it: the baseline, then the previous review.
  assessments.forEach((r, i) => {
    if (!viewer.coordinator && r.reviewedById !== viewer.memberId) return;
    const change = describeChange(assessmentChange(i === 0 ? baseline : assessments[i - 1], r));
    const level = `risk level ${labelOf(riskLevels, r.riskLevel).toLowerCase()}; change: ${change}`;
    if (r.kind === 'closure') {
      entries.push({ at: r.reviewedAt, title: 'Closed', detail: closure(found, level) });
    } else {
      const revised = `agreement ${r.agreementRevised ? 'revised' : 'not revised'}`;
      entries.push({
        at: r.reviewedAt,
        title: 'Agreement review',
        detail: [labelOf(attendanceChoices, r.attendance), revised, level].join('; '),
      });
    }
  });
  if (!viewer.coordinator) return entries;

  entries.push({
    at: found.openedAt,
    title: 'Case opened',
    detail: [
      `referral type: ${labelOf(programmes, baseline?.programme) || 'not recorded'}`,
      `baseline risk level ${labelOf(riskLevels, baseline?.riskLevel).toLowerCase() || 'not recorded'}`,
      `factors: ${listOf(riskFactors, baseline?.riskFactors ?? undefined)}`,
    ].join('; '),
  });
  const events = await tx.event.findMany({
    where: { subjectKind: 'case', subjectId: found.id, kind: { in: ['case.paused', 'case.resumed'] } },
  });
  for (const e of events) {
    entries.push(
      e.kind === 'case.paused'
        ? { at: e.at, title: 'Paused', detail: `reason: ${pauseData.parse(e.data).reason ?? 'other'}` }
        : { at: e.at, title: 'Resumed', detail: 'open again' },
    );
  }
  // A case closed before closure re-assessed has no closure review: its closure comes from the case itself.
  if (found.closedAt && !assessments.some((r) => r.kind === 'closure')) {
    entries.push({ at: found.closedAt, title: 'Closed', detail: closure(found, 'no re-assessment recorded') });
  }
  return entries;
}
