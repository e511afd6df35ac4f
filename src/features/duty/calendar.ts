// Private calendar feeds: each coordinator's shifts (both positions; weekly, rotation, one-off,
// cover and swap) as iCalendar, at an address holding a secret token. Only the token's SHA-256 is
// stored; resetting revokes the old address (kept, so it answers "replaced" rather than "unknown").
import { createHash, randomUUID } from 'node:crypto';
import type { Deps } from '../../core/deps.js';
import type { ActorContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import {
  html,
  page,
  publicLink,
  publicOrigin,
  file,
  hashUrlToken,
  isUrlTokenShape,
  newUrlToken,
  type WebResult,
  type WebRouter,
} from '../../web/index.js';
import { calendarText } from './ical.js';
import type { Shift } from './policy.js';
import { DAY_MS, dutyTimeline } from './rota.js';
import { audit } from './shifts.js';

export const FEED_PAST_DAYS = 14;
export const FEED_AHEAD_DAYS = 56;

export const calendarPath = (token: string) => `/calendar/${token}.ics`;

/** A new address, or 'exists' when the member has one and did not ask to reset it (it is shown only once). */
export async function issueCalendarFeed(
  ctx: ActorContext,
  reset: boolean,
): Promise<{ url: string; replaced: boolean } | 'exists'> {
  const memberId = ctx.actor.memberId;
  // One live feed per member, even with two requests at once.
  await ctx.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`calendar:${memberId}`}))`;
  const live = await ctx.tx.calendarFeed.findMany({ where: { memberId, revokedAt: null } });
  if (live.length && !reset) return 'exists';
  for (const feed of live) {
    await ctx.tx.calendarFeed.update({ where: { id: feed.id }, data: { revokedAt: ctx.now } });
    await audit(ctx, 'rota.calendar_revoked', feed.id, { memberId });
  }
  const token = newUrlToken();
  const id = randomUUID();
  await ctx.tx.calendarFeed.create({
    data: { id, memberId, tokenHash: hashUrlToken(token), createdAt: ctx.now },
  });
  await audit(ctx, 'rota.calendar_issued', id, { memberId });
  return { url: publicLink(ctx.deps.config, calendarPath(token)), replaced: live.length > 0 };
}

const sourceText = (s: Shift) =>
  s.source === 'pattern'
    ? 'Weekly rota'
    : s.source === 'rotation'
      ? `Rotation: ${s.label ?? ''}`
      : s.label === 'cover'
        ? 'Cover'
        : s.label === 'swap'
          ? 'Swap'
          : 'One-off shift';

export type FeedAnswer = { kind: 'feed'; ics: string } | { kind: 'unknown' } | { kind: 'revoked' };

export async function calendarFeed(tx: Tx, deps: Deps, token: string, now: Date): Promise<FeedAnswer> {
  if (!isUrlTokenShape(token)) return { kind: 'unknown' };
  const feed = await tx.calendarFeed.findUnique({ where: { tokenHash: hashUrlToken(token) } });
  if (!feed) return { kind: 'unknown' };
  const member = await tx.member.findUnique({
    where: { id: feed.memberId },
    select: { displayName: true, roles: true, status: true },
  });
  if (feed.revokedAt || !member || member.status === 'left' || !member.roles.includes('coordinator'))
    return { kind: 'revoked' };
  const from = new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS);
  const shifts = (await dutyTimeline(tx, deps, from, new Date(now.getTime() + FEED_AHEAD_DAYS * DAY_MS))).filter(
    (s) => s.coordinatorId === feed.memberId,
  );
  const host = new URL(publicOrigin(deps.config)).hostname;
  const events = shifts.map((s) => ({
    uid: `${createHash('sha256').update(`${feed.memberId}|${s.position}|${s.startsAt.toISOString()}|${s.endsAt.toISOString()}`).digest('hex').slice(0, 32)}@${host}`,
    start: s.startsAt,
    end: s.endsAt,
    summary: s.position === 'primary' ? 'On duty: duty coordinator' : 'On duty: backup',
    description: `${sourceText(s)}. ${s.position === 'primary' ? 'You are the duty coordinator: urgent escalations come to you first.' : 'You are the backup: escalations not acknowledged in time come to you.'}`,
  }));
  return { kind: 'feed', ics: calendarText({ name: `Duty shifts: ${member.displayName}`, stamp: now, events }) };
}

/** GET /calendar/<token>.ics: the feed; 404 for an address never issued, 410 for one replaced or revoked. */
export function registerDutyPages(web: WebRouter): void {
  web.get('/calendar/:token', async (req): Promise<WebResult> => {
    const answer = await calendarFeed(req.deps.db, req.deps, req.params.token!.replace(/\.ics$/, ''), req.now);
    if (answer.kind === 'feed') return file('text/calendar; charset=utf-8', answer.ics);
    if (answer.kind === 'revoked') {
      return page(
        'Calendar address replaced',
        html`<p class="lead">This calendar address no longer works: it was replaced or revoked. Ask for a new one in chat with the duty calendar command.</p>`,
        { status: 410 },
      );
    }
    return page(
      'Calendar not found',
      html`<p class="lead">There is no calendar at this address. Check the address you copied, or ask for one in chat with the duty calendar command.</p>`,
      { status: 404 },
    );
  });
}
