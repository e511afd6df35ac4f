// A case's concerns on its chronology: raised, taken, each action and onward referral, closed.
// Structured facts only. A mentor sees only the concerns they raised, and of those not the work.
import type { Tx } from '../../db/client.js';
import type { TimelineEntry, TimelineViewer } from '../cases/api.js';
import { agencyLabel, day, outcomeLabel } from './messages.js';
import { labelOf } from '../../core/wording.js';
import { concernCategories } from './policy.js';

export async function concernTimeline(tx: Tx, caseId: string, viewer: TimelineViewer): Promise<TimelineEntry[]> {
  const concerns = await tx.concern.findMany({
    where: { caseId, ...(viewer.coordinator ? {} : { raisedById: viewer.memberId }) },
    orderBy: { createdAt: 'asc' },
  });
  if (!concerns.length) return [];
  const ids = concerns.map((c) => c.id);
  const [actions, referrals] = viewer.coordinator
    ? await Promise.all([
        tx.concernAction.findMany({ where: { concernId: { in: ids } } }),
        tx.onwardReferral.findMany({ where: { concernId: { in: ids } } }),
      ])
    : [[], []];
  const entries: TimelineEntry[] = [];
  for (const c of concerns) {
    const title = `Concern #${c.number}`;
    entries.push({
      at: c.createdAt,
      title,
      detail: `raised (${labelOf(concernCategories, c.category)}, urgency ${c.urgency}, from ${c.source})${c.escalationId ? '; also an escalation' : ''}`,
    });
    if (c.takenAt && viewer.coordinator) entries.push({ at: c.takenAt, title, detail: 'taken by a coordinator' });
    for (const a of actions.filter((x) => x.concernId === c.id))
      entries.push({ at: a.createdAt, title, detail: `action recorded (done ${day(a.doneOn)})` });
    for (const r of referrals.filter((x) => x.concernId === c.id)) {
      entries.push({
        at: r.createdAt,
        title,
        detail: `onward referral to ${agencyLabel(r.agency)} on ${day(r.referredOn)}${r.followUpOn ? `, follow up ${day(r.followUpOn)}` : ''}`,
      });
    }
    if (c.closedAt) entries.push({ at: c.closedAt, title, detail: `closed: ${outcomeLabel(c.outcome)}` });
  }
  return entries;
}
