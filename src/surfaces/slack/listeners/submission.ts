// A modal submitted: the router parses and saves it before the acknowledgement, because the answer
// to Slack carries what the modal shows next: inline errors, a further form, or the outcome. The
// view id is the delivery id, so the same submission delivered again (a retry, a double click,
// another replica) is answered "already received" and saves nothing more.
import type { Outcome } from '../../../core/router.js';
import { formModal, readContext, RESULT_CALLBACK, resultModal, submittedValues } from '../modal.js';
import type { ViewSubmission } from '../payloads.js';
import type { Ack, SlackRuntime } from '../runtime.js';
import type { Origin } from '../origin.js';
import type { SlackCommandNames } from '../slash-commands.js';
import { whoIsAsking } from './user.js';

/** The view_submission answer for an outcome; undefined closes the modal. */
export function submissionResponse(
  title: string,
  outcome: Outcome,
  commands: SlackCommandNames,
): Record<string, unknown> | undefined {
  if (outcome.errors)
    return {
      response_action: 'errors',
      errors: Object.fromEntries(Object.entries(outcome.errors).map(([id, error]) => [id, commands.text(error)])),
    };
  if (outcome.form) return { response_action: 'push', view: formModal(commands.form(outcome.form)) };
  if (outcome.messages.length === 0) return undefined;
  // Nothing was saved (refused, failed, or turned back by the feature): show why on top of the form,
  // so closing it returns to the answers. Otherwise the form is done and its modal shows the outcome.
  return {
    response_action: outcome.saved ? 'update' : 'push',
    view: resultModal(title, outcome.messages.map(commands.message)),
  };
}

export async function onSubmission(rt: SlackRuntime, body: ViewSubmission, origin: Origin, ack: Ack): Promise<void> {
  const { view } = body;
  if (view.callback_id === RESULT_CALLBACK) return ack();
  const form = rt.router.getForm(view.callback_id);
  const title = form?.title ?? rt.deps.config.NETWORK_NAME;
  const asker = await whoIsAsking(rt, origin, body.user.id, 'submission');
  if ('refused' in asker)
    return ack(submissionResponse(title, { messages: [asker.refused], saved: false }, rt.commands));
  const { user } = asker;
  const outcome = await rt.router.dispatch({
    kind: 'submit',
    id: view.id,
    user,
    formId: view.callback_id,
    values: submittedValues(form, view.state.values),
    context: readContext(view.private_metadata),
  });
  await ack(submissionResponse(title, outcome, rt.commands));
}
