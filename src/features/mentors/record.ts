// The mentor record: specialisms, languages and area (on the profile), capacity, coach, TRiM
// training and declared conflicts. Coordinators read and change it; a mentor sees their own.
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { isUuid } from '../../core/values.js';
import { caseCodeRegex } from '../../core/wording.js';
import type { Tx } from '../../db/client.js';
import { openCaseCounts } from '../cases/api.js';
import { auditMember, findMember } from '../members/api.js';
import type { MentorEditValues } from './forms.js';
import { asDbDate, blockers, commaList, dayIn, isoDate } from './policy.js';

export const DEFAULT_CAPACITY = 3;

/** How every check and training row ends: its expiry (if any), who recorded it and when. */
export const expiryAndRecorder = (ctx: ActorContext, expiresOn: string | undefined) => ({
  expiresOn: expiresOn ? asDbDate(expiresOn) : null,
  recordedById: ctx.actor.memberId,
  createdAt: ctx.now,
});

/** An active member with the mentor role, by name or @mention; anyone else is a kind refusal. */
export async function findMentor(ctx: ActorContext, ref: string) {
  const member = await findMember(ctx, ref);
  if (!member.roles.includes('mentor'))
    throw new Refusal(
      `${member.displayName} is not a mentor, so has no mentor record. A coordinator can grant the role with /network role.`,
    );
  return member;
}

/** The mentor a command names (the actor when none); a mentor without coordinator rights may name only themselves. */
export async function namedMentor(ctx: ActorContext, ref: unknown) {
  const member = await findMentor(ctx, ref ? String(ref) : ctx.actor.displayName);
  if (member.id !== ctx.actor.memberId && !ctx.actor.roles.includes('coordinator'))
    throw new Refusal('You can see only your own mentor record and hours.', 'not_owner');
  return member;
}

/** The mentor a form was opened for, from its context. */
export function mentorIdOf(context: Record<string, string>): string {
  if (!isUuid(context.memberId))
    throw new Refusal('That form is no longer valid; please start again with the command.', 'bad_button');
  return context.memberId;
}

export async function mentorById(ctx: Pick<UseCaseContext, 'tx'>, memberId: string) {
  const member = await ctx.tx.member.findUnique({ where: { id: memberId } });
  if (!member || member.status === 'left' || !member.roles.includes('mentor'))
    throw new Refusal('That member is no longer an active mentor; nothing was saved.', 'not_found');
  return member;
}

export async function recordOf(tx: Tx, memberId: string) {
  const row = await tx.mentorRecord.findUnique({ where: { memberId } });
  return (
    row ?? { memberId, capacity: DEFAULT_CAPACITY, coachId: null, trimPractitioner: false, conflicts: [] as string[] }
  );
}

/** What stops this mentor taking a case today (network zone), in a coordinator's words. */
export async function blockersOf(ctx: UseCaseContext, memberId: string): Promise<string[]> {
  const settings = await readSettings(ctx.tx, ctx.deps);
  const checks = await ctx.tx.mentorCheck.findMany({ where: { memberId } });
  const training = await ctx.tx.mentorTraining.findMany({ where: { memberId } });
  return blockers({
    checks: checks.map((c) => ({
      kind: c.kind,
      issuedOn: isoDate(c.issuedOn),
      expiresOn: c.expiresOn ? isoDate(c.expiresOn) : null,
    })),
    training: training.map((t) => ({ module: t.module, expiresOn: t.expiresOn ? isoDate(t.expiresOn) : null })),
    modules: settings.mentorCare.trainingModules,
    today: dayIn(ctx.now, settings.networkTimeZone),
  });
}

export async function editRecord(ctx: ActorContext, memberId: string, values: MentorEditValues) {
  const member = await mentorById(ctx, memberId);
  let coachId: string | null = null;
  if (values.coach) {
    const coach = await findMember(ctx, values.coach);
    if (coach.id === member.id) throw new Refusal('Coach: a mentor cannot be their own coach. Nothing was saved.');
    coachId = coach.id;
  }
  const conflicts = commaList(values.conflicts).map((c) => (caseCodeRegex.test(c) ? c.toUpperCase() : c));
  await ctx.tx.member.update({
    where: { id: member.id },
    data: { specialisms: values.specialisms, languages: commaList(values.languages), region: values.area ?? null },
  });
  const data = {
    capacity: values.capacity,
    coachId,
    trimPractitioner: values.trimPractitioner,
    conflicts,
    updatedAt: ctx.now,
  };
  await ctx.tx.mentorRecord.upsert({
    where: { memberId: member.id },
    create: { memberId: member.id, createdAt: ctx.now, ...data },
    update: data,
  });
  await auditMember(ctx, member.id, 'mentor.record_updated', {
    capacity: values.capacity,
    coachId,
    trimPractitioner: values.trimPractitioner,
    conflicts: conflicts.length,
  });
  return { name: member.displayName };
}

/** The mentor, their record, and their coach's name (null for none). */
async function withCoach(ctx: Pick<UseCaseContext, 'tx'>, memberId: string) {
  const member = await mentorById(ctx, memberId);
  const record = await recordOf(ctx.tx, memberId);
  const coach = record.coachId
    ? await ctx.tx.member.findUnique({ where: { id: record.coachId }, select: { displayName: true } })
    : null;
  return { member, record, coach: coach?.displayName ?? null };
}

export async function editInitial(ctx: ActorContext, memberId: string): Promise<Record<string, string>> {
  const { member, record, coach } = await withCoach(ctx, memberId);
  return {
    specialisms: member.specialisms.join(','),
    languages: member.languages.join(', '),
    area: member.region ?? '',
    capacity: String(record.capacity),
    coach: coach ?? '',
    trimPractitioner: record.trimPractitioner ? 'yes' : 'no',
    conflicts: record.conflicts.join(', '),
  };
}

export interface MentorView {
  name: string;
  specialisms: string[];
  languages: string[];
  area: string | null;
  capacity: number;
  openCases: number;
  coach: string | null;
  trimPractitioner: boolean;
  conflicts: string[];
  checks: { kind: string; level: string | null; issuedOn: string; expiresOn: string | null }[];
  training: { module: string; completedOn: string; expiresOn: string | null }[];
  blockers: string[];
  supportHappened: number;
}

export async function mentorView(ctx: ActorContext, memberId: string): Promise<MentorView> {
  const { member, record, coach } = await withCoach(ctx, memberId);
  const checks = await ctx.tx.mentorCheck.findMany({ where: { memberId }, orderBy: { issuedOn: 'desc' } });
  const training = await ctx.tx.mentorTraining.findMany({ where: { memberId }, orderBy: { completedOn: 'desc' } });
  const supports = await ctx.tx.trimSupport.findMany({ where: { memberId }, select: { id: true } });
  return {
    name: member.displayName,
    specialisms: member.specialisms,
    languages: member.languages,
    area: member.region,
    capacity: record.capacity,
    openCases: (await openCaseCounts(ctx.tx, [memberId])).get(memberId) ?? 0,
    coach,
    trimPractitioner: record.trimPractitioner,
    conflicts: record.conflicts,
    checks: checks.map((c) => ({
      kind: c.kind,
      level: c.level,
      issuedOn: isoDate(c.issuedOn),
      expiresOn: c.expiresOn ? isoDate(c.expiresOn) : null,
    })),
    training: training.map((t) => ({
      module: t.module,
      completedOn: isoDate(t.completedOn),
      expiresOn: t.expiresOn ? isoDate(t.expiresOn) : null,
    })),
    blockers: await blockersOf(ctx, memberId),
    supportHappened: await ctx.tx.trimFollowUp.count({ where: { supportId: { in: supports.map((s) => s.id) } } }),
  };
}
