import type { Router, HandlerContext } from '../../core/router.js';
import { Refusal } from '../../core/router.js';
import { idValue } from '../../core/values.js';
import type { OptionValue } from '../../core/interaction.js';
import { localInstant } from '../../jobs/schedule.js';
import { findMember } from '../members/service.js';
import { CONFIRM_HANDOVER, rotaMessage, whoMessage } from './forms.js';
import { registerDutyJobs } from './jobs.js';
import { localText, minuteText, parseMinute, parseWeekday, weekdays, type Position } from './policy.js';
import { addPattern, addShift, confirmHandover, DAY_MS, loadRota, networkZone, removePattern, upcomingShifts, whoIsOnDuty } from './service.js';

const text = (v: OptionValue | undefined) => (v === undefined ? '' : String(v).trim());
const positionOf = (v: OptionValue | undefined): Position => (text(v) === 'backup' ? 'backup' : 'primary');

function minuteOption(v: OptionValue | undefined, name: string): number {
  const minute = parseMinute(text(v));
  if (minute === undefined) throw new Refusal(`Please give ${name} as a time like 09:00 or 18:30.`);
  return minute;
}

/** "2026-03-29 01:30" in the network zone; a time in the missing hour means the first valid minute. */
function localDateTime(v: OptionValue | undefined, name: string, zone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T]([01]?\d|2[0-3]):([0-5]\d)$/.exec(text(v));
  if (!match) throw new Refusal(`Please give ${name} as a date and time like 2026-12-24 18:00 (network time).`);
  const [, y, m, d, hh, mm] = match.map(Number) as number[];
  return localInstant({ year: y!, month: m!, day: d! }, minuteText(hh! * 60 + mm!), zone);
}

const ctxOf = (ctx: HandlerContext) => ({ tx: ctx.tx, deps: ctx.deps, now: ctx.now, actorId: ctx.actor.memberId, surface: ctx.surface });

export function registerDuty(router: Router): void {
  registerDutyJobs();

  router.command('duty.who', async (ctx) => {
    const duty = await whoIsOnDuty(ctx.tx, ctx.deps, ctx.now);
    const ids = [duty.primary?.coordinatorId, duty.backup?.coordinatorId].filter((x): x is string => Boolean(x));
    const names = new Map((await ctx.tx.member.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((m) => [m.id, m.displayName]));
    const holder = (s: typeof duty.primary) => (s ? { name: names.get(s.coordinatorId) ?? 'a coordinator', until: s.endsAt } : undefined);
    return { replies: [{ to: 'actor', message: whoMessage(holder(duty.primary), holder(duty.backup), await networkZone(ctx.tx, ctx.deps)) }] };
  });

  router.command('duty.rota', async (ctx, options) => {
    const zone = await networkZone(ctx.tx, ctx.deps);
    const change = text(options.change) || 'show';
    const position = positionOf(options.position);
    if (change === 'add' || change === 'remove') {
      const weekday = parseWeekday(text(options.day));
      if (!weekday) throw new Refusal('Please give day as a weekday: mon, tue, wed, thu, fri, sat or sun.');
      const startMinute = minuteOption(options.from, 'from');
      if (change === 'remove') {
        const removed = await removePattern(ctxOf(ctx), { weekday, startMinute, position });
        return { replies: [{ to: 'actor', message: { text: removed ? `Removed the ${position} shift on ${weekdays[weekday - 1]}s from ${minuteText(startMinute)}.` : `There is no ${position} shift on ${weekdays[weekday - 1]}s starting at ${minuteText(startMinute)}.` } }] };
      }
      const endMinute = minuteOption(options.to, 'to');
      if (!text(options.member)) throw new Refusal('Please say who: member:<name or @mention>.');
      const member = await findMember(ctx, text(options.member));
      await addPattern(ctxOf(ctx), { weekday, startMinute, endMinute: endMinute <= startMinute ? endMinute + 1440 : endMinute, position, coordinatorId: member.id, name: member.displayName });
      return { replies: [{ to: 'actor', message: { text: `${member.displayName} is ${position} on ${weekdays[weekday - 1]}s from ${minuteText(startMinute)} to ${minuteText(endMinute)}${endMinute <= startMinute ? ' the next day' : ''} (${zone}). On clock-change days, a time in the missing hour means the first minute after it, and a time in the repeated hour its first occurrence.`, tone: 'success' } }] };
    }
    if (change === 'shift') {
      const date = /^\d{4}-\d{2}-\d{2}$/.exec(text(options.day))?.[0];
      if (!date) throw new Refusal('For a one-off shift, give day as a date like 2026-12-24.');
      const startMinute = minuteOption(options.from, 'from');
      const endMinute = minuteOption(options.to, 'to');
      if (!text(options.member)) throw new Refusal('Please say who: member:<name or @mention>.');
      const member = await findMember(ctx, text(options.member));
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const startsAt = localInstant({ year: y, month: m, day: d }, minuteText(startMinute), zone);
      const endDay = new Date(Date.UTC(y, m - 1, d + (endMinute <= startMinute ? 1 : 0)));
      const endsAt = localInstant({ year: endDay.getUTCFullYear(), month: endDay.getUTCMonth() + 1, day: endDay.getUTCDate() }, minuteText(endMinute), zone);
      await addShift(ctxOf(ctx), { position, coordinatorId: member.id, startsAt, endsAt, reason: 'one-off', name: member.displayName });
      return { replies: [{ to: 'actor', message: { text: `${member.displayName} is ${position} from ${localText(startsAt, zone)} to ${localText(endsAt, zone)} (${zone}).`, tone: 'success' } }] };
    }
    const { pattern } = await loadRota(ctx.tx, ctx.now, ctx.now);
    const shifts = await upcomingShifts(ctx.tx, ctx.deps, ctx.now, new Date(ctx.now.getTime() + 7 * DAY_MS));
    const ids = [...new Set([...pattern.map((p) => p.coordinatorId), ...shifts.map((s) => s.coordinatorId)])];
    const names = new Map((await ctx.tx.member.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((m) => [m.id, m.displayName]));
    return { replies: [{ to: 'actor', message: rotaMessage(pattern, shifts, names, zone) }] };
  });

  router.command('duty.cover', async (ctx, options) => {
    const zone = await networkZone(ctx.tx, ctx.deps);
    const startsAt = localDateTime(options.from, 'from', zone);
    const endsAt = localDateTime(options.to, 'to', zone);
    if (endsAt <= ctx.now) throw new Refusal('That period is already over.');
    const member = await findMember(ctx, text(options.member));
    const position = positionOf(options.position);
    const reason = text(options.reason) === 'swap' ? 'swap' : 'cover';
    await addShift(ctxOf(ctx), { position, coordinatorId: member.id, startsAt, endsAt, reason, name: member.displayName });
    return { replies: [{ to: 'actor', message: { text: `${member.displayName} ${reason === 'swap' ? 'swaps in' : 'covers'} as ${position} from ${localText(startsAt, zone)} to ${localText(endsAt, zone)} (${zone}).`, tone: 'success' } }] };
  });

  router.action(CONFIRM_HANDOVER, 'coordinator', async (ctx, value) => {
    const result = await confirmHandover({ ...ctxOf(ctx), actorId: ctx.actor.memberId }, value);
    return { replies: [{ to: 'actor', message: { text: result === 'confirmed' ? 'Thank you: handover confirmed. You are the duty coordinator.' : 'Already confirmed, thank you.', tone: 'success' } }] };
  }, idValue);

  router.holding({
    name: 'on the duty rota',
    async list(tx, memberId) {
      const pattern = await tx.rotaPattern.findMany({ where: { coordinatorId: memberId }, orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }] });
      return pattern.map((p) => `${weekdays[p.weekday - 1]}s from ${minuteText(p.startMinute)} (${p.position})`);
    },
    async release(tx, memberId, at) {
      await tx.rotaPattern.deleteMany({ where: { coordinatorId: memberId } });
      await tx.dutyShift.deleteMany({ where: { coordinatorId: memberId, endsAt: { gt: at } } });
    },
  });
}
