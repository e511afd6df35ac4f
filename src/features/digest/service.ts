// The digest's life: a contribution is redacted when offered; the weekly job drafts the period's
// digest (items and figures) and tells each contributor and every coordinator; coordinators decide
// each item (decisions.ts) and one of them publishes the whole digest (publish.ts). Nothing reaches
// a channel before that; each decision is on the audit log.
import { randomUUID } from 'node:crypto';
import type { Deps, OwedReply } from '../../core/deps.js';
import { recordEvent } from '../../core/events.js';
import type { FormValues } from '../../core/form.js';
import { Refusal } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { isUuid } from '../../core/values.js';
import type { Tx } from '../../db/client.js';
import { countWeek, publishFigures, readFigures } from './counts.js';
import { composeItem, contributorItemMessage, type shareForm } from './forms.js';
import { authorOf, coordinators, digestItems, openText, sealed, type DigestCtx } from './items.js';
import { periodOf, periodOfRow, periodRange, type Period } from './period.js';
import { redact } from './redact.js';
import { reviewKey, reviewMessages, summaryKey } from './review.js';
import type { DenyList } from './schema.js';
import { ensureDigestSeries } from './series.js';
import { digestRules } from './thresholds.js';
import { weekStartDate, type Week } from './week.js';

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
    handles: identities
      .flatMap((i) => [i.handle, i.platformUserId])
      .filter((h): h is string => !!h && h.trim().length >= 3),
    caseCodes: [...new Set([...cases.map((c) => c.code), ...debriefCodes.map((d) => d.caseCode)])],
    places: splitList(deps.config.DIGEST_DENY_PLACES),
    organisations: splitList(deps.config.DIGEST_DENY_ORGANISATIONS),
  };
}

export async function submitContribution(
  ctx: DigestCtx & { actorId: string },
  values: FormValues<typeof shareForm>,
  context: Record<string, string>,
): Promise<{ id: string; redacted: string; tags: string[] }> {
  const { tx, deps, now } = ctx;
  let sourceDebriefId: string | undefined;
  if (context.sourceDebriefId) {
    const debrief = isUuid(context.sourceDebriefId)
      ? await tx.debrief.findFirst({
          where: { id: context.sourceDebriefId, authorId: ctx.actorId },
          select: { id: true },
        })
      : null;
    if (!debrief)
      throw new Refusal(
        'That debrief is not one of yours, so its learning cannot be offered from here. You can still use /share.',
        'not_owner',
      );
    sourceDebriefId = debrief.id;
  }
  const id = randomUUID();
  const denyList = await denyListFor(tx, deps);
  const original = composeItem(values);
  const redacted = redact(original, { denyList }).text;
  const tags = [...new Set(splitList(values.tags ?? '').map((t) => redact(t, { denyList }).text.slice(0, 30)))].slice(
    0,
    5,
  );
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
  await recordEvent(tx, {
    subjectKind: 'contribution',
    subjectId: id,
    kind: 'contribution.submitted',
    at: now,
    actorId: ctx.actorId,
    surface: ctx.surface,
    data: { themes: values.themes, ...(sourceDebriefId && { sourceDebriefId }) },
  });
  await ensureDigestSeries(tx, deps, now);
  return { id, redacted, tags };
}

async function earlierPublished(tx: Tx, weekStart: string, zone: string, take: number) {
  const rows = await tx.digest.findMany({
    where: { status: 'published', weekStart: { lt: weekStartDate(weekStart) } },
    orderBy: { weekStart: 'desc' },
    take,
  });
  return Promise.all(
    rows
      .reverse()
      .map(async (d) => ({
        figures: readFigures(d.figures),
        counts: await countWeek(tx, periodRange(periodOfRow(d), zone)),
      })),
  );
}

/**
 * Drafts the digest of a period (a bare week is a weekly one) once: figures by the network's
 * thresholds, the items waiting, and messages to contributors and coordinators.
 */
export async function buildDraft(
  ctx: DigestCtx,
  asked: Week | Period,
): Promise<{ digestId: string; created: boolean }> {
  const { tx, deps, now } = ctx;
  const period = 'kind' in asked ? asked : periodOf('weekly', asked.weekStart);
  const existing = await tx.digest.findUnique({ where: { weekStart: weekStartDate(period.weekStart) } });
  if (existing) return { digestId: existing.id, created: false };
  const { networkTimeZone: zone } = await readSettings(tx, deps.config);
  const counts = await countWeek(tx, periodRange(period, zone));
  const earlier = await earlierPublished(tx, period.weekStart, zone, 12);
  const figures = publishFigures(counts, earlier, (await digestRules(tx, deps.config)).counts);
  const digestId = randomUUID();
  await tx.digest.create({
    data: {
      id: digestId,
      weekStart: weekStartDate(period.weekStart),
      period: period.kind,
      status: 'draft',
      figures: figures as never,
      draftedAt: now,
    },
  });

  // An earlier draft nobody published is superseded: its open items come into this one for review.
  const stale = await tx.digest.findMany({
    where: { status: 'draft', weekStart: { lt: weekStartDate(period.weekStart) } },
  });
  for (const old of stale) {
    await tx.contribution.updateMany({
      where: { digestId: old.id, status: { in: ['in_draft', 'approved'] } },
      data: { digestId: null, status: 'submitted', decidedById: null, decidedAt: null },
    });
    await tx.contribution.updateMany({ where: { digestId: old.id }, data: { digestId: null } });
    await tx.digest.update({ where: { id: old.id }, data: { status: 'superseded' } });
    await recordEvent(tx, {
      subjectKind: 'digest',
      subjectId: old.id,
      kind: 'digest.superseded',
      at: now,
      data: { by: digestId },
    });
    for (const c of await coordinators(tx)) {
      await deps.outbox.enqueue(tx, {
        to: 'update',
        key: summaryKey(old.id, c.id),
        message: {
          title: `Digest draft ${periodOfRow(old).label}: not published`,
          text: `Its open items moved into the draft for ${period.label}.`,
        },
      });
    }
  }

  const denyList = await denyListFor(tx, deps);
  const waiting = await tx.contribution.findMany({
    where: { status: 'submitted', digestId: null, createdAt: { lte: now } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const replies: OwedReply[] = [];
  for (const row of waiting) {
    // Redacted again with today's deny-list: members and case codes added since it was offered count too.
    const text = redact(await openText(tx, deps, row.redactedEnc, 'redactedEnc', row.id), { denyList }).text;
    const finalEnc = await deps.vault.seal(tx, text, sealed('finalEnc', row.id), { kind: 'member', id: row.authorId });
    await tx.contribution.update({ where: { id: row.id }, data: { status: 'in_draft', digestId, finalEnc } });
    replies.push({
      to: 'member',
      memberId: row.authorId,
      key: `digest.item:${row.id}`,
      message: contributorItemMessage({ ...row, text, status: 'in_draft' }, period.label),
      subjects: authorOf(row),
    });
  }
  const review = await reviewMessages(ctx, digestId);
  const rows = await digestItems(tx, digestId);
  for (const c of await coordinators(tx)) {
    replies.push({ to: 'member', memberId: c.id, key: summaryKey(digestId, c.id), message: review[0]! });
    rows.forEach((row, i) =>
      replies.push({
        to: 'member',
        memberId: c.id,
        key: reviewKey(row.id, c.id),
        message: review[i + 1]!,
        subjects: authorOf(row),
      }),
    );
  }
  for (const reply of replies) await deps.outbox.enqueue(tx, reply);
  await recordEvent(tx, {
    subjectKind: 'digest',
    subjectId: digestId,
    kind: 'digest.drafted',
    at: now,
    data: { period: period.label, contributionIds: rows.map((r) => r.id) },
  });
  return { digestId, created: true };
}
