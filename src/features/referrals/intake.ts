// Referral intake and the funnel: record, decide, list those waiting, and tie every case to one.
import { randomUUID } from 'node:crypto';
import { recordEvent } from '../../core/events.js';
import type { FormRequest } from '../../core/form.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { isUuid } from '../../core/values.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { caseOpenForm } from '../cases/api.js';
import { byActor } from '../members/api.js';
import type { ReferralValues } from './forms.js';
import type { PendingReferral } from './messages.js';
import { ageInDays, DIRECT_SOURCE, localDay, typedDay, type Decision } from './policy.js';

const dateOnly = (day: string) => new Date(`${day}T00:00:00Z`);

async function checkedDay(ctx: ActorContext, text: string): Promise<Date> {
  const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps);
  const typed = typedDay(text, ctx.now, networkTimeZone);
  if ('problem' in typed) throw new Refusal(`First contact: ${typed.problem} Nothing was saved.`);
  return dateOnly(typed.day);
}

const audit = (ctx: ActorContext, referralId: string, kind: string, data: Record<string, string | number | null>) =>
  recordEvent(ctx.tx, { subjectKind: 'referral', subjectId: referralId, kind, data, ...byActor(ctx) });

/** A new referral, recorded by the actor now, and its audit entry. */
async function createReferral(
  ctx: ActorContext,
  fields: Omit<Prisma.ReferralUncheckedCreateInput, 'id' | 'recordedById' | 'createdAt'>,
) {
  const id = randomUUID();
  const row = await ctx.tx.referral.create({
    data: { id, ...fields, recordedById: ctx.actor.memberId, createdAt: ctx.now },
  });
  await audit(ctx, id, 'referral.recorded', { number: row.number, source: row.source, decision: row.decision });
  return row;
}

type ReferralRow = {
  id: string;
  number: number;
  programme: string | null;
  language: string | null;
  area: string | null;
};

/** The case-open form, prefilled from the referral (language and area when the form has them). */
export function caseFormFor(referral: ReferralRow): FormRequest {
  const initial: Record<string, string> = {};
  if (referral.programme) initial.programme = referral.programme;
  const fields: Record<string, unknown> = caseOpenForm.fields;
  if ('language' in fields && referral.language) initial.language = referral.language;
  if ('area' in fields && referral.area) initial.area = referral.area;
  return { form: caseOpenForm, initial, context: { referralId: referral.id } };
}

export async function recordReferral(ctx: ActorContext, values: ReferralValues) {
  if (values.decision === 'declined' && !values.declineReason)
    throw new Refusal('A declined referral needs a reason from the list; nothing was saved.');
  if (values.decision !== 'declined' && values.declineReason)
    throw new Refusal('A reason for declining goes only with the decision "Declined"; nothing was saved.');
  if (values.firstContactOn && values.firstContactOn < values.receivedOn)
    throw new Refusal('First contact cannot be before the referral was received; nothing was saved.');
  return createReferral(ctx, {
    source: values.source,
    receivedOn: dateOnly(values.receivedOn),
    programme: values.programme,
    language: values.language ?? null,
    area: values.area ?? null,
    decision: values.decision,
    declineReason: values.declineReason ?? null,
    decidedAt: values.decision === 'awaiting' ? null : ctx.now,
    decidedById: values.decision === 'awaiting' ? null : ctx.actor.memberId,
    firstContactOn: values.firstContactOn ? dateOnly(values.firstContactOn) : null,
  });
}

async function referralByNumber(ctx: ActorContext, number: number) {
  const row = await ctx.tx.referral.findUnique({ where: { number } });
  if (!row)
    throw new Refusal(`There is no referral #${number}. /referral list shows those awaiting a decision.`, 'not_found');
  return row;
}

export interface DecideInput {
  number: number;
  decision: Exclude<Decision, 'awaiting'>;
  reason?: string;
  firstContactOn?: string;
}

/** A decision on a waiting referral; accepting again when its case was never opened reopens the form. */
export async function decideReferral(ctx: ActorContext, input: DecideInput) {
  const row = await referralByNumber(ctx, input.number);
  if (row.caseId) throw new Refusal(`Referral #${row.number} already has its case; the decision stands.`, 'closed');
  if (row.decision !== 'awaiting' && !(row.decision === 'accepted' && input.decision === 'accepted')) {
    throw new Refusal(`Referral #${row.number} was already ${row.decision}.`, 'closed');
  }
  if (input.decision === 'declined' && !input.reason)
    throw new Refusal('A declined referral needs a reason: add reason:<one of the list>.');
  if (input.decision !== 'declined' && input.reason) throw new Refusal('A reason goes only with decision:declined.');
  const contact = input.firstContactOn ? await checkedDay(ctx, input.firstContactOn) : row.firstContactOn;
  if (contact && contact < row.receivedOn)
    throw new Refusal('First contact cannot be before the referral was received.');
  const updated = await ctx.tx.referral.update({
    where: { id: row.id },
    data: {
      decision: input.decision,
      declineReason: input.reason ?? null,
      decidedAt: ctx.now,
      decidedById: ctx.actor.memberId,
      firstContactOn: contact,
    },
  });
  await audit(ctx, row.id, 'referral.decided', {
    number: row.number,
    decision: input.decision,
    reason: input.reason ?? null,
  });
  return updated;
}

/** Records the first contact with the client, typed in by a coordinator. */
export async function recordFirstContact(ctx: ActorContext, number: number, text: string) {
  const row = await referralByNumber(ctx, number);
  const day = await checkedDay(ctx, text);
  if (day < row.receivedOn) throw new Refusal('First contact cannot be before the referral was received.');
  await ctx.tx.referral.update({ where: { id: row.id }, data: { firstContactOn: day } });
  const on = day.toISOString().slice(0, 10);
  await audit(ctx, row.id, 'referral.first_contact', { number: row.number, on });
  return { number: row.number, on };
}

/** Waiting for a decision, or accepted with no case yet: oldest first. */
export async function pendingReferrals(ctx: ActorContext): Promise<PendingReferral[]> {
  const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps);
  const rows = await ctx.tx.referral.findMany({
    where: { OR: [{ decision: 'awaiting' }, { decision: 'accepted', caseId: null }] },
    orderBy: [{ receivedOn: 'asc' }, { number: 'asc' }],
    take: 100,
  });
  return rows.map((r) => ({ ...r, ageDays: ageInDays(r.receivedOn, ctx.now, networkTimeZone) }));
}

/**
 * Called when a case opens (same transaction): the accepted referral it came from gets the case;
 * a case opened directly records a "direct" referral, so every case has one.
 */
export async function referralForOpenedCase(
  ctx: ActorContext,
  caseId: string,
  programme: string,
  referralId: string | undefined,
) {
  if (referralId !== undefined && referralId !== '') {
    const row = isUuid(referralId) ? await ctx.tx.referral.findUnique({ where: { id: referralId } }) : null;
    if (row?.decision !== 'accepted')
      throw new Refusal(
        'That referral can no longer open a case; /referral list shows those waiting. Nothing was saved.',
        'not_found',
      );
    if (row.caseId)
      throw new Refusal(`Referral #${row.number} already opened a case; nothing more was saved.`, 'closed');
    await ctx.tx.referral.update({ where: { id: row.id }, data: { caseId } });
    await audit(ctx, row.id, 'referral.case_opened', { number: row.number, caseId });
    return row.number;
  }
  const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps);
  const row = await createReferral(ctx, {
    source: DIRECT_SOURCE,
    receivedOn: dateOnly(localDay(ctx.now, networkTimeZone)),
    programme,
    decision: 'accepted',
    decidedAt: ctx.now,
    decidedById: ctx.actor.memberId,
    caseId,
  });
  return row.number;
}
