// "Acknowledged but not updated": the acknowledger is reminded, then looked at again after the same
// time, until something is recorded or it is resolved.
import type { UseCaseContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { categoryLabel, nextStepsMessage } from './messages.js';
import { durationText } from './policy.js';
import { event, lockEscalation, storedPolicy, SUBJECT } from './record.js';

export const STALE_JOB = 'escalation.stale';

const scheduleLook = (tx: Tx, row: { id: string; epoch: number }, dueAt: Date) =>
  enqueueJob(tx, {
    kind: STALE_JOB,
    dueAt,
    subject: { kind: SUBJECT, id: row.id },
    fence: String(row.epoch),
    dedupeKey: `escalation:${row.id}:stale:${dueAt.toISOString()}`,
  });

/** Reminds the acknowledger when nothing has been recorded for the policy's time; else looks again later. */
export async function remindIfStale(ctx: UseCaseContext, id: string): Promise<void> {
  const { tx, now } = ctx;
  const row = await lockEscalation(tx, { id });
  if (row.status === 'resolved' || row.status === 'open' || !row.acknowledgedById) return;
  const staleMs = storedPolicy(row).staleAfterMinutes * 60_000;
  const since = row.lastUpdateAt ?? row.acknowledgedAt ?? now;
  const dueAt = new Date(since.getTime() + staleMs);
  if (dueAt > now) {
    await scheduleLook(tx, row, dueAt);
    return;
  }
  await ctx.deps.outbox.enqueue(tx, {
    to: 'member',
    memberId: row.acknowledgedById,
    message: nextStepsMessage(
      id,
      `A gentle reminder: escalation #${row.number} (${row.tier}, ${categoryLabel(row.category)}) has had no update for ${durationText(now.getTime() - since.getTime())}. Please record what has been done, or resolve it.`,
    ),
  });
  await event(ctx, id, 'escalation.reminded', { to: row.acknowledgedById });
  await scheduleLook(tx, row, new Date(now.getTime() + staleMs));
}
