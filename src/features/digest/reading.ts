// Reading the digest: /digest shows a published one (the latest, or the one holding a given week or
// month) with where the reader's own items went, or to a coordinator the draft; the home sections.
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { askedPeriodMessage, noDraftMessage } from './messages.js';
import { parsePeriodAsked, periodOfRow } from './period.js';
import { splitDigestText } from './publish.js';
import { reviewMessages } from './review.js';
import { ensureDigestSeries } from './series.js';
import { weekStartDate } from './week.js';

/** A published digest (the latest, or a given week's) and where the reader's own items were used. */
export async function readDigest(ctx: ActorContext, week?: { day: string; label: string }): Promise<Message[]> {
  const found = await ctx.tx.digest.findFirst({
    where: { status: 'published', ...(week && { weekStart: { lte: weekStartDate(week.day) } }) },
    orderBy: { weekStart: 'desc' },
  });
  // Asked for a week or a month: the published digest whose period holds its first day.
  const digest = found && (!week || week.day < periodOfRow(found).end) ? found : undefined;
  if (!digest?.text) {
    return [
      {
        text: week
          ? `There is no published digest for ${week.label}. /digest shows the latest one.`
          : 'No digest has been published yet. /share offers a practice insight for the next one.',
      },
    ];
  }
  const messages: Message[] = splitDigestText(digest.text).map((part) => ({ text: part }));
  const own = await ctx.tx.contribution.findMany({
    where: { digestId: digest.id, authorId: ctx.actor.memberId },
    select: { id: true },
  });
  if (own.length) {
    const all = await ctx.tx.contribution.findMany({
      where: { digestId: digest.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    const numbers = own.map((o) => all.findIndex((a) => a.id === o.id) + 1).sort((a, b) => a - b);
    messages.push({
      text: `Your item${numbers.length > 1 ? 's are' : ' is'} number ${numbers.join(', ')} in this digest. Thank you for sharing.`,
    });
  }
  return messages;
}

/** `/digest [week|month|draft]`: what the reader asked for, as messages to them. */
export async function showDigest(ctx: ActorContext, asked: string): Promise<Message[]> {
  await ensureDigestSeries(ctx.tx, ctx.deps, ctx.now);
  if (asked.toLowerCase() === 'draft') {
    if (!ctx.actor.roles.includes('coordinator'))
      throw new Refusal(
        'Sorry, the digest draft is for coordinators only. /digest shows the latest published digest.',
        'role',
      );
    const draftId = await currentDraftId(ctx.tx);
    return draftId ? reviewMessages(ctx, draftId) : [noDraftMessage];
  }
  const week = asked ? parsePeriodAsked(asked) : undefined;
  if (asked && !week) return [askedPeriodMessage];
  return readDigest(ctx, week);
}

async function currentDraftId(tx: Tx): Promise<string | undefined> {
  return (
    await tx.digest.findFirst({ where: { status: 'draft' }, orderBy: { weekStart: 'desc' }, select: { id: true } })
  )?.id;
}

const ownStatusWords: Record<string, string> = {
  submitted: 'waiting for the next draft',
  in_draft: 'in the draft, waiting for a coordinator',
  approved: 'approved, waiting for publication',
  rejected: 'not included this time',
  withdrawn: 'withdrawn by you',
  published: 'published',
};

/** A mentor's own recent items and where each went (ids and statuses only, never the text). */
export async function ownItemsSection(tx: Tx, memberId: string): Promise<Message | undefined> {
  const rows = await tx.contribution.findMany({
    where: { authorId: memberId },
    orderBy: { createdAt: 'desc' },
    take: 5,
    select: { status: true, createdAt: true, digestId: true },
  });
  if (!rows.length) return undefined;
  const digests = new Map(
    (
      await tx.digest.findMany({
        where: { id: { in: rows.flatMap((r) => (r.digestId ? [r.digestId] : [])) } },
        select: { id: true, weekStart: true, period: true },
      })
    ).map((d) => [d.id, periodOfRow(d).label]),
  );
  return {
    title: 'Your digest items',
    text: rows
      .map(
        (r) =>
          `• Offered ${r.createdAt.toISOString().slice(0, 10)}: ${ownStatusWords[r.status] ?? r.status}${r.digestId && digests.get(r.digestId) ? ` (${digests.get(r.digestId)})` : ''}`,
      )
      .join('\n'),
  };
}

/** For coordinators: a draft waiting for decisions. */
export async function draftSection(tx: Tx): Promise<Message | undefined> {
  const draft = await tx.digest.findFirst({ where: { status: 'draft' }, orderBy: { weekStart: 'desc' } });
  if (!draft) return undefined;
  const waiting = await tx.contribution.count({ where: { digestId: draft.id, status: 'in_draft' } });
  const total = await tx.contribution.count({
    where: { digestId: draft.id, status: { in: ['in_draft', 'approved', 'rejected'] } },
  });
  return {
    title: `Digest draft ${periodOfRow(draft).label}`,
    text: `${total} item(s), ${waiting} waiting for a decision, and a preview of what it publishes. /digest draft shows it to review; nothing is posted until a coordinator publishes it.`,
  };
}
