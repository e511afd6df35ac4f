// A mentor offers a practice insight (from /share, or from a debrief of theirs): it is redacted at
// once and kept sealed, waiting for the next draft; the original is never shown to anyone.
import { randomUUID } from 'node:crypto';
import type { FormValues } from '../../core/form.js';
import type { ActorContext } from '../../core/router.js';
import { Refusal } from '../../core/refusal.js';
import { isUuid } from '../../core/values.js';
import { wroteDebrief } from '../debrief/api.js';
import { recordBy } from './audit.js';
import { composeItem, type shareForm } from './forms.js';
import { sealed } from './items.js';
import { denyListFor, splitList } from './known-names.js';
import { redact } from './redact.js';
import { ensureDigestSeries } from './series.js';

/** The debrief the insight was offered from, if it is the actor's own; refused otherwise. */
async function sourceDebrief(ctx: ActorContext, debriefId: string | undefined): Promise<string | undefined> {
  if (!debriefId) return undefined;
  const own = isUuid(debriefId) && (await wroteDebrief(ctx.tx, { debriefId, memberId: ctx.actor.memberId }));
  if (!own)
    throw new Refusal(
      'That debrief is not one of yours, so its learning cannot be offered from here. You can still use /share.',
      'not_owner',
    );
  return debriefId;
}

export async function submitContribution(
  ctx: ActorContext,
  values: FormValues<typeof shareForm>,
  context: Record<string, string>,
): Promise<{ id: string; redacted: string; tags: string[] }> {
  const { tx, deps, now } = ctx;
  const authorId = ctx.actor.memberId;
  const sourceDebriefId = await sourceDebrief(ctx, context.sourceDebriefId);
  const id = randomUUID();
  const denyList = await denyListFor(tx, deps);
  const original = composeItem(values);
  const redacted = redact(original, { denyList }).text;
  const tags = [...new Set(splitList(values.tags ?? '').map((t) => redact(t, { denyList }).text.slice(0, 30)))].slice(
    0,
    5,
  );
  const subject = { kind: 'member' as const, id: authorId };
  await tx.contribution.create({
    data: {
      id,
      authorId,
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
  await recordBy(ctx, { kind: 'contribution', id }, 'contribution.submitted', {
    themes: values.themes,
    ...(sourceDebriefId && { sourceDebriefId }),
  });
  await ensureDigestSeries(tx, deps, now);
  return { id, redacted, tags };
}
