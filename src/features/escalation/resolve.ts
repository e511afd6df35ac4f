// Resolving an escalation with an outcome; from open it also counts as the acknowledgement. The
// epoch moves, the posts are edited in place, and the resolver is asked who else was involved.
import type { Reply } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { UseCaseContext } from '../../core/router.js';
import { labelOf } from '../../core/wording.js';
import { takeForEscalation } from '../concerns/api.js';
import { planTrimSupport } from '../mentors/api.js';
import { updatesOf, type Acknowledger } from './acknowledge.js';
import { outcomeChoices } from './forms.js';
import { acknowledgedPost } from './messages.js';
import { addNote } from './notes.js';
import { channelKeyOf, event, lockEscalation, summaryOf } from './record.js';

export interface ResolveInput {
  by: Acknowledger;
  escalationId: string;
  outcome: string;
  note?: string;
}

/**
 * Resolves with an outcome; from open it also counts as the acknowledgement. The epoch moves.
 * `saved` is false when it was already resolved (nothing was changed).
 */
export async function resolveEscalation(
  ctx: UseCaseContext,
  input: ResolveInput,
): Promise<{ saved: boolean; replies: Reply[] }> {
  const { tx, deps, now } = ctx;
  const { by, escalationId: id } = input;
  const row = await lockEscalation(tx, { id });
  if (row.status === 'resolved')
    return {
      saved: false,
      replies: [
        { to: 'actor', message: { text: `Escalation #${row.number} was already resolved. Nothing more was changed.` } },
      ],
    };
  // Nobody silences their own escalation: resolving would stop the chain with themselves recorded as answering.
  if (row.reporterId === by.memberId)
    throw new Refusal(
      `You raised escalation #${row.number}, so another coordinator needs to resolve it. They have been told.`,
      'not_owner',
    );
  if (input.note) await addNote(ctx, { escalationId: id, authorId: by.memberId, note: input.note });
  const firstAck = row.status === 'open';
  const epoch = row.epoch + 1;
  await tx.escalation.update({
    where: { id },
    data: {
      status: 'resolved',
      resolvedAt: now,
      outcome: input.outcome,
      lastUpdateAt: now,
      epoch,
      ...(firstAck ? { acknowledgedById: by.memberId, acknowledgedAt: now } : {}),
    },
  });
  if (firstAck)
    await event(
      ctx,
      id,
      'escalation.acknowledged',
      { via: 'resolve', seconds: Math.round((now.getTime() - row.raisedAt.getTime()) / 1000), epoch },
      by.memberId,
    );
  await event(ctx, id, 'escalation.resolved', { outcome: input.outcome, epoch }, by.memberId);
  // After a P1 or P2, the resolver is asked at once who else was involved, for post-incident support (TRiM).
  await planTrimSupport(ctx, id);
  const summary = await summaryOf(tx, deps, row);
  const outcome = labelOf(outcomeChoices, input.outcome);
  const replies: Reply[] = firstAck
    ? [
        ...(await updatesOf(tx, row, acknowledgedPost(summary, by.displayName, now, 'Resolved'))),
        ...(await takeForEscalation(ctx, { escalationId: id, by })),
      ]
    : [];
  replies.push({
    to: 'update',
    key: channelKeyOf(id),
    message: acknowledgedPost(summary, by.displayName, now, `Resolved (${outcome})`),
  });
  replies.push({
    to: 'actor',
    message: { text: `Escalation #${row.number} is resolved: ${outcome}. Thank you.`, tone: 'success' },
  });
  return { saved: true, replies };
}
