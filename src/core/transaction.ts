// Runs a handler in one transaction with its delivery's receipt and the messages it owes, committed
// together or not at all; a refusal rolls it back and is then audited in a write of its own.
import type { Tx } from '../db/client.js';
import type { Actor } from './actor.js';
import { ALREADY_RECEIVED, turnedBack } from './answers.js';
import type { Deps } from './deps.js';
import { recordEvent } from './events.js';
import type { Inbound } from './interaction.js';
import type { Message } from './message.js';
import { Refusal, type RefusalReason } from './refusal.js';
import type { AppView, HandlerContext, Outcome, Response } from './use-case.js';

/** A member's request as the audit log names it: who, the delivery, and what it asked for (`/case open`, `form:…`). */
export interface Request {
  actor: Actor;
  input: Inbound;
  what: string;
}

/**
 * Every refusal, whoever decided it (a role check, a feature's ownership check, a button that does
 * not parse), is written to the audit log with a stable reason code, in its own write: the
 * handler's transaction, if any, has been rolled back.
 */
export async function refuse(deps: Deps, request: Request, text: string, reason: RefusalReason): Promise<Outcome> {
  const { actor, input, what } = request;
  await recordEvent(deps.db, {
    subjectKind: 'member',
    subjectId: actor.memberId,
    kind: 'access.refused',
    at: deps.clock.now(),
    actorId: actor.memberId,
    surface: input.user.platform,
    data: { what, reason },
  });
  return turnedBack(text);
}

/** The handler in one transaction; a Refusal it throws is answered and audited after the rollback. */
export async function runHandler(
  deps: Deps,
  app: AppView,
  request: Request,
  handler: (ctx: HandlerContext) => Promise<Response>,
): Promise<Outcome> {
  try {
    const outcome = await transact(deps, app, request, handler);
    // Committed: whatever it changed about members, this app's next identification reads it.
    deps.identities.drop();
    return outcome;
  } catch (error) {
    if (error instanceof Refusal) return refuse(deps, request, error.message, error.reason);
    throw error;
  }
}

/** The delivery's receipt, in one statement; false when it was received before. */
async function receive(tx: Tx, input: Inbound): Promise<boolean> {
  return (
    (await tx.$executeRaw`INSERT INTO "InboundReceipt" ("surface", "key") VALUES (${input.user.platform}::"Platform", ${`${input.kind}:${input.id}`}) ON CONFLICT DO NOTHING`) >
    0
  );
}

function transact(
  deps: Deps,
  app: AppView,
  { actor, input }: Request,
  handler: (ctx: HandlerContext) => Promise<Response>,
): Promise<Outcome> {
  return deps.db.$transaction(
    async (tx) => {
      if (!(await receive(tx, input))) return ALREADY_RECEIVED;
      const response = await handler({ deps, tx, actor, now: deps.clock.now(), surface: input.user.platform, app });
      const messages: Message[] = [];
      for (const reply of response.replies ?? []) {
        if (reply.to === 'actor') messages.push(reply.message);
        else await deps.outbox.enqueue(tx, reply);
      }
      return { form: response.form, messages, saved: response.saved ?? true };
    },
    { timeout: 15_000, maxWait: 1_000 },
  );
}
