// Vetting checks (DBS basic, standard or enhanced, security clearance, other): recorded by a
// coordinator with their dates; the reference is sealed under the mentor's key.
import { randomUUID } from 'node:crypto';
import { Refusal } from '../../core/refusal.js';
import type { ActorContext, UseCaseContext } from '../../core/router.js';
import { readSettings } from '../../core/settings.js';
import { auditMember } from '../members/api.js';
import type { MentorCheckValues } from './forms.js';
import { expiryReminder } from './messages.js';
import { addDays, asDbDate, datesProblem, dayIn, isoDate, labelOfCheck, reminderDue } from './policy.js';
import { expiryAndRecorder, mentorById } from './record.js';

export const referenceBinding = (rowId: string) => ({ table: 'MentorCheck', column: 'referenceEnc', rowId });

export async function addCheck(ctx: ActorContext, memberId: string, values: MentorCheckValues) {
  const member = await mentorById(ctx, memberId);
  const problem = datesProblem(values.issuedOn, values.expiresOn, 'issue');
  if (problem) throw new Refusal(`${problem.message} Nothing was saved; please record the check again.`);
  const id = randomUUID();
  const referenceEnc = values.reference
    ? await ctx.deps.vault.seal(ctx.tx, values.reference, referenceBinding(id), { kind: 'member', id: member.id })
    : null;
  await ctx.tx.mentorCheck.create({
    data: {
      id,
      memberId: member.id,
      kind: values.kind,
      level: values.level ?? null,
      referenceEnc,
      issuedOn: asDbDate(values.issuedOn),
      ...expiryAndRecorder(ctx, values.expiresOn),
    },
  });
  await auditMember(ctx, member.id, 'mentor.check_recorded', {
    checkId: id,
    kind: values.kind,
    expiresOn: values.expiresOn ?? null,
  });
  const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps);
  const lapsed = !!values.expiresOn && values.expiresOn < dayIn(ctx.now, networkTimeZone);
  return { name: member.displayName, label: labelOfCheck(values.kind), lapsed };
}

/**
 * The coordinators' reminder for checks and training expiring in 30 days, in 7 days or today (the
 * network's calendar), about the latest record of each kind only (a renewal silences the old one).
 */
export async function remindExpiries(ctx: UseCaseContext, on: Date = ctx.now): Promise<number> {
  const { networkTimeZone } = await readSettings(ctx.tx, ctx.deps);
  const today = dayIn(on, networkTimeZone);
  const window = { gte: asDbDate(today), lte: asDbDate(addDays(today, 30)) };
  const checks = await ctx.tx.mentorCheck.findMany({ where: { expiresOn: window } });
  const training = await ctx.tx.mentorTraining.findMany({ where: { expiresOn: window } });
  const items: { memberId: string; what: string; expiresOn: string; daysLeft: number }[] = [];
  for (const c of checks) {
    const newer = await ctx.tx.mentorCheck.count({
      where: { memberId: c.memberId, kind: c.kind, issuedOn: { gt: c.issuedOn } },
    });
    const days = reminderDue(isoDate(c.expiresOn!), today);
    if (!newer && days !== undefined)
      items.push({
        memberId: c.memberId,
        what: labelOfCheck(c.kind),
        expiresOn: isoDate(c.expiresOn!),
        daysLeft: days,
      });
  }
  for (const t of training) {
    const newer = await ctx.tx.mentorTraining.count({
      where: { memberId: t.memberId, module: t.module, completedOn: { gt: t.completedOn } },
    });
    const days = reminderDue(isoDate(t.expiresOn!), today);
    if (!newer && days !== undefined)
      items.push({
        memberId: t.memberId,
        what: `Training "${t.module}"`,
        expiresOn: isoDate(t.expiresOn!),
        daysLeft: days,
      });
  }
  const members = await ctx.tx.member.findMany({
    where: { id: { in: items.map((i) => i.memberId) }, status: { not: 'left' } },
    select: { id: true, displayName: true },
  });
  const named = items.flatMap((i) => {
    const m = members.find((x) => x.id === i.memberId);
    return m ? [{ ...i, name: m.displayName }] : [];
  });
  if (named.length)
    await ctx.deps.outbox.enqueue(ctx.tx, { to: 'channel', channel: 'coordinators', message: expiryReminder(named) });
  return named.length;
}
