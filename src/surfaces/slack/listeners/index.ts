// One Bolt middleware for everything Slack sends: the body is checked with zod, then handed to the
// listener for its kind, with where it came from (each listener admits only our own workspace's
// people). Unknown kinds are acknowledged and ignored; malformed ones too, and logged.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { requestOrigin } from '../origin.js';
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
    const respond = ('respond' in args && typeof args.respond === 'function' ? args.respond : undefined) as
      | Respond
      | undefined;
    const rt = runtime();
    if (!rt) return ack();
    const payload = readPayload(args.body);
    // Which workspace (and, for events, whether a bot) it is from: read from the raw body, which
    // keeps the team fields the checked payloads leave out.
    const origin = requestOrigin(args.body);
    switch (payload.kind) {
      case 'command':
        return onCommand(rt, payload.body, origin, ack, respond);
      case 'submission':
        return onSubmission(rt, payload.body, origin, ack);
      case 'action':
        return onAction(rt, payload.body, origin, ack, respond);
      case 'home':
        return onHomeOpened(rt, payload.userId, origin);
      case 'malformed':
        rt.deps.log.warn({ surface: 'slack', type: payload.type }, 'slack payload rejected');
        return ack();
      case 'ignored':
        return ack();
    }
  };
}
