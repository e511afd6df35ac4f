// Welfare's entries on the audit log: each is about the member checked in on, never their words.
import { recordEvent, type EventInput } from '../../core/events.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';

/** Something that happened to a member's check-ins; `by` when a member did it, on their surface. */
export const memberEvent = (
  ctx: Pick<UseCaseContext, 'tx' | 'now'>,
  memberId: string,
  kind: string,
  data: EventInput['data'] = {},
  by: Pick<EventInput, 'actorId' | 'surface'> = {},
) => recordEvent(ctx.tx, { ...by, kind, at: ctx.now, subjectKind: 'member', subjectId: memberId, data });

/** Something a member did, on the surface they did it from. */
export const actorEvent = (ctx: ActorContext, memberId: string, kind: string, data: EventInput['data'] = {}) =>
  memberEvent(ctx, memberId, kind, data, { actorId: ctx.actor.memberId, surface: ctx.surface });
