// Audit entries written by the actor (ids and structured values only, never free text): who did it,
// when and where, and the entries for a member and for the network's settings.
import { recordEvent } from '../../core/events.js';
import type { ActorContext } from '../../core/router.js';

type AuditData = Record<string, string | string[] | number | boolean | null>;

/** Who did it, when and on which platform: the part of an audit entry every member's request fills alike. */
export const byActor = (ctx: ActorContext) => ({ at: ctx.now, actorId: ctx.actor.memberId, surface: ctx.surface });

/** An entry on a member's timeline, by the actor. */
export const auditMember = (ctx: ActorContext, subjectId: string, kind: string, data: AuditData = {}) =>
  recordEvent(ctx.tx, { subjectKind: 'member', subjectId, kind, data, ...byActor(ctx) });

/** The network's settings were changed by the actor (which part, when `data` says). */
export const auditSettings = (ctx: ActorContext, data?: AuditData) =>
  recordEvent(ctx.tx, {
    subjectKind: 'network',
    subjectId: 'settings',
    kind: 'network.settings_changed',
    data,
    ...byActor(ctx),
  });
