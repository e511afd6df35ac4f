// The digest's life: a contribution is redacted when offered; the weekly job drafts the week's digest
// (items and figures) and tells each contributor and every coordinator; coordinators approve, edit
// (redacted again) or reject each item, and one of them publishes the whole digest to the learning
// channel. Nothing reaches a channel before that; each decision is on the audit log.
import { randomUUID } from 'node:crypto';
import type { Deps, OwedReply } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import type { FormValues } from '../../core/form.js';
import type { Message, Reply } from '../../core/message.js';
import type { Platform } from '../../core/roles.js';
import { Refusal } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { isUuid } from '../../core/values.js';
import type { Tx } from '../../db/client.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { nextOccurrence, type Schedule } from '../../jobs/schedule.js';
import { renderWeeklyChart } from './chart.js';
import { chartValue, countWeek, publishFigures, type Figures } from './counts.js';
import {
  composeItem,
  contributorItemMessage,
  figureLines,
  reviewItemMessage,
  reviewSummaryMessage,
  themeLabel,
  type ItemView,
  type shareForm,
} from './forms.js';
import { redact } from './redact.js';
import type { DenyList } from './schema.js';
import { withPublishableThemes } from './suppression.js';
import { weekOf, weekRange, weekSpan, weekStartDate, weekStartOf, type Week } from './week.js';

export interface DigestCtx {
  tx: Tx;
  deps: Deps;
  now: Date;
  surface?: Platform;
}

export const WEEKLY_KIND = 'digest.weekly';
export const WEEKLY_SERIES = 'digest:weekly';
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

const sealed = (column: string, rowId: string) => ({ table: 'Contribution', column, rowId });
const splitList = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Everything the network knows that must never appear in a digest. */
export async function denyListFor(tx: Tx, deps: Deps): Promise<DenyList> {
  const [members, identities, cases, debriefCodes] = await Promise.all([
    tx.member.findMany({ select: { displayName: true } }),
    tx.memberIdentity.findMany({ select: { handle: true, platformUserId: true } }),
    tx.case.findMany({ select: { code: true } }),
    tx.debrief.findMany({ select: { caseCode: true }, distinct: ['caseCode'] }),
  ]);
  return {
    names: members.map((m) => m.displayName),
    handles: identities.flatMap((i) => [i.handle, i.platformUserId]).filter((h): h is string => !!h && h.trim().length >= 3),
    caseCodes: [...new Set([...cases.map((c) => c.code), ...debriefCodes.map((d) => d.caseCode)])],
    places: splitList(deps.config.DIGEST_DENY_PLACES),
    organisations: splitList(deps.config.DIGEST_DENY_ORGANISATIONS),
  };
}

export async function digestSchedule(tx: Tx, deps: Deps): Promise<Schedule> {
  const { networkTimeZone } = await readSettings(tx, deps.config);
  return { every: 'week', weekday: weekdays.indexOf(deps.config.DIGEST_DAY) + 1, time: deps.config.DIGEST_TIME, zone: networkTimeZone };
}

/**
 * Makes sure the weekly draft job is waiting (at start, and whenever the digest is used); a waiting
 * occurrence made for another schedule (the network's time zone or DIGEST_DAY/TIME changed) is replaced.
 */
export async function ensureDigestSeries(tx: Tx, deps: Deps, now: Date): Promise<void> {
  const schedule = await digestSchedule(tx, deps);
  const waiting = await tx.job.findMany({ where: { series: WEEKLY_SERIES, status: { in: ['pending', 'running'] } }, select: { id: true, status: true, schedule: true } });
  const same = (stored: unknown) => {
    const s = (stored ?? {}) as Partial<Schedule & { weekday: number }>;
    return s.every === 'week' && s.weekday === (schedule as { weekday: number }).weekday && s.time === schedule.time && s.zone === schedule.zone;
  };
  if (waiting.some((j) => j.status === 'running' || same(j.schedule))) return;
  const dueAt = nextOccurrence(schedule, now);
  // Moved in place: the one waiting row takes the new time, so no stale occurrence is left behind.
  if (waiting[0]) await tx.job.update({ where: { id: waiting[0].id }, data: { dueAt, runAt: dueAt, schedule } });
  else await enqueueJob(tx, { kind: WEEKLY_KIND, dueAt, series: WEEKLY_SERIES, schedule });
}

async function openText(tx: Tx, deps: Deps, value: string, column: string, rowId: string): Promise<string> {
  return deps.vault.open(tx, value, sealed(column, rowId));
}

// ---- contributions ----------------------------------------------------------------------------

export async function submitContribution(
  ctx: DigestCtx & { actorId: string },
  values: FormValues<typeof shareForm>,
  context: Record<string, string>,
): Promise<{ id: string; redacted: string; tags: string[] }> {
  const { tx, deps, now } = ctx;
  let sourceDebriefId: string | undefined;
  if (context.sourceDebriefId) {
    const debrief = isUuid(context.sourceDebriefId) ? await tx.debrief.findFirst({ where: { id: context.sourceDebriefId, authorId: ctx.actorId }, select: { id: true } }) : null;
    if (!debrief) throw new Refusal('That debrief is not one of yours, so its learning cannot be offered from here. You can still use /share.', 'not_owner');
    sourceDebriefId = debrief.id;
  }
  const id = randomUUID();
  const denyList = await denyListFor(tx, deps);
  const original = composeItem(values);
  const redacted = redact(original, { denyList }).text;
  const tags = [...new Set(splitList(values.tags ?? '').map((t) => redact(t, { denyList }).text.slice(0, 30)))].slice(0, 5);
  const subject = { kind: 'member' as const, id: ctx.actorId };
  await tx.contribution.create({
    data: {
      id,
      authorId: ctx.actorId,
      themes: values.themes,
      tags,
      credit: values.credit,
      status: 'submitted',
      textEnc: await deps.vault.seal(tx, original, sealed('textEnc', id), subject),
      redactedEnc: await deps.vault.seal(tx, redacted, sealed('redactedEnc', id), subject),
      sourceDebriefId,
      createdAt: now,
    },
  });
  await recordEvent(tx, { subjectKind: 'contribution', subjectId: id, kind: 'contribution.submitted', at: now, actorId: ctx.actorId, surface: ctx.surface, data: { themes: values.themes, ...(sourceDebriefId && { sourceDebriefId }) } });
  await ensureDigestSeries(tx, deps, now);
  return { id, redacted, tags };
}

interface ItemRow {
  id: string;
  authorId: string;
  themes: string[];
  tags: string[];
  credit: string;
  status: string;
  redactedEnc: string;
  finalEnc: string | null;
  digestId: string | null;
}

async function itemView(ctx: DigestCtx, row: ItemRow): Promise<ItemView> {
  const text = row.finalEnc ? await openText(ctx.tx, ctx.deps, row.finalEnc, 'finalEnc', row.id) : await openText(ctx.tx, ctx.deps, row.redactedEnc, 'redactedEnc', row.id);
  return { id: row.id, themes: row.themes, tags: row.tags, text, status: row.status, credit: row.credit };
}

async function coordinators(tx: Tx): Promise<{ id: string; displayName: string }[]> {
  return tx.member.findMany({ where: { roles: { has: 'coordinator' }, status: 'active' }, select: { id: true, displayName: true }, orderBy: { createdAt: 'asc' } });
}

const reviewKey = (contributionId: string, coordinatorId: string) => `digest.review:${contributionId}:${coordinatorId}`;
const summaryKey = (digestId: string, coordinatorId: string) => `digest.summary:${digestId}:${coordinatorId}`;

async function digestItems(tx: Tx, digestId: string): Promise<ItemRow[]> {
  return tx.contribution.findMany({ where: { digestId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}

/** The messages a coordinator reviews a draft with: a summary with Publish, then one per item. */
export async function reviewMessages(ctx: DigestCtx, digestId: string): Promise<Message[]> {
  const digest = await ctx.tx.digest.findUniqueOrThrow({ where: { id: digestId } });
  const week = weekOf(weekStartOf(digest.weekStart));
  const rows = await digestItems(ctx.tx, digestId);
  const items = await Promise.all(rows.map((r) => itemView(ctx, r)));
  const summary = reviewSummaryMessage(digestId, week.label, weekSpan(week.weekStart), digest.figures as unknown as Figures, {
    total: items.length,
    waiting: items.filter((i) => i.status === 'in_draft').length,
  });
  return [summary, ...items.map((item, i) => reviewItemMessage(item, i + 1, week.label))];
}

/** Re-shows one item's review message to every coordinator, in place. */
/** An unpublished item's words are its contributor's: owed copies are sealed under their key. */
const authorOf = (row: { authorId: string }) => [{ kind: 'member' as const, id: row.authorId }];

async function refreshReview(ctx: DigestCtx, contributionId: string, decidedBy?: string): Promise<Reply[]> {
  const row = await ctx.tx.contribution.findUniqueOrThrow({ where: { id: contributionId } });
  if (!row.digestId) return [];
  const digest = await ctx.tx.digest.findUniqueOrThrow({ where: { id: row.digestId } });
  const rows = await digestItems(ctx.tx, row.digestId);
  const index = rows.findIndex((r) => r.id === row.id) + 1;
  const message = reviewItemMessage(await itemView(ctx, row), index, weekOf(weekStartOf(digest.weekStart)).label, decidedBy);
  return (await coordinators(ctx.tx)).map((c) => ({ to: 'update' as const, key: reviewKey(row.id, c.id), message, subjects: authorOf(row) }));
}

// ---- the weekly draft -------------------------------------------------------------------------

async function earlierPublished(tx: Tx, weekStart: string, zone: string, take: number) {
  const rows = await tx.digest.findMany({ where: { status: 'published', weekStart: { lt: weekStartDate(weekStart) } }, orderBy: { weekStart: 'desc' }, take });
  return Promise.all(
    rows.reverse().map(async (d) => {
      const start = weekStartOf(d.weekStart);
      return { weekStart: start, figures: d.figures as unknown as Figures, counts: await countWeek(tx, weekRange(start, zone)) };
    }),
  );
}

/** Drafts the digest of `week` once: figures, the items waiting, and messages to contributors and coordinators. */
export async function buildDraft(ctx: DigestCtx, week: Week): Promise<{ digestId: string; created: boolean }> {
  const { tx, deps, now } = ctx;
  const existing = await tx.digest.findUnique({ where: { weekStart: weekStartDate(week.weekStart) } });
  if (existing) return { digestId: existing.id, created: false };
  const { networkTimeZone: zone } = await readSettings(tx, deps.config);
  const counts = await countWeek(tx, weekRange(week.weekStart, zone));
  const earlier = await earlierPublished(tx, week.weekStart, zone, 12);
  const figures = publishFigures(counts, earlier);
  const digestId = randomUUID();
  await tx.digest.create({ data: { id: digestId, weekStart: weekStartDate(week.weekStart), status: 'draft', figures: figures as never, draftedAt: now } });

  // An earlier draft nobody published is superseded: its open items come into this one for review.
  const stale = await tx.digest.findMany({ where: { status: 'draft', weekStart: { lt: weekStartDate(week.weekStart) } } });
  for (const old of stale) {
    await tx.contribution.updateMany({ where: { digestId: old.id, status: { in: ['in_draft', 'approved'] } }, data: { digestId: null, status: 'submitted', decidedById: null, decidedAt: null } });
    await tx.contribution.updateMany({ where: { digestId: old.id }, data: { digestId: null } });
    await tx.digest.update({ where: { id: old.id }, data: { status: 'superseded' } });
    await recordEvent(tx, { subjectKind: 'digest', subjectId: old.id, kind: 'digest.superseded', at: now, data: { by: digestId } });
    for (const c of await coordinators(tx)) {
      await deps.outbox.enqueue(tx, { to: 'update', key: summaryKey(old.id, c.id), message: { title: `Digest draft ${weekOf(weekStartOf(old.weekStart)).label}: not published`, text: `Its open items moved into the draft for ${week.label}.` } });
    }
  }

  const denyList = await denyListFor(tx, deps);
  const waiting = await tx.contribution.findMany({ where: { status: 'submitted', digestId: null, createdAt: { lte: now } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const replies: OwedReply[] = [];
  for (const row of waiting) {
    // Redacted again with today's deny-list: members and case codes added since it was offered count too.
    const text = redact(await openText(tx, deps, row.redactedEnc, 'redactedEnc', row.id), { denyList }).text;
    const finalEnc = await deps.vault.seal(tx, text, sealed('finalEnc', row.id), { kind: 'member', id: row.authorId });
    await tx.contribution.update({ where: { id: row.id }, data: { status: 'in_draft', digestId, finalEnc } });
    replies.push({ to: 'member', memberId: row.authorId, key: `digest.item:${row.id}`, message: contributorItemMessage({ ...row, text, status: 'in_draft' }, week.label), subjects: authorOf(row) });
  }
  const review = await reviewMessages(ctx, digestId);
  const rows = await digestItems(tx, digestId);
  for (const c of await coordinators(tx)) {
    replies.push({ to: 'member', memberId: c.id, key: summaryKey(digestId, c.id), message: review[0]! });
    rows.forEach((row, i) => replies.push({ to: 'member', memberId: c.id, key: reviewKey(row.id, c.id), message: review[i + 1]!, subjects: authorOf(row) }));
  }
  for (const reply of replies) await deps.outbox.enqueue(tx, reply);
  await recordEvent(tx, { subjectKind: 'digest', subjectId: digestId, kind: 'digest.drafted', at: now, data: { week: week.label, contributionIds: rows.map((r) => r.id) } });
  return { digestId, created: true };
}

// ---- decisions --------------------------------------------------------------------------------

async function lockItem(ctx: DigestCtx, contributionId: string) {
  // Buttons are parsed by the router; the edit form's context is checked here.
  if (!isUuid(contributionId)) throw new Refusal('That item is no longer known.', 'bad_button');
  await ctx.tx.$queryRaw`SELECT "id" FROM "Contribution" WHERE "id" = ${contributionId}::uuid FOR UPDATE`;
  const row = await ctx.tx.contribution.findUnique({ where: { id: contributionId } });
  if (!row) throw new Refusal('That item is no longer known.', 'not_found');
  return row;
}

async function draftOf(ctx: DigestCtx, digestId: string | null) {
  if (!digestId) return undefined;
  await ctx.tx.$queryRaw`SELECT "id" FROM "Digest" WHERE "id" = ${digestId}::uuid FOR UPDATE`;
  return ctx.tx.digest.findUnique({ where: { id: digestId } });
}

/** The contributor takes their item back; allowed until the digest it is in is published. */
export async function withdrawContribution(ctx: DigestCtx & { actorId: string }, contributionId: string): Promise<{ replies: Reply[] }> {
  const row = await lockItem(ctx, contributionId);
  if (row.authorId !== ctx.actorId) throw new Refusal('Only the member who offered an item can withdraw it.', 'not_owner');
  const digest = await draftOf(ctx, row.digestId);
  if (row.status === 'withdrawn') return { replies: [{ to: 'actor', message: { text: 'Your item was already withdrawn. Nothing more was done.' } }] };
  if (row.status === 'published' || digest?.status === 'published') {
    throw new Refusal('That digest has already been published, so the item can no longer be withdrawn. If something in it worries you, please tell a coordinator.', 'closed');
  }
  await ctx.tx.contribution.update({ where: { id: row.id }, data: { status: 'withdrawn' } });
  await recordEvent(ctx.tx, { subjectKind: 'contribution', subjectId: row.id, kind: 'contribution.withdrawn', at: ctx.now, actorId: ctx.actorId, surface: ctx.surface, data: { ...(row.digestId && { digestId: row.digestId }) } });
  return {
    replies: [
      { to: 'actor', message: { text: 'Your item is withdrawn: it will not be in the digest, and nobody else will see it again. Thank you for offering it.', tone: 'success' } },
      { to: 'update', key: `digest.item:${row.id}`, message: { title: 'Your digest item', text: 'You withdrew this item; it will not be in the digest.' } },
      ...(await refreshReview(ctx, row.id)),
    ],
  };
}

async function decidable(ctx: DigestCtx, contributionId: string) {
  const row = await lockItem(ctx, contributionId);
  const digest = await draftOf(ctx, row.digestId);
  if (!digest) throw new Refusal('That item is not in a digest draft yet.');
  if (digest.status === 'published') throw new Refusal('That digest is already published; its items can no longer change.', 'closed');
  if (digest.status !== 'draft') throw new Refusal('That draft was replaced by a newer one; its open items moved there. /digest draft shows it.', 'closed');
  if (row.status === 'withdrawn') throw new Refusal('The contributor withdrew that item, so it will not be in the digest.', 'closed');
  return { row, digest };
}

export async function decideItem(ctx: DigestCtx & { actorId: string; actorName: string }, contributionId: string, decision: 'approved' | 'rejected'): Promise<{ replies: Reply[] }> {
  const { row, digest } = await decidable(ctx, contributionId);
  await ctx.tx.contribution.update({ where: { id: row.id }, data: { status: decision, decidedById: ctx.actorId, decidedAt: ctx.now } });
  await recordEvent(ctx.tx, {
    subjectKind: 'contribution',
    subjectId: row.id,
    kind: decision === 'approved' ? 'contribution.approved' : 'contribution.rejected',
    at: ctx.now,
    actorId: ctx.actorId,
    surface: ctx.surface,
    data: { digestId: digest.id },
  });
  return {
    replies: [
      { to: 'actor', message: { text: decision === 'approved' ? 'Item approved for this digest.' : 'Item left out of this digest.', tone: 'success' } },
      ...(await refreshReview(ctx, row.id, `${decision === 'approved' ? 'approved' : 'rejected'} by ${ctx.actorName}`)),
    ],
  };
}

/** The current text of an item, for the coordinator's edit form (the redacted text, never the original). */
export async function itemTextForEdit(ctx: DigestCtx, contributionId: string): Promise<string> {
  const { row } = await decidable(ctx, contributionId);
  return (await itemView(ctx, row)).text;
}

export async function editItem(ctx: DigestCtx & { actorId: string; actorName: string }, contributionId: string, text: string): Promise<{ replies: Reply[] }> {
  const { row, digest } = await decidable(ctx, contributionId);
  const redacted = redact(text, { denyList: await denyListFor(ctx.tx, ctx.deps) }).text;
  const finalEnc = await ctx.deps.vault.seal(ctx.tx, redacted, sealed('finalEnc', row.id), { kind: 'member', id: row.authorId });
  await ctx.tx.contribution.update({ where: { id: row.id }, data: { finalEnc, status: 'approved', decidedById: ctx.actorId, decidedAt: ctx.now } });
  for (const kind of ['contribution.edited', 'contribution.approved']) {
    await recordEvent(ctx.tx, { subjectKind: 'contribution', subjectId: row.id, kind, at: ctx.now, actorId: ctx.actorId, surface: ctx.surface, data: { digestId: digest.id } });
  }
  const week = weekOf(weekStartOf(digest.weekStart)).label;
  return {
    replies: [
      { to: 'actor', message: { text: 'Saved and approved. The text was anonymised again; the contributor has been shown it and can still withdraw it.', tone: 'success' } },
      { to: 'member', memberId: row.authorId, message: contributorItemMessage({ ...row, text: redacted, status: 'approved' }, week), subjects: authorOf(row) },
      ...(await refreshReview(ctx, row.id, `edited and approved by ${ctx.actorName}`)),
    ],
  };
}

// ---- publication ------------------------------------------------------------------------------

/**
 * The published digest in parts: the header with the figures, then one part per item, each short
 * enough for one Discord message (2,000 characters). `Digest.text` is the parts joined.
 */
export function digestParts(week: Week, figures: Figures, items: { text: string; themes: string[]; tags: string[]; credit: string; creditName?: string }[]): string[] {
  const header = [
    `Practice-sharing digest, ${week.label} (${weekSpan(week.weekStart)})`,
    '',
    'The week in numbers (rounded to the nearest 5; a count under 10 is shown only as "fewer than 10"):',
    ...figureLines(figures).map((l) => `• ${l}`),
    '',
    items.length ? `What members shared: ${items.length} item(s) below.` : 'No practice insights were shared this week. /share offers one for next week.',
  ].join('\n');
  return [
    header,
    ...items.map((item, i) =>
      [
        `${i + 1}. ${item.themes.length ? `Themes: ${item.themes.map(themeLabel).join(', ')}` : 'Practice insight'}${item.tags.length ? ` · Tags: ${item.tags.join(', ')}` : ''}`,
        item.text,
        item.credit === 'name' && item.creditName ? `— shared by ${item.creditName}` : '— shared anonymously',
      ].join('\n'),
    ),
  ];
}

/** Splits a stored digest text back into its parts (the header, then each item). */
export const splitDigestText = (text: string): string[] => text.split(/\n\n(?=\d+\. (?:Themes: |Practice insight))/);

async function chartWeeks(tx: Tx, weekStart: string, figures: Figures) {
  const earlier = await tx.digest.findMany({ where: { status: 'published', weekStart: { lt: weekStartDate(weekStart) } }, orderBy: { weekStart: 'desc' }, take: 5 });
  return [...earlier.reverse().map((d) => ({ weekStart: weekStartOf(d.weekStart), figures: d.figures as unknown as Figures })), { weekStart, figures }].map((w) => ({
    weekStart: w.weekStart,
    sessions: chartValue(w.figures.sessions),
    debriefs: chartValue(w.figures.debriefs),
    checkins: chartValue(w.figures.checkins),
  }));
}

/** The chart of a published week beside up to five earlier ones, drawn from published labels only. */
export async function digestChart(tx: Tx, digestId: string): Promise<{ png: string; alt: string }> {
  const digest = await tx.digest.findUniqueOrThrow({ where: { id: digestId } });
  const weekStart = weekStartOf(digest.weekStart);
  const png = await renderWeeklyChart(await chartWeeks(tx, weekStart, digest.figures as unknown as Figures));
  return { png: png.toString('base64'), alt: `Sessions, debriefs and check-ins in ${weekOf(weekStart).label} and the weeks before, rounded to the nearest 5; counts under 10 are not drawn.` };
}

export async function publishDigest(ctx: DigestCtx & { actorId: string; actorName: string }, digestId: string): Promise<{ replies: Reply[] }> {
  const { tx, now } = ctx;
  const digest = await draftOf(ctx, digestId);
  if (!digest) throw new Refusal('That digest is no longer known.', 'not_found');
  const week = weekOf(weekStartOf(digest.weekStart));
  if (digest.status === 'published') return { replies: [{ to: 'actor', message: { text: `The digest for ${week.label} was already published. Nothing more was done.` } }] };
  if (digest.status !== 'draft') throw new Refusal(`The draft for ${week.label} was replaced by a newer one and cannot be published. Nothing was posted; /digest draft shows the current draft.`, 'closed');
  const rows = await digestItems(tx, digestId);
  const undecided = rows.filter((r) => r.status === 'in_draft').length;
  if (undecided) throw new Refusal(`${undecided} item(s) still need a decision (approve, edit or reject) before the digest can be published. Nothing was posted.`);
  const approved = rows.filter((r) => r.status === 'approved');
  const names = new Map((await tx.member.findMany({ where: { id: { in: approved.map((r) => r.authorId) } }, select: { id: true, displayName: true } })).map((m) => [m.id, m.displayName]));
  const views = await Promise.all(approved.map(async (r) => ({ ...(await itemView(ctx, r)), contributorId: r.authorId })));
  const items = withPublishableThemes(views).map((v) => ({ ...v, creditName: names.get(v.contributorId) }));
  const figures = digest.figures as unknown as Figures;
  const parts = digestParts(week, figures, items);
  const text = parts.join('\n\n');

  await tx.digest.update({ where: { id: digestId }, data: { status: 'published', text, approvedById: ctx.actorId, publishedById: ctx.actorId, publishedAt: now } });
  await tx.contribution.updateMany({ where: { id: { in: approved.map((r) => r.id) } }, data: { status: 'published' } });
  // Items left out are no longer part of this digest (provenance lists only what went in).
  await tx.contribution.updateMany({ where: { digestId, status: { in: ['rejected', 'withdrawn'] } }, data: { digestId: null } });
  const contributionIds = approved.map((r) => r.id);
  await recordEvent(tx, { subjectKind: 'digest', subjectId: digestId, kind: 'digest.approved', at: now, actorId: ctx.actorId, surface: ctx.surface, data: { week: week.label, contributionIds } });
  await recordEvent(tx, { subjectKind: 'digest', subjectId: digestId, kind: 'digest.published', at: now, actorId: ctx.actorId, surface: ctx.surface, data: { week: week.label, contributionIds, channel: 'learning' } });

  const image = await digestChart(tx, digestId);
  const replies: Reply[] = [
    { to: 'channel', channel: 'learning', key: `digest.published:${digestId}`, message: { title: `Practice-sharing digest ${week.label}`, text: parts[0]!, image, tone: 'info' } },
    ...parts.slice(1).map((part, i): Reply => ({ to: 'channel', channel: 'learning', key: `digest.published:${digestId}:${i + 1}`, message: { text: part } })),
    { to: 'actor', message: { text: `Published the digest for ${week.label} to the learning channel, with ${approved.length} item(s).`, tone: 'success' } },
  ];
  for (const r of rows) {
    const n = approved.indexOf(r) + 1;
    const text = n ? `Published as item ${n} of the digest for ${week.label}.` : r.status === 'withdrawn' ? 'You withdrew this item; it was not in the digest.' : `This item was not included in the digest for ${week.label}.`;
    replies.push({ to: 'update', key: `digest.item:${r.id}`, message: { title: 'Your digest item', text } });
  }
  approved.forEach((r, i) =>
    replies.push({
      to: 'member',
      memberId: r.authorId,
      message: { text: `Thank you: your item is number ${i + 1} in the practice-sharing digest for ${week.label}, now in the learning channel. /digest ${week.label} shows it.`, tone: 'success' },
    }),
  );
  const summary: Message = { title: `Digest ${week.label}: published by ${ctx.actorName}`, text: `Published to the learning channel with ${approved.length} item(s).` };
  for (const c of await coordinators(tx)) {
    replies.push({ to: 'update', key: summaryKey(digestId, c.id), message: summary });
    for (const r of rows) replies.push({ to: 'update', key: reviewKey(r.id, c.id), message: { title: `Digest ${week.label}: ${r.status === 'approved' ? 'published' : 'not included'}`, text: r.status === 'approved' ? 'This item was published.' : 'This item was not included.' } });
  }
  return { replies };
}

// ---- reading ----------------------------------------------------------------------------------

/** A published digest (the latest, or a given week's) and where the reader's own items were used. */
export async function readDigest(ctx: DigestCtx & { actorId: string }, week?: Week): Promise<Message[]> {
  const digest = await ctx.tx.digest.findFirst({
    where: { status: 'published', ...(week && { weekStart: weekStartDate(week.weekStart) }) },
    orderBy: { weekStart: 'desc' },
  });
  if (!digest?.text) {
    return [{ text: week ? `There is no published digest for ${week.label}. /digest shows the latest one.` : 'No digest has been published yet. /share offers a practice insight for the next one.' }];
  }
  const messages: Message[] = splitDigestText(digest.text).map((part) => ({ text: part }));
  const own = await ctx.tx.contribution.findMany({ where: { digestId: digest.id, authorId: ctx.actorId }, select: { id: true } });
  if (own.length) {
    const all = await ctx.tx.contribution.findMany({ where: { digestId: digest.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
    const numbers = own.map((o) => all.findIndex((a) => a.id === o.id) + 1).sort((a, b) => a - b);
    messages.push({ text: `Your item${numbers.length > 1 ? 's are' : ' is'} number ${numbers.join(', ')} in this digest. Thank you for sharing.` });
  }
  return messages;
}

/** Where each of a member's items went: for /digest without a published week to show, and their home. */
export async function ownItems(tx: Tx, memberId: string) {
  return tx.contribution.findMany({ where: { authorId: memberId }, orderBy: { createdAt: 'desc' }, take: 10, select: { id: true, status: true, digestId: true, createdAt: true } });
}

export async function currentDraftId(tx: Tx): Promise<string | undefined> {
  return (await tx.digest.findFirst({ where: { status: 'draft' }, orderBy: { weekStart: 'desc' }, select: { id: true } }))?.id;
}

// ---- home sections ----------------------------------------------------------------------------

const ownStatusWords: Record<string, string> = {
  submitted: 'waiting for the next weekly draft',
  in_draft: 'in the draft, waiting for a coordinator',
  approved: 'approved, waiting for publication',
  rejected: 'not included this time',
  withdrawn: 'withdrawn by you',
  published: 'published',
};

/** A mentor's own recent items and where each went (ids and statuses only, never the text). */
export async function ownItemsSection(tx: Tx, memberId: string): Promise<Message | undefined> {
  const rows = await tx.contribution.findMany({ where: { authorId: memberId }, orderBy: { createdAt: 'desc' }, take: 5, select: { status: true, createdAt: true, digestId: true } });
  if (!rows.length) return undefined;
  const digests = new Map(
    (await tx.digest.findMany({ where: { id: { in: rows.flatMap((r) => (r.digestId ? [r.digestId] : [])) } }, select: { id: true, weekStart: true } })).map((d) => [d.id, weekOf(weekStartOf(d.weekStart)).label]),
  );
  return {
    title: 'Your digest items',
    text: rows
      .map((r) => `• Offered ${r.createdAt.toISOString().slice(0, 10)}: ${ownStatusWords[r.status] ?? r.status}${r.digestId && digests.get(r.digestId) ? ` (${digests.get(r.digestId)})` : ''}`)
      .join('\n'),
  };
}

/** For coordinators: a draft waiting for decisions. */
export async function draftSection(tx: Tx): Promise<Message | undefined> {
  const draft = await tx.digest.findFirst({ where: { status: 'draft' }, orderBy: { weekStart: 'desc' } });
  if (!draft) return undefined;
  const waiting = await tx.contribution.count({ where: { digestId: draft.id, status: 'in_draft' } });
  const total = await tx.contribution.count({ where: { digestId: draft.id, status: { in: ['in_draft', 'approved', 'rejected'] } } });
  return {
    title: `Digest draft ${weekOf(weekStartOf(draft.weekStart)).label}`,
    text: `${total} item(s), ${waiting} waiting for a decision. /digest draft shows it to review; nothing is posted until a coordinator publishes it.`,
  };
}
