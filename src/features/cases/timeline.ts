// `/case timeline`: one chronology per case, merged from every feature that holds something dated
// about it (each through its own exported function), newest first, in pages.
import type { ActorContext, Response } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import type { Tx } from '../../db/client.js';
import { concernTimeline } from '../concerns/api.js';
import { debriefTimeline } from '../debrief/api.js';
import { escalationTimeline } from '../escalation/api.js';
import { sessionTimeline } from '../sessions/api.js';
import { caseHistory } from './history.js';
import { visibleCase } from './lookup.js';
import { type TimelinePage, timelineMessage } from './messages.js';
import type { TimelineEntry, TimelineViewer } from './timeline-entry.js';

export const TIMELINE_PAGE_SIZE = 15;

type CaseRow = Parameters<typeof caseHistory>[1];

/** Every entry the viewer may see, newest first (entries at the same moment keep their source order). */
export async function caseChronology(
  tx: Tx,
  found: CaseRow,
  viewer: TimelineViewer,
  now: Date,
): Promise<TimelineEntry[]> {
  const entries = [
    ...(await caseHistory(tx, found, viewer)),
    ...(await sessionTimeline(tx, found.id, viewer, now)),
    ...(await debriefTimeline(tx, found.id, viewer)),
    ...(await concernTimeline(tx, found.id, viewer)),
    ...(await escalationTimeline(tx, found.code, viewer)),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** One page of the case's chronology as the actor may see it; a mentor's other cases are refused like missing ones. */
export async function caseTimeline(
  ctx: Pick<ActorContext, 'tx' | 'deps' | 'actor' | 'now'>,
  input: { code: string; page?: number },
): Promise<Response> {
  const page = input.page ?? 1;
  const found = await visibleCase(ctx, input.code);
  const coordinator = ctx.actor.roles.includes('coordinator');
  const all = await caseChronology(ctx.tx, found, { memberId: ctx.actor.memberId, coordinator }, ctx.now);
  const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps);
  const shown: TimelinePage = {
    code: found.code,
    own: !coordinator,
    zone: networkTimeZone,
    page,
    pages: Math.max(1, Math.ceil(all.length / TIMELINE_PAGE_SIZE)),
    entries: all.slice((page - 1) * TIMELINE_PAGE_SIZE, page * TIMELINE_PAGE_SIZE),
  };
  return { replies: [{ to: 'actor', message: timelineMessage(shown) }] };
}
