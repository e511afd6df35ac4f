// The digest's entries on the audit log: what a member did to a contribution, a digest or the
// digest's settings, and on which surface (ids and labels only, never an item's text).
import { recordEvent, type EventInput } from '../../core/events.js';
import type { ActorContext } from '../../core/router.js';

export const recordBy = (
  ctx: ActorContext,
  subject: { kind: 'contribution' | 'digest' | 'network'; id: string },
  kind: string,
  data: EventInput['data'] = {},
) =>
  recordEvent(ctx.tx, {
    subjectKind: subject.kind,
    subjectId: subject.id,
    kind,
    at: ctx.now,
    actorId: ctx.actor.memberId,
    surface: ctx.surface,
    data,
  });
