// Retention: content past its period is removed; ids and structured answers stay for the timelines
// and aggregate reporting. Periods come from configuration (defaults in README).
import type { Deps } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function applyRetention(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const { config, db } = deps;
  const counts = await db.$transaction(async (tx) => ({
    debriefNotes: (await tx.debrief.updateMany({ where: { createdAt: { lt: before(config.RETENTION_DEBRIEF_NOTES_DAYS) }, notesEnc: { not: null } }, data: { notesEnc: null } })).count,
    sentMessages: (await tx.outboxMessage.deleteMany({ where: { status: { in: ['sent', 'failed', 'cancelled'] }, createdAt: { lt: before(config.RETENTION_SENT_MESSAGES_DAYS) } } })).count,
    receipts: (await tx.inboundReceipt.deleteMany({ where: { createdAt: { lt: before(config.RETENTION_RECEIPTS_DAYS) } } })).count,
    expiredDrafts: (await tx.formDraft.deleteMany({ where: { expiresAt: { lte: now } } })).count,
    usedLinkCodes: (await tx.linkCode.deleteMany({ where: { expiresAt: { lt: before(1) } } })).count,
    finishedJobs: (await tx.job.deleteMany({ where: { status: { in: ['done', 'skipped', 'cancelled'] }, finishedAt: { lt: before(config.RETENTION_SENT_MESSAGES_DAYS) } } })).count,
  }));
  await recordEvent(db, { subjectKind: 'network', subjectId: 'retention', kind: 'retention.applied', at: now, data: counts });
  return counts;
}
