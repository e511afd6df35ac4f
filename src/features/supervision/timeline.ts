// What every supervision step writes with: the request's timeline (subjectKind 'supervision'), a
// group session's events, the messages it owes, and the keys of owed messages later edited in place.
import { recordEvent } from '../../core/events.js';
import type { Reply } from '../../core/message.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';

export const SUBJECT = 'supervision';
export const GROUP_SUBJECT = 'supervision_group';

export const offerKey = (offerId: string) => `supervision-offer:${offerId}`;
export const groupKey = (groupId: string) => `supervision-group:${groupId}`;

type EventData = Record<string, string | number | boolean | null | string[]>;

/** A step on a request's timeline, with the surface it was taken on when a member took it. */
export const timeline = (
  ctx: UseCaseContext & Partial<Pick<ActorContext, 'surface'>>,
  requestId: string,
  kind: string,
  data: EventData = {},
  actorId?: string,
) =>
  recordEvent(ctx.tx, {
    subjectKind: SUBJECT,
    subjectId: requestId,
    kind: `supervision.${kind}`,
    at: ctx.now,
    actorId,
    surface: ctx.surface,
    data,
  });

/** A step in a group session's life, by the member who took it (none for a job's). */
export const groupEvent = (
  ctx: UseCaseContext & Partial<Pick<ActorContext, 'actor' | 'surface'>>,
  groupId: string,
  kind: string,
  data?: EventData,
) =>
  recordEvent(ctx.tx, {
    subjectKind: GROUP_SUBJECT,
    subjectId: groupId,
    kind: `supervision.${kind}`,
    at: ctx.now,
    actorId: ctx.actor?.memberId,
    surface: ctx.surface,
    data,
  });

/** An owed message, written to the outbox in the step's transaction. */
export const send = (ctx: UseCaseContext, reply: Exclude<Reply, { to: 'actor' }>) =>
  ctx.deps.outbox.enqueue(ctx.tx, reply);
