// The practice-sharing digest, declared: /share and its form (also opened from a debrief), /digest,
// the contributor's withdraw button, the coordinators' decisions and Publish, the home sections, and
// the recurring draft.
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import { idValue } from '../../core/values.js';
import { action, defineFeature, form } from '../feature.js';
import { submitContribution } from './contribute.js';
import { decideItem, editItem, itemTextForEdit, withdrawContribution } from './decisions.js';
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
import { digestJobs } from './jobs.js';
import { sharedMessage } from './messages.js';
import { publishDigest } from './publish.js';
import { draftSection, ownItemsSection, showDigest } from './reading.js';
import { digestSeries } from './series.js';

const toActor = (message: Message) => ({ to: 'actor' as const, message });

export const digest = defineFeature({
  name: 'digest',
  commands: {
    'digest.share': { opens: shareFormFor() },
    'digest.show': async (ctx, options) => ({
      replies: (await showDigest(ctx, typeof options.week === 'string' ? options.week.trim() : '')).map(toActor),
    }),
  },
  forms: [
    form(shareForm, async (ctx, values, context) => ({
      replies: [toActor(sharedMessage((await submitContribution(ctx, values, context)).redacted))],
    })),
    form(editItemForm, (ctx, values, context) => {
      if (!context.contributionId) throw new Refusal('That item is no longer known.', 'not_found');
      return editItem(ctx, context.contributionId, values.text);
    }),
  ],
  actions: [
    // A debrief offers its learning in one click: a button with this action id and the debrief's id.
    action(SHARE_FROM_DEBRIEF, 'mentor', idValue, async (_ctx, debriefId) => ({ form: shareFormFor(debriefId) })),
    action(WITHDRAW, 'anyMember', idValue, (ctx, id) => withdrawContribution(ctx, id)),
    action(APPROVE_ITEM, 'coordinator', idValue, (ctx, id) => decideItem(ctx, id, 'approved')),
    action(REJECT_ITEM, 'coordinator', idValue, (ctx, id) => decideItem(ctx, id, 'rejected')),
    action(EDIT_ITEM, 'coordinator', idValue, async (ctx, id) => ({
      form: { form: editItemForm, initial: { text: await itemTextForEdit(ctx, id) }, context: { contributionId: id } },
    })),
    action(PUBLISH, 'coordinator', idValue, (ctx, id) => publishDigest(ctx, id)),
  ],
  home: [
    { precondition: 'mentor', build: ({ deps, actor }) => ownItemsSection(deps.db, actor.memberId) },
    { precondition: 'coordinator', build: ({ deps }) => draftSection(deps.db) },
  ],
  jobs: digestJobs,
  series: [digestSeries],
});
