// A draft's items decided one by one: a contributor withdraws their own until publication; a
// coordinator approves, edits (redacted again, which approves) or rejects. Each is on the audit log.
import type { Reply } from '../../core/message.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { Refusal } from '../../core/refusal.js';
import { isUuid } from '../../core/values.js';
import { recordBy } from './audit.js';
import { authorOf, itemView, sealed } from './items.js';
import { denyListFor } from './known-names.js';
import { contributorItemMessage } from './messages.js';
import { periodOfRow } from './period.js';
import { redact } from './redact.js';
import { refreshReview } from './review.js';

async function lockItem(ctx: UseCaseContext, contributionId: string) {
  // Buttons are parsed by the router; the edit form's context is checked here.
  if (!isUuid(contributionId)) throw new Refusal('That item is no longer known.', 'bad_button');
  await ctx.tx.$queryRaw`SELECT "id" FROM "Contribution" WHERE "id" = ${contributionId}::uuid FOR UPDATE`;
  const row = await ctx.tx.contribution.findUnique({ where: { id: contributionId } });
  if (!row) throw new Refusal('That item is no longer known.', 'not_found');
  return row;
}

/** The digest, locked against a decision or publication at the same moment. */
export async function draftOf(ctx: UseCaseContext, digestId: string | null) {
  if (!digestId) return undefined;
  await ctx.tx.$queryRaw`SELECT "id" FROM "Digest" WHERE "id" = ${digestId}::uuid FOR UPDATE`;
  return ctx.tx.digest.findUnique({ where: { id: digestId } });
}

/** The contributor takes their item back; allowed until the digest it is in is published. */
export async function withdrawContribution(ctx: ActorContext, contributionId: string): Promise<{ replies: Reply[] }> {
  const row = await lockItem(ctx, contributionId);
  if (row.authorId !== ctx.actor.memberId)
    throw new Refusal('Only the member who offered an item can withdraw it.', 'not_owner');
  const digest = await draftOf(ctx, row.digestId);
  if (row.status === 'withdrawn')
    return { replies: [{ to: 'actor', message: { text: 'Your item was already withdrawn. Nothing more was done.' } }] };
  if (row.status === 'published' || digest?.status === 'published') {
    throw new Refusal(
      'That digest has already been published, so the item can no longer be withdrawn. If something in it worries you, please tell a coordinator.',
      'closed',
    );
  }
  await ctx.tx.contribution.update({ where: { id: row.id }, data: { status: 'withdrawn' } });
  await recordBy(ctx, { kind: 'contribution', id: row.id }, 'contribution.withdrawn', {
    ...(row.digestId && { digestId: row.digestId }),
  });
  return {
    replies: [
      {
        to: 'actor',
        message: {
          text: 'Your item is withdrawn: it will not be in the digest, and nobody else will see it again. Thank you for offering it.',
          tone: 'success',
        },
      },
      {
        to: 'update',
        key: `digest.item:${row.id}`,
        message: { title: 'Your digest item', text: 'You withdrew this item; it will not be in the digest.' },
      },
      ...(await refreshReview(ctx, row.id)),
    ],
  };
}

async function decidable(ctx: UseCaseContext, contributionId: string) {
  const row = await lockItem(ctx, contributionId);
  const digest = await draftOf(ctx, row.digestId);
  if (!digest) throw new Refusal('That item is not in a digest draft yet.');
  if (digest.status === 'published')
    throw new Refusal('That digest is already published; its items can no longer change.', 'closed');
  if (digest.status !== 'draft')
    throw new Refusal(
      'That draft was replaced by a newer one; its open items moved there. /digest draft shows it.',
      'closed',
    );
  if (row.status === 'withdrawn')
    throw new Refusal('The contributor withdrew that item, so it will not be in the digest.', 'closed');
  return { row, digest };
}

export async function decideItem(
  ctx: ActorContext,
  contributionId: string,
  decision: 'approved' | 'rejected',
): Promise<{ replies: Reply[] }> {
  const { row, digest } = await decidable(ctx, contributionId);
  await ctx.tx.contribution.update({
    where: { id: row.id },
    data: { status: decision, decidedById: ctx.actor.memberId, decidedAt: ctx.now },
  });
  await recordBy(
    ctx,
    { kind: 'contribution', id: row.id },
    decision === 'approved' ? 'contribution.approved' : 'contribution.rejected',
    { digestId: digest.id },
  );
  return {
    replies: [
      {
        to: 'actor',
        message: {
          text: decision === 'approved' ? 'Item approved for this digest.' : 'Item left out of this digest.',
          tone: 'success',
        },
      },
      ...(await refreshReview(
        ctx,
        row.id,
        `${decision === 'approved' ? 'approved' : 'rejected'} by ${ctx.actor.displayName}`,
      )),
    ],
  };
}

/** The current text of an item, for the coordinator's edit form (the redacted text, never the original). */
export async function itemTextForEdit(ctx: UseCaseContext, contributionId: string): Promise<string> {
  const { row } = await decidable(ctx, contributionId);
  return (await itemView(ctx, row)).text;
}

export async function editItem(ctx: ActorContext, contributionId: string, text: string): Promise<{ replies: Reply[] }> {
  const { row, digest } = await decidable(ctx, contributionId);
  const redacted = redact(text, { denyList: await denyListFor(ctx.tx, ctx.deps) }).text;
  const finalEnc = await ctx.deps.vault.seal(ctx.tx, redacted, sealed('finalEnc', row.id), {
    kind: 'member',
    id: row.authorId,
  });
  await ctx.tx.contribution.update({
    where: { id: row.id },
    data: { finalEnc, status: 'approved', decidedById: ctx.actor.memberId, decidedAt: ctx.now },
  });
  for (const kind of ['contribution.edited', 'contribution.approved'])
    await recordBy(ctx, { kind: 'contribution', id: row.id }, kind, { digestId: digest.id });
  const week = periodOfRow(digest).label;
  return {
    replies: [
      {
        to: 'actor',
        message: {
          text: 'Saved and approved. The text was anonymised again; the contributor has been shown it and can still withdraw it.',
          tone: 'success',
        },
      },
      {
        to: 'member',
        memberId: row.authorId,
        message: contributorItemMessage({ ...row, text: redacted, status: 'approved' }, week),
        subjects: authorOf(row),
      },
      ...(await refreshReview(ctx, row.id, `edited and approved by ${ctx.actor.displayName}`)),
    ],
  };
}
