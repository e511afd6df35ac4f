// /concern raise: the concern is written down and a coordinator told; an urgent one ("now") is
// raised as an escalation too, in the same transaction, so the escalation's chain pages for it.
import type { Message } from '../../core/message.js';
import type { ActorContext } from '../../core/router.js';
import { raise } from '../escalation/api.js';
import type { ConcernRaiseValues } from './forms.js';
import { raisedConfirmation } from './messages.js';
import { escalationFor } from './policy.js';
import { recordConcern } from './record.js';

/** What the raiser is told: the concern's number, and the escalation's confirmation when it pages. */
export async function raiseConcern(ctx: ActorContext, values: ConcernRaiseValues): Promise<Message[]> {
  const urgent = values.urgency === 'now';
  const made = await recordConcern(ctx, {
    caseCode: values.caseCode,
    source: 'direct',
    category: values.category,
    urgency: values.urgency,
    account: values.account,
    raisedById: ctx.actor.memberId,
    paged: urgent,
  });
  const code = values.caseCode.toUpperCase();
  if (!urgent) return [raisedConfirmation(made.number, code)];
  const { tier, category } = escalationFor(values.category);
  const raised = await raise(ctx, {
    reporterId: ctx.actor.memberId,
    category,
    tier,
    caseCode: code,
    details: values.account,
    clientTold: 'not_yet',
    actionsTaken: [],
    source: { concernId: made.id },
  });
  return [raisedConfirmation(made.number, code, raised.number), raised.confirmation];
}
