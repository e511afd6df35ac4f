// Who is asking, and whether they may ask at all: only people of our own workspace (the one the bot
// token belongs to, or SLACK_TEAM_ID) are admitted; requests from another workspace, from bots and
// from Slack Connect strangers are refused before the router sees them, so nothing is written (no
// member joins). A refusal is audited as 'access.refused' when the account is a member's, and logged
// otherwise. Guests are admitted here and refused by the core, with their own wording.
import type { PlatformUser } from '../../../core/actor.js';
import { recordEvent } from '../../../core/events.js';
import type { Message } from '../../../core/message.js';
import { errorCode } from '../errors.js';
import type { SlackAccount } from '../identity.js';
import type { Origin } from '../origin.js';
import { replyPrivately, type ReplyTarget } from '../replies.js';
import type { SlackRuntime } from '../runtime.js';

/** Said when Slack cannot tell who is asking: without that (a guest?) the bot does nothing. */
export const LOOKUP_FAILED: Message = {
  text: 'Sorry, Slack did not tell me who you are just now, so nothing was done. Please try again in a moment.',
  tone: 'warning',
};

export type RefusalReason = 'foreign_workspace' | 'bot' | 'stranger';

export const REFUSED: Record<RefusalReason, Message> = {
  foreign_workspace: {
    text: "Sorry, this bot works only for the members of its own Slack workspace, so nothing was done. If you are one of the network's mentors, please use it from there.",
    tone: 'warning',
  },
  bot: { text: 'Sorry, this bot answers people only, not apps or bots, so nothing was done.', tone: 'warning' },
  stranger: {
    text: 'Sorry, this bot works only for the members of its own Slack workspace; people from other organisations in shared channels cannot use it, so nothing was done.',
    tone: 'warning',
  },
};

/**
 * Admitted (the core decides the rest), or refused here with a message to show. A refused request is
 * answered only where it came from (its response_url, or the modal), never by a new message from
 * the bot to someone who may not be ours.
 */
export type Asker = { user: PlatformUser } | { refused: Message; inPlaceOnly: boolean };

/** Answers a refused request: in place only, unless it is one of ours whom Slack could not describe. */
export function replyRefused(
  rt: SlackRuntime,
  target: ReplyTarget,
  asker: Extract<Asker, { refused: Message }>,
): Promise<void> {
  return replyPrivately(
    rt,
    asker.inPlaceOnly ? { userId: target.userId, respond: target.respond, inPlaceOnly: true } : target,
    [asker.refused],
  );
}

async function refuse(
  rt: SlackRuntime,
  userId: string,
  kind: string,
  reason: RefusalReason,
  teamIds: string[],
): Promise<Asker> {
  const { deps } = rt;
  try {
    const identity = await deps.db.memberIdentity.findUnique({
      where: { platform_platformUserId: { platform: 'slack', platformUserId: userId } },
      select: { memberId: true },
    });
    if (identity) {
      await recordEvent(deps.db, {
        subjectKind: 'member',
        subjectId: identity.memberId,
        kind: 'access.refused',
        at: deps.clock.now(),
        actorId: identity.memberId,
        surface: 'slack',
        data: { what: `slack ${kind}`, reason },
      });
    }
    deps.log.warn(
      { surface: 'slack', kind, reason, userId, teamIds, ...(identity ? { memberId: identity.memberId } : {}) },
      'slack request refused',
    );
  } catch (error) {
    deps.log.warn(
      { surface: 'slack', kind, reason, userId, teamIds, code: errorCode(error) },
      'slack request refused (not audited: the database did not answer)',
    );
  }
  return { refused: REFUSED[reason], inPlaceOnly: true };
}

/** Admits the person behind a request (where it came from, and its user id), or refuses them. */
export async function whoIsAsking(rt: SlackRuntime, origin: Origin, userId: string, kind: string): Promise<Asker> {
  let workspace: string;
  try {
    workspace = await rt.workspace();
  } catch (error) {
    rt.deps.log.warn(
      { surface: 'slack', kind, code: errorCode(error) },
      'slack workspace unknown (auth.test failed); request not handled',
    );
    return { refused: LOOKUP_FAILED, inPlaceOnly: true };
  }
  // Every workspace the request names must be ours, and it must name one.
  if (origin.teamIds.length === 0 || origin.teamIds.some((t) => t !== workspace))
    return refuse(rt, userId, kind, 'foreign_workspace', origin.teamIds);
  if (origin.botId) return refuse(rt, userId, kind, 'bot', origin.teamIds);
  let account: SlackAccount;
  try {
    account = await rt.directory.lookup(userId);
  } catch (error) {
    rt.deps.log.warn({ surface: 'slack', kind, code: errorCode(error) }, 'slack user lookup failed');
    return { refused: LOOKUP_FAILED, inPlaceOnly: false };
  }
  if (account.bot) return refuse(rt, userId, kind, 'bot', origin.teamIds);
  if (account.stranger) return refuse(rt, userId, kind, 'stranger', account.teamIds);
  if (account.teamIds.length > 0 && !account.teamIds.includes(workspace))
    return refuse(rt, userId, kind, 'foreign_workspace', account.teamIds);
  return { user: account.user };
}
