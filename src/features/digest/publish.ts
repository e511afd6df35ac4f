// Publication: only when every item has a decision, a coordinator posts the digest to the learning
// channel (the figures with the chart, then one message per item), credits whoever chose to be,
// names only the themes with enough contributors, and records what went in and who published it.
import type { Message, Reply } from '../../core/message.js';
import type { ActorContext } from '../../core/router.js';
import { Refusal } from '../../core/refusal.js';
import type { Tx } from '../../db/client.js';
import { recordBy } from './audit.js';
import { renderWeeklyChart } from './chart.js';
import { chartValue, readFigures, type Figures } from './counts.js';
import { draftOf } from './decisions.js';
import { themeLabel } from './forms.js';
import { coordinators, digestItems, itemView } from './items.js';
import { figureLines } from './messages.js';
import { periodOfRow, periodRef, periodSpan, periodWords, type Period } from './period.js';
import { reviewKey, summaryKey } from './review.js';
import { withPublishableThemes } from './suppression.js';
import { digestRules } from './thresholds.js';
import { weekStartDate, weekStartOf } from './week.js';

/**
 * The published digest in parts: the header with the figures, then one part per item, each short
 * enough for one Discord message (2,000 characters). `Digest.text` is the parts joined.
 */
export function digestParts(
  period: Period,
  figures: Figures,
  items: { text: string; themes: string[]; tags: string[]; credit: string; creditName?: string }[],
): string[] {
  const { countUnder, rounding } = figures.rules;
  const word = periodWords[period.kind];
  const header = [
    `Practice-sharing digest, ${period.label} (${periodSpan(period)})`,
    '',
    `The ${word} in numbers (rounded to the nearest ${rounding}; a count under ${countUnder} is shown only as "fewer than ${countUnder}"):`,
    ...figureLines(figures).map((l) => `• ${l}`),
    '',
    items.length
      ? `What members shared: ${items.length} item(s) below.`
      : `No practice insights were shared this ${word}. /share offers one for the next digest.`,
  ].join('\n');
  return [
    header,
    ...items.map((item, i) =>
      [
        `${i + 1}. ${item.themes.length ? `Themes: ${item.themes.map(themeLabel).join(', ')}` : 'Practice insight'}${item.tags.length ? ` · Tags: ${item.tags.join(', ')}` : ''}`,
        item.text,
        item.credit === 'name' && item.creditName ? `— shared by ${item.creditName}` : '— shared anonymously',
      ].join('\n'),
    ),
  ];
}

/** Splits a stored digest text back into its parts (the header, then each item). */
export const splitDigestText = (text: string): string[] => text.split(/\n\n(?=\d+\. (?:Themes: |Practice insight))/);

async function chartWeeks(tx: Tx, weekStart: string, figures: Figures) {
  const earlier = await tx.digest.findMany({
    where: { status: 'published', weekStart: { lt: weekStartDate(weekStart) } },
    orderBy: { weekStart: 'desc' },
    take: 5,
  });
  return [
    ...earlier.reverse().map((d) => ({ weekStart: weekStartOf(d.weekStart), figures: readFigures(d.figures) })),
    { weekStart, figures },
  ].map((w) => ({
    weekStart: w.weekStart,
    sessions: chartValue(w.figures.sessions),
    debriefs: chartValue(w.figures.debriefs),
    checkins: chartValue(w.figures.checkins),
  }));
}

/** The chart of a published digest beside up to five earlier ones, drawn from published labels only. */
export async function digestChart(tx: Tx, digestId: string): Promise<{ png: string; alt: string }> {
  const digest = await tx.digest.findUniqueOrThrow({ where: { id: digestId } });
  const period = periodOfRow(digest);
  const figures = readFigures(digest.figures);
  const png = await renderWeeklyChart(await chartWeeks(tx, period.weekStart, figures));
  const { countUnder, rounding } = figures.rules;
  return {
    png: png.toString('base64'),
    alt: `Sessions, debriefs and check-ins in ${period.label} and the digests before, rounded to the nearest ${rounding}; counts under ${countUnder} are not drawn.`,
  };
}

export async function publishDigest(ctx: ActorContext, digestId: string): Promise<{ replies: Reply[] }> {
  const { tx, now } = ctx;
  const digest = await draftOf(ctx, digestId);
  if (!digest) throw new Refusal('That digest is no longer known.', 'not_found');
  const week = periodOfRow(digest);
  if (digest.status === 'published')
    return {
      replies: [
        {
          to: 'actor',
          message: { text: `The digest for ${week.label} was already published. Nothing more was done.` },
        },
      ],
    };
  if (digest.status !== 'draft')
    throw new Refusal(
      `The draft for ${week.label} was replaced by a newer one and cannot be published. Nothing was posted; /digest draft shows the current draft.`,
      'closed',
    );
  const rows = await digestItems(tx, digestId);
  const undecided = rows.filter((r) => r.status === 'in_draft').length;
  if (undecided)
    throw new Refusal(
      `${undecided} item(s) still need a decision (approve, edit or reject) before the digest can be published. Nothing was posted.`,
    );
  const approved = rows.filter((r) => r.status === 'approved');
  const names = new Map(
    (
      await tx.member.findMany({
        where: { id: { in: approved.map((r) => r.authorId) } },
        select: { id: true, displayName: true },
      })
    ).map((m) => [m.id, m.displayName]),
  );
  const views = await Promise.all(
    approved.map(async (r) => ({ ...(await itemView(ctx, r)), contributorId: r.authorId })),
  );
  const { themeContributors } = await digestRules(tx, ctx.deps);
  const items = withPublishableThemes(views, themeContributors).map((v) => ({
    ...v,
    creditName: names.get(v.contributorId),
  }));
  const figures = readFigures(digest.figures);
  const parts = digestParts(week, figures, items);
  const text = parts.join('\n\n');

  await tx.digest.update({
    where: { id: digestId },
    data: {
      status: 'published',
      text,
      approvedById: ctx.actor.memberId,
      publishedById: ctx.actor.memberId,
      publishedAt: now,
    },
  });
  await tx.contribution.updateMany({ where: { id: { in: approved.map((r) => r.id) } }, data: { status: 'published' } });
  // Items left out are no longer part of this digest (provenance lists only what went in).
  await tx.contribution.updateMany({
    where: { digestId, status: { in: ['rejected', 'withdrawn'] } },
    data: { digestId: null },
  });
  const contributionIds = approved.map((r) => r.id);
  const subject = { kind: 'digest' as const, id: digestId };
  await recordBy(ctx, subject, 'digest.approved', { week: week.label, contributionIds });
  await recordBy(ctx, subject, 'digest.published', { week: week.label, contributionIds, channel: 'learning' });

  const image = await digestChart(tx, digestId);
  const replies: Reply[] = [
    {
      to: 'channel',
      channel: 'learning',
      key: `digest.published:${digestId}`,
      message: { title: `Practice-sharing digest ${week.label}`, text: parts[0]!, image, tone: 'info' },
    },
    ...parts.slice(1).map(
      (part, i): Reply => ({
        to: 'channel',
        channel: 'learning',
        key: `digest.published:${digestId}:${i + 1}`,
        message: { text: part },
      }),
    ),
    {
      to: 'actor',
      message: {
        text: `Published the digest for ${week.label} to the learning channel, with ${approved.length} item(s).`,
        tone: 'success',
      },
    },
  ];
  for (const r of rows) {
    const n = approved.indexOf(r) + 1;
    const text = n
      ? `Published as item ${n} of the digest for ${week.label}.`
      : r.status === 'withdrawn'
        ? 'You withdrew this item; it was not in the digest.'
        : `This item was not included in the digest for ${week.label}.`;
    replies.push({ to: 'update', key: `digest.item:${r.id}`, message: { title: 'Your digest item', text } });
  }
  for (const [i, r] of approved.entries())
    replies.push({
      to: 'member',
      memberId: r.authorId,
      message: {
        text: `Thank you: your item is number ${i + 1} in the practice-sharing digest for ${week.label}, now in the learning channel. /digest ${periodRef(week)} shows it.`,
        tone: 'success',
      },
    });
  const summary: Message = {
    title: `Digest ${week.label}: published by ${ctx.actor.displayName}`,
    text: `Published to the learning channel with ${approved.length} item(s).`,
  };
  for (const c of await coordinators(tx)) {
    replies.push({ to: 'update', key: summaryKey(digestId, c.id), message: summary });
    for (const r of rows)
      replies.push({
        to: 'update',
        key: reviewKey(r.id, c.id),
        message: {
          title: `Digest ${week.label}: ${r.status === 'approved' ? 'published' : 'not included'}`,
          text: r.status === 'approved' ? 'This item was published.' : 'This item was not included.',
        },
      });
  }
  return { replies };
}
