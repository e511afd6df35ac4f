// Drafting: when a digest period ends, its figures (by the network's thresholds, earlier published
// periods held fixed) and the items waiting go into one draft, once; each contributor is shown their
// item as it will read, and every coordinator gets the draft to review. An unpublished older draft is
// superseded and its open items move in.
import { randomUUID } from 'node:crypto';
import type { OwedReply } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import type { UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { countWeek, publishFigures, readFigures } from './counts.js';
import { authorOf, coordinators, digestItems, openText, sealed } from './items.js';
import { denyListFor } from './known-names.js';
import { contributorItemMessage } from './messages.js';
import { periodOf, periodOfRow, periodRange, type Period } from './period.js';
import { redact } from './redact.js';
import { reviewKey, reviewMessages, summaryKey } from './review.js';
import { digestRules } from './thresholds.js';
import { weekStartDate, type Week } from './week.js';

async function earlierPublished(tx: Tx, weekStart: string, zone: string, take: number) {
  const rows = await tx.digest.findMany({
    where: { status: 'published', weekStart: { lt: weekStartDate(weekStart) } },
    orderBy: { weekStart: 'desc' },
    take,
  });
  return Promise.all(
    rows.reverse().map(async (d) => ({
      figures: readFigures(d.figures),
      counts: await countWeek(tx, periodRange(periodOfRow(d), zone)),
    })),
  );
}

/**
 * Drafts the digest of a period (a bare week is a weekly one) once: figures by the network's
 * thresholds, the items waiting, and messages to contributors and coordinators.
 */
export async function buildDraft(
  ctx: UseCaseContext,
  asked: Week | Period,
): Promise<{ digestId: string; created: boolean }> {
  const { tx, deps, now } = ctx;
  const period = 'kind' in asked ? asked : periodOf('weekly', asked.weekStart);
  const existing = await tx.digest.findUnique({ where: { weekStart: weekStartDate(period.weekStart) } });
  if (existing) return { digestId: existing.id, created: false };
  const { networkTimeZone: zone } = await readSettings(tx, deps);
  const counts = await countWeek(tx, periodRange(period, zone));
  const earlier = await earlierPublished(tx, period.weekStart, zone, 12);
  const figures = publishFigures(counts, earlier, (await digestRules(tx, deps)).counts);
  const digestId = randomUUID();
  await tx.digest.create({
    data: {
      id: digestId,
      weekStart: weekStartDate(period.weekStart),
      period: period.kind,
      status: 'draft',
      figures,
      draftedAt: now,
    },
  });

  // An earlier draft nobody published is superseded: its open items come into this one for review.
  const stale = await tx.digest.findMany({
    where: { status: 'draft', weekStart: { lt: weekStartDate(period.weekStart) } },
  });
  for (const old of stale) {
    await tx.contribution.updateMany({
      where: { digestId: old.id, status: { in: ['in_draft', 'approved'] } },
      data: { digestId: null, status: 'submitted', decidedById: null, decidedAt: null },
    });
    await tx.contribution.updateMany({ where: { digestId: old.id }, data: { digestId: null } });
    await tx.digest.update({ where: { id: old.id }, data: { status: 'superseded' } });
    await recordEvent(tx, {
      subjectKind: 'digest',
      subjectId: old.id,
      kind: 'digest.superseded',
      at: now,
      data: { by: digestId },
    });
    for (const c of await coordinators(tx)) {
      await deps.outbox.enqueue(tx, {
        to: 'update',
        key: summaryKey(old.id, c.id),
        message: {
          title: `Digest draft ${periodOfRow(old).label}: not published`,
          text: `Its open items moved into the draft for ${period.label}.`,
        },
      });
    }
  }

  const denyList = await denyListFor(tx, deps);
  const waiting = await tx.contribution.findMany({
    where: { status: 'submitted', digestId: null, createdAt: { lte: now } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const replies: OwedReply[] = [];
  for (const row of waiting) {
    // Redacted again with today's deny-list: members and case codes added since it was offered count too.
    const text = redact(await openText(tx, deps, row.redactedEnc, 'redactedEnc', row.id), { denyList }).text;
    const finalEnc = await deps.vault.seal(tx, text, sealed('finalEnc', row.id), { kind: 'member', id: row.authorId });
    await tx.contribution.update({ where: { id: row.id }, data: { status: 'in_draft', digestId, finalEnc } });
    replies.push({
      to: 'member',
      memberId: row.authorId,
      key: `digest.item:${row.id}`,
      message: contributorItemMessage({ ...row, text, status: 'in_draft' }, period.label),
      subjects: authorOf(row),
    });
  }
  const review = await reviewMessages(ctx, digestId);
  const rows = await digestItems(tx, digestId);
  for (const c of await coordinators(tx)) {
    replies.push({ to: 'member', memberId: c.id, key: summaryKey(digestId, c.id), message: review[0]! });
    for (const [i, row] of rows.entries())
      replies.push({
        to: 'member',
        memberId: c.id,
        key: reviewKey(row.id, c.id),
        message: review[i + 1]!,
        subjects: authorOf(row),
      });
  }
  for (const reply of replies) await deps.outbox.enqueue(tx, reply);
  await recordEvent(tx, {
    subjectKind: 'digest',
    subjectId: digestId,
    kind: 'digest.drafted',
    at: now,
    data: { period: period.label, contributionIds: rows.map((r) => r.id) },
  });
  return { digestId, created: true };
}
