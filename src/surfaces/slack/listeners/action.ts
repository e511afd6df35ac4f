// A button click: acknowledged at once, then routed by the button's action id with its value.
// The trigger_id is the delivery id; a form opens as a modal, replies are private.
import { routerActionId } from '../render.js';
import type { BlockActions } from '../payloads.js';
import { replyPrivately, type ReplyTarget } from '../replies.js';
import type { Ack, Respond, SlackRuntime } from '../runtime.js';
import { openForm } from './command.js';
import type { Origin } from '../origin.js';
import { replyRefused, whoIsAsking } from './user.js';

export async function onAction(
  rt: SlackRuntime,
  body: BlockActions,
  origin: Origin,
  ack: Ack,
  respond: Respond | undefined,
): Promise<void> {
  await ack();
  const action = body.actions[0]!;
  if (action.type !== 'button') return;
  const target: ReplyTarget = {
    userId: body.user.id,
    respond: body.response_url ? respond : undefined,
    channelId: body.channel?.id,
  };
  const asker = await whoIsAsking(rt, origin, body.user.id, 'action');
  if ('refused' in asker) return replyRefused(rt, target, asker);
  const { user } = asker;
  const outcome = await rt.router.dispatch({
    kind: 'action',
    id: body.trigger_id,
    user,
    actionId: routerActionId(action.action_id),
    value: action.value ?? '',
  });
  if (outcome.form)
    await openForm(
      rt,
      body.trigger_id,
      outcome.form,
      target,
      body.container.type === 'view' && body.view?.type === 'modal',
    );
  await replyPrivately(rt, target, outcome.messages);
}
