// A member's own profile: what it shows, editing it, their chosen supporter, and being away.
import { DateTime } from 'luxon';
import type { FormRequest } from '../../core/form.js';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext } from '../../core/router.js';
import type { Tx } from '../../db/client.js';
import { auditMember } from './audit.js';
import { profileForm, type ProfileValues, type ProfileView } from './forms.js';
import { findMember, typedDisplayName } from './roster.js';

export async function profileView(tx: Tx, memberId: string): Promise<ProfileView> {
  const member = await tx.member.findUniqueOrThrow({
    where: { id: memberId },
    include: { identities: { select: { platform: true } } },
  });
  const supporter = member.supporterId
    ? await tx.member.findUnique({ where: { id: member.supporterId }, select: { displayName: true } })
    : null;
  return { ...member, supporter: supporter?.displayName ?? null, platforms: member.identities.map((i) => i.platform) };
}

/** The profile form, filled in with what the member's profile says now. */
export async function profileFormFor(ctx: Pick<ActorContext, 'tx' | 'actor'>): Promise<FormRequest> {
  const p = await profileView(ctx.tx, ctx.actor.memberId);
  return {
    form: profileForm,
    initial: {
      displayName: p.displayName,
      timeZone: p.timeZone,
      specialisms: p.specialisms.join(','),
      region: p.region ?? '',
      languages: p.languages.join(', '),
    },
  };
}

export async function updateProfile(ctx: ActorContext, values: ProfileValues): Promise<void> {
  const languages = (values.languages ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const displayName = await typedDisplayName(ctx, values.displayName, ctx.actor.memberId);
  await ctx.tx.member.update({
    where: { id: ctx.actor.memberId },
    data: {
      displayName,
      timeZone: values.timeZone,
      specialisms: values.specialisms,
      region: values.region ?? null,
      languages,
    },
  });
  await auditMember(ctx, ctx.actor.memberId, 'member.profile_updated', {
    fields: ['displayName', 'timeZone', 'specialisms', 'region', 'languages'],
  });
}

/** Chooses (or, with "none", clears) the actor's supporter; returns the supporter's name. */
export async function chooseSupporter(ctx: ActorContext, ref: string): Promise<string | null> {
  if (ref.trim().toLowerCase() === 'none') {
    await ctx.tx.member.update({ where: { id: ctx.actor.memberId }, data: { supporterId: null } });
    await auditMember(ctx, ctx.actor.memberId, 'member.supporter_changed', { supporterId: null });
    return null;
  }
  const supporter = await findMember(ctx, ref);
  if (supporter.id === ctx.actor.memberId)
    throw new Refusal('Your supporter needs to be someone else: a peer you trust to reach out.');
  await ctx.tx.member.update({ where: { id: ctx.actor.memberId }, data: { supporterId: supporter.id } });
  await auditMember(ctx, ctx.actor.memberId, 'member.supporter_changed', { supporterId: supporter.id });
  return supporter.displayName;
}

/** The last day away as typed (YYYY-MM-DD in the member's zone), as the instant they are back; "back" is null. */
function backAt(ctx: ActorContext, text: string): Date | null {
  if (text.trim().toLowerCase() === 'back') return null;
  const day = DateTime.fromFormat(text.trim(), 'yyyy-MM-dd', { zone: ctx.actor.timeZone });
  if (!day.isValid)
    throw new Refusal('Please give the last day you are away as YYYY-MM-DD, or "back" when you have returned.');
  const back = day.plus({ days: 1 }).startOf('day');
  if (back.toJSDate() <= ctx.now) throw new Refusal('That date has passed. Give your last day away, or "back".');
  if (back.diff(DateTime.fromJSDate(ctx.now), 'days').days > 366)
    throw new Refusal('Away periods can be up to a year; a coordinator can help with longer breaks.');
  return back.toJSDate();
}

/** Away until the day after the last day typed, or back now; returns when they are back (null: now). */
export async function setAway(ctx: ActorContext, typed: string): Promise<Date | null> {
  const until = backAt(ctx, typed);
  await ctx.tx.member.update({
    where: { id: ctx.actor.memberId },
    data: until ? { status: 'away', awayUntil: until } : { status: 'active', awayUntil: null },
  });
  await auditMember(ctx, ctx.actor.memberId, until ? 'member.away' : 'member.back', {
    until: until?.toISOString() ?? null,
  });
  return until;
}
