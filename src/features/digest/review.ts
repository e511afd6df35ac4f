// What coordinators review a draft with: the preview (figures, what is held back and why) with
// Publish, then one message per item; re-shown in place to every coordinator after each decision.
import type { Message, Reply } from '../../core/message.js';
import type { UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { readFigures } from './counts.js';
import { authorOf, coordinators, digestItems, itemView } from './items.js';
import { reviewItemMessage } from './messages.js';
import { periodOfRow } from './period.js';
import { reviewSummaryMessage } from './preview.js';
import { themeContributors } from './suppression.js';

export const reviewKey = (contributionId: string, coordinatorId: string) =>
  `digest.review:${contributionId}:${coordinatorId}`;
export const summaryKey = (digestId: string, coordinatorId: string) => `digest.summary:${digestId}:${coordinatorId}`;

/** The messages a coordinator reviews a draft with: the preview with Publish, then one per item. */
export async function reviewMessages(ctx: UseCaseContext, digestId: string): Promise<Message[]> {
  const digest = await ctx.tx.digest.findUniqueOrThrow({ where: { id: digestId } });
  const period = periodOfRow(digest);
  const rows = await digestItems(ctx.tx, digestId);
  const items = await Promise.all(rows.map((r) => itemView(ctx, r)));
  const kept = rows
    .filter((r) => r.status === 'in_draft' || r.status === 'approved')
    .map((r) => ({ contributorId: r.authorId, themes: r.themes }));
  const summary = reviewSummaryMessage({
    digestId,
    period,
    figures: readFigures(digest.figures),
    items: { total: items.length, waiting: items.filter((i) => i.status === 'in_draft').length },
    themes: themeContributors(kept),
    thresholds: (await readSettings(ctx.tx, ctx.deps)).digest,
  });
  return [summary, ...items.map((item, i) => reviewItemMessage(item, i + 1, period.label))];
}

/** Re-shows one item's review message, and the preview it changes, to every coordinator, in place. */
export async function refreshReview(ctx: UseCaseContext, contributionId: string, decidedBy?: string): Promise<Reply[]> {
  const row = await ctx.tx.contribution.findUniqueOrThrow({ where: { id: contributionId } });
  if (!row.digestId) return [];
  const digestId = row.digestId;
  const rows = await digestItems(ctx.tx, digestId);
  const index = rows.findIndex((r) => r.id === row.id) + 1;
  const [summary, ...reviews] = await reviewMessages(ctx, digestId);
  const message = decidedBy
    ? reviewItemMessage(
        await itemView(ctx, row),
        index,
        periodOfRow(await ctx.tx.digest.findUniqueOrThrow({ where: { id: digestId } })).label,
        decidedBy,
      )
    : reviews[index - 1]!;
  return (await coordinators(ctx.tx)).flatMap((c): Reply[] => [
    { to: 'update', key: summaryKey(digestId, c.id), message: summary! },
    { to: 'update', key: reviewKey(row.id, c.id), message, subjects: authorOf(row) },
  ]);
}
