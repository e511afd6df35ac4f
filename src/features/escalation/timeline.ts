// Escalations in a case's chronology: number, tier, category, status and when each was raised,
// acknowledged and resolved. Never the details or how to reach anyone.
import type { Tx } from '../../db/client.js';
import type { TimelineEntry, TimelineViewer } from '../cases/api.js';
import { displayNames } from '../members/api.js';
import { labelOf } from '../../core/wording.js';
import { outcomeChoices } from './forms.js';
import { categoryLabel } from './messages.js';

const statusWords: Record<string, string> = {
  open: 'open',
  acknowledged: 'acknowledged',
  in_progress: 'in progress',
  resolved: 'resolved',
};

/** Coordinators: every escalation about the case. A mentor: the ones they raised. */
export async function escalationTimeline(tx: Tx, caseCode: string, viewer: TimelineViewer): Promise<TimelineEntry[]> {
  const rows = await tx.escalation.findMany({
    where: { caseCode, ...(viewer.coordinator ? {} : { reporterId: viewer.memberId }) },
    select: {
      number: true,
      tier: true,
      category: true,
      status: true,
      reporterId: true,
      raisedAt: true,
      acknowledgedAt: true,
      acknowledgedById: true,
      resolvedAt: true,
      outcome: true,
    },
  });
  const name = await displayNames(
    tx,
    rows.flatMap((r) => [r.reporterId, r.acknowledgedById]),
  );
  return rows.flatMap((r) => {
    const what = `${r.tier}; ${categoryLabel(r.category)}`;
    const entries: TimelineEntry[] = [
      {
        at: r.raisedAt,
        title: `Escalation #${r.number} raised`,
        detail: `${what}; by ${name(r.reporterId)}; now ${statusWords[r.status] ?? r.status}`,
      },
    ];
    if (r.acknowledgedAt)
      entries.push({
        at: r.acknowledgedAt,
        title: `Escalation #${r.number} acknowledged`,
        detail: `${what}; by ${name(r.acknowledgedById)}`,
      });
    if (r.resolvedAt)
      entries.push({
        at: r.resolvedAt,
        title: `Escalation #${r.number} resolved`,
        detail: `${what}${r.outcome ? `; ${labelOf(outcomeChoices, r.outcome)}` : ''}`,
      });
    return entries;
  });
}
