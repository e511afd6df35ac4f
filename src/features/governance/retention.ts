// Retention: content past its period is removed; ids and structured answers stay for the timelines
// and aggregate reporting. Every sealed record column in the inventory (src/db/sealed-columns.ts)
// with a retention date is cleared after RETENTION_DEBRIEF_NOTES_DAYS, so no copy of a note outlives
// it; owed messages, receipts, drafts and finished jobs are deleted on their own periods, and
// expired web links and sessions a day after they expire.
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import { sealedColumns } from '../../db/sealed-columns.js';
import { REMOVED } from '../../db/vault.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function applyRetention(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const { config, db } = deps;
  const counts = await db.$transaction(async (tx) => {
    const removed: Record<string, number> = {};
    const cutoff = before(config.RETENTION_DEBRIEF_NOTES_DAYS);
    for (const e of sealedColumns.filter((c) => c.retainedFrom && !c.field)) {
      removed[`${e.table}.${e.column}`] = await tx.$executeRawUnsafe(
        `UPDATE "${e.table}" SET "${e.column}" = ${e.nullable ? 'NULL' : '$2'} WHERE "${e.retainedFrom}" < $1 AND "${e.column}" IS NOT NULL AND "${e.column}" <> $2`,
        cutoff,
        REMOVED,
      );
    }
    return {
      ...removed,
      sentMessages: (
        await tx.outboxMessage.deleteMany({
          where: {
            status: { in: ['sent', 'failed', 'cancelled'] },
            createdAt: { lt: before(config.RETENTION_SENT_MESSAGES_DAYS) },
          },
        })
      ).count,
      receipts: (
        await tx.inboundReceipt.deleteMany({ where: { createdAt: { lt: before(config.RETENTION_RECEIPTS_DAYS) } } })
      ).count,
      expiredDrafts: (await tx.formDraft.deleteMany({ where: { expiresAt: { lte: now } } })).count,
      usedLinkCodes: (await tx.linkCode.deleteMany({ where: { expiresAt: { lt: before(1) } } })).count,
      // Report sign-in links and sessions, and acknowledge links: kept a day past expiry so a late click hears "expired", not "not valid".
      reportSignIns: (await tx.reportSignIn.deleteMany({ where: { expiresAt: { lt: before(1) } } })).count,
      reportSessions: (await tx.reportSession.deleteMany({ where: { expiresAt: { lt: before(1) } } })).count,
      escalationAckLinks: (await tx.escalationAckLink.deleteMany({ where: { expiresAt: { lt: before(1) } } })).count,
      finishedJobs: (
        await tx.job.deleteMany({
          where: {
            status: { in: ['done', 'skipped', 'cancelled'] },
            finishedAt: { lt: before(config.RETENTION_SENT_MESSAGES_DAYS) },
          },
        })
      ).count,
    };
  });
  await recordEvent(db, {
    subjectKind: 'network',
    subjectId: 'retention',
    kind: 'retention.applied',
    at: now,
    data: counts,
  });
  return counts;
}
