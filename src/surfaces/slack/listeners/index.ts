// One Bolt middleware for everything Slack sends: the body is checked with zod, then handed to the
// listener for its kind. Unknown kinds are acknowledged and ignored; malformed ones too, and logged.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { readPayload } from '../payloads.js';
import type { Ack, Respond, SlackRuntime } from '../runtime.js';
import { onAction } from './action.js';
import { onCommand } from './command.js';
import { onHomeOpened } from './home.js';
import { onSubmission } from './submission.js';

const noAck: Ack = async () => undefined;

export function slackListener(runtime: () => SlackRuntime | undefined): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const ack = ('ack' in args && typeof args.ack === 'function' ? args.ack : noAck) as Ack;
    const respond = ('respond' in args && typeof args.respond === 'function' ? args.respond : undefined) as Respond | undefined;
    const rt = runtime();
    if (!rt) return ack();
    const payload = readPayload(args.body);
    switch (payload.kind) {
      case 'command':
        return onCommand(rt, payload.body, ack, respond);
      case 'submission':
        return onSubmission(rt, payload.body, ack);
      case 'action':
        return onAction(rt, payload.body, ack, respond);
      case 'home':
        return onHomeOpened(rt, payload.userId);
      case 'malformed':
        rt.deps.log.warn({ surface: 'slack', type: payload.type }, 'slack payload rejected');
        return ack();
      case 'ignored':
        return ack();
    }
  };
}
