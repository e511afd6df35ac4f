// A slash command: acknowledged at once (an empty 200), then the router runs it. A form opens as a
// modal with the command's trigger_id; replies are ephemeral. The trigger_id is the delivery id.
// The command family (`/msn debrief`) and the shortcuts (`/debrief`) reach the same handler.
import { familyNames, parseCommandLine } from '../../../core/command-line.js';
import type { FormRequest } from '../../../core/form.js';
import { errorCode } from '../errors.js';
import { formModal } from '../modal.js';
import type { SlashCommand } from '../payloads.js';
import { replyPrivately, type ReplyTarget } from '../replies.js';
import type { Ack, Respond, SlackRuntime } from '../runtime.js';
import type { Origin } from '../origin.js';
import { replyRefused, whoIsAsking } from './user.js';

const FORM_NOT_OPENED = {
  text: 'Sorry, the form could not be opened in time. Please run the command again.',
  tone: 'warning' as const,
};

/** Opens a form as a modal (pushed on top when the click came from inside a modal). */
export async function openForm(
  rt: SlackRuntime,
  triggerId: string,
  request: FormRequest,
  target: ReplyTarget,
  push = false,
): Promise<void> {
  try {
    // The same request object (a form opened as it is declared) always renders to the same modal.
    let view = rt.views.get(request);
    if (!view) {
      view = formModal(rt.commands.form(request));
      rt.views.set(request, view);
    }
    if (push) await rt.client.views.push({ trigger_id: triggerId, view });
    else await rt.client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    rt.deps.log.warn({ surface: 'slack', formId: request.form.id, code: errorCode(error) }, 'slack modal not opened');
    await replyPrivately(rt, target, [FORM_NOT_OPENED]);
  }
}

export async function onCommand(
  rt: SlackRuntime,
  body: SlashCommand,
  origin: Origin,
  ack: Ack,
  respond: Respond | undefined,
): Promise<void> {
  await ack();
  const target: ReplyTarget = { userId: body.user_id, respond, channelId: body.channel_id };
  const asker = await whoIsAsking(rt, origin, body.user_id, 'command');
  if ('refused' in asker) return replyRefused(rt, target, asker);
  const { user } = asker;
  // `/msn case list` arrives as the command /msn with the text "case list".
  const parsed = parseCommandLine(rt.router.catalogue, `${body.command} ${body.text}`, familyNames(rt.deps.config));
  if ('error' in parsed) return replyPrivately(rt, target, [{ text: parsed.error }]);
  const outcome = await rt.router.dispatch({ kind: 'command', id: body.trigger_id, user, ...parsed });
  if (outcome.form) await openForm(rt, body.trigger_id, outcome.form, target);
  await replyPrivately(rt, target, outcome.messages);
}
