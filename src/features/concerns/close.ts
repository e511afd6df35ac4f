// Closing a concern with an outcome: the timers stop (the epoch moves), the alerts are edited in
// place and the raiser is told the outcome only.
import type { Reply } from '../../core/message.js';
import type { ActorContext } from '../../core/router.js';
import { when } from '../../core/wording.js';
import type { ConcernCloseValues } from './forms.js';
import { aboutCase, outcomeLabel } from './messages.js';
import { concernEvent, workingTime } from './record.js';
import { lockConcern, refuseClosed, refuseOwn, updateAlerts } from './take.js';

export async function closeConcern(
  ctx: ActorContext,
  input: ConcernCloseValues & { concernId: string },
): Promise<Reply[]> {
  const by = ctx.actor;
  const row = await lockConcern(ctx.tx, { id: input.concernId });
  refuseClosed(row);
  refuseOwn(row, by, 'close');
  const closed = await ctx.tx.concern.update({
    where: { id: row.id },
    data: {
      status: 'closed',
      outcome: input.outcome,
      closedAt: ctx.now,
      closedById: by.memberId,
      epoch: row.epoch + 1,
      ...(row.ownerId ? {} : { ownerId: by.memberId, takenAt: ctx.now }),
    },
  });
  await concernEvent(ctx, row.id, 'concern.closed', { outcome: input.outcome, epoch: closed.epoch }, by.memberId);
  const zone = (await workingTime(ctx.tx, ctx.deps)).zone;
  const outcome = outcomeLabel(input.outcome);
  const replies = await updateAlerts(ctx, closed, `Closed by ${by.displayName} at ${when(ctx.now, zone)}: ${outcome}.`);
  replies.push({
    to: 'member',
    memberId: row.raisedById,
    message: {
      text: `Your concern #${row.number}${aboutCase(row.caseCode)} is closed: ${outcome}. Thank you for raising it.`,
      tone: 'info',
    },
  });
  replies.push({
    to: 'actor',
    message: {
      text: `Concern #${row.number} is closed: ${outcome}. The person who raised it has been told the outcome only.`,
      tone: 'success',
    },
  });
  return replies;
}
