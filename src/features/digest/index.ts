import type { Router } from '../../core/router.js';
import { Refusal } from '../../core/router.js';
import { idValue } from '../../core/values.js';
import {
  APPROVE_ITEM,
  EDIT_ITEM,
  editItemForm,
  PUBLISH,
  REJECT_ITEM,
  SHARE_FROM_DEBRIEF,
  shareForm,
  shareFormFor,
  WITHDRAW,
} from './forms.js';
import { decideItem, editItem, itemTextForEdit, withdrawContribution } from './decisions.js';
import { parsePeriodAsked } from './period.js';
import { publishDigest } from './publish.js';
import { currentDraftId, draftSection, ownItemsSection, readDigest } from './reading.js';
import { reviewMessages } from './review.js';
import { ensureDigestSeries } from './series.js';
import { submitContribution } from './service.js';

export function registerDigest(router: Router): void {
  router.command('digest.share', async () => ({ form: shareFormFor() }));
  // A debrief offers its learning in one click: a button with this action id and the debrief's id.
  router.action(SHARE_FROM_DEBRIEF, 'mentor', async (_ctx, debriefId) => ({ form: shareFormFor(debriefId) }), idValue);
  router.form(shareForm, async (ctx, values, context) => {
    const saved = await submitContribution({ ...ctx, actorId: ctx.actor.memberId }, values, context);
    return {
      replies: [
        {
          to: 'actor',
          message: {
            title: 'Thank you for sharing',
            text:
              'Your insight is saved privately for the next digest. This is how it reads after anonymisation; a coordinator reads it before anything is published, ' +
              `you will be shown the final text, and you can withdraw it until the digest is published.\n\n${saved.redacted}`,
            tone: 'success',
          },
        },
      ],
    };
  });
  router.action(
    WITHDRAW,
    'anyMember',
    (ctx, id) => withdrawContribution({ ...ctx, actorId: ctx.actor.memberId }, id),
    idValue,
  );
  router.action(
    APPROVE_ITEM,
    'coordinator',
    (ctx, id) => decideItem({ ...ctx, actorId: ctx.actor.memberId, actorName: ctx.actor.displayName }, id, 'approved'),
    idValue,
  );
  router.action(
    REJECT_ITEM,
    'coordinator',
    (ctx, id) => decideItem({ ...ctx, actorId: ctx.actor.memberId, actorName: ctx.actor.displayName }, id, 'rejected'),
    idValue,
  );
  router.action(
    EDIT_ITEM,
    'coordinator',
    async (ctx, id) => ({
      form: { form: editItemForm, initial: { text: await itemTextForEdit(ctx, id) }, context: { contributionId: id } },
    }),
    idValue,
  );
  router.form(editItemForm, (ctx, values, context) => {
    if (!context.contributionId) throw new Refusal('That item is no longer known.', 'not_found');
    return editItem(
      { ...ctx, actorId: ctx.actor.memberId, actorName: ctx.actor.displayName },
      context.contributionId,
      values.text,
    );
  });
  router.action(
    PUBLISH,
    'coordinator',
    (ctx, id) => publishDigest({ ...ctx, actorId: ctx.actor.memberId, actorName: ctx.actor.displayName }, id),
    idValue,
  );
  router.homeSection('mentor', ({ deps, actor }) => ownItemsSection(deps.db, actor.memberId));
  router.homeSection('coordinator', ({ deps }) => draftSection(deps.db));
  router.command('digest.show', async (ctx, options) => {
    await ensureDigestSeries(ctx.tx, ctx.deps, ctx.now);
    const asked = typeof options.week === 'string' ? options.week.trim() : '';
    if (asked.toLowerCase() === 'draft') {
      if (!ctx.actor.roles.includes('coordinator'))
        throw new Refusal(
          'Sorry, the digest draft is for coordinators only. /digest shows the latest published digest.',
          'role',
        );
      const draftId = await currentDraftId(ctx.tx);
      if (!draftId)
        return {
          replies: [
            {
              to: 'actor',
              message: {
                text: 'There is no digest draft waiting. One is drafted when each digest period ends (DIGEST_PERIOD).',
              },
            },
          ],
        };
      return { replies: (await reviewMessages(ctx, draftId)).map((message) => ({ to: 'actor' as const, message })) };
    }
    const week = asked ? parsePeriodAsked(asked) : undefined;
    if (asked && !week)
      return {
        replies: [
          {
            to: 'actor',
            message: {
              text: 'Please give the week like 2026-W47 (the year, W, and the week number) or the month like 2026-11, or leave it out for the latest digest.',
            },
          },
        ],
      };
    return {
      replies: (await readDigest({ ...ctx, actorId: ctx.actor.memberId }, week)).map((message) => ({
        to: 'actor' as const,
        message,
      })),
    };
  });
}
