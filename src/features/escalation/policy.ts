// Pure escalation rules: categories and the tier each suggests, acknowledgement deadlines, and the
// re-notification chain frozen into each escalation when it is raised (DOMAIN.md tiers).
import { DateTime } from 'luxon';
import { localToInstant } from '../../core/local-time.js';

export const tiers = ['P1', 'P2', 'P3'] as const;
export type Tier = (typeof tiers)[number];

export const categories = [
  { value: 'risk_to_life_others', label: 'Risk to life of others', tier: 'P1' },
  { value: 'suicide_self_harm', label: 'Risk of suicide or self-harm', tier: 'P1' },
  { value: 'risk_to_mentor', label: 'Risk to the mentor', tier: 'P2' },
  { value: 'safeguarding', label: 'Safeguarding: child, partner or family', tier: 'P2' },
  { value: 'planned_crime', label: 'Planned crime, attack or terrorism info', tier: 'P2' },
  { value: 'mentor_overdue', label: 'Mentor overdue after a session', tier: 'P1' },
  { value: 'other', label: 'Other concern', tier: 'P3' },
] as const;
export type Category = (typeof categories)[number]['value'];

export const suggestedTier = (category: Category): Tier => categories.find((c) => c.value === category)!.tier;

export interface DeadlineRules {
  p1Minutes: number;
  p2Minutes: number;
  /** P3: acknowledged by this local time on a working day... */
  p3DueBy: string;
  /** ...unless raised after this local time or outside working hours: then the next working day's. */
  p3CutOff: string;
  workingHours: { start: string; end: string };
  /** ISO weekdays, 1 = Monday. */
  workingDays: number[];
  zone: string;
}

export const defaultDeadlineRules = (zone: string, workingHours = { start: '09:00', end: '17:00' }): DeadlineRules => ({
  p1Minutes: 5,
  p2Minutes: 60,
  p3DueBy: '17:00',
  p3CutOff: '15:00',
  workingHours,
  workingDays: [1, 2, 3, 4, 5],
  zone,
});

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return { hour: h, minute: m };
};

/**
 * When an escalation must be acknowledged. P3 rule: by p3DueBy today when raised on a working day
 * between the start of working hours and the cut-off; otherwise by p3DueBy on the next working day
 * whose working hours have not yet begun (raised at 07:00 on a Monday: Monday; at 16:00 on a
 * Friday, or on a Saturday: the following Monday).
 */
export function acknowledgementDeadline(tier: Tier, raisedAt: Date, rules: DeadlineRules): Date {
  if (tier === 'P1') return new Date(raisedAt.getTime() + rules.p1Minutes * 60_000);
  if (tier === 'P2') return new Date(raisedAt.getTime() + rules.p2Minutes * 60_000);
  const local = DateTime.fromJSDate(raisedAt, { zone: rules.zone });
  const at = (day: DateTime, hhmm: string) => localToInstant(day.toFormat('yyyy-MM-dd'), minutesOf(hhmm), rules.zone);
  const isWorkingDay = (day: DateTime) => rules.workingDays.includes(day.weekday);
  if (isWorkingDay(local) && raisedAt >= at(local, rules.workingHours.start) && raisedAt <= at(local, rules.p3CutOff)) {
    return at(local, rules.p3DueBy);
  }
  let day = raisedAt < at(local, rules.workingHours.start) ? local : local.plus({ days: 1 });
  while (!isWorkingDay(day)) day = day.plus({ days: 1 });
  return at(day, rules.p3DueBy);
}

/** Inside the network's working hours: a working day (Monday to Friday), between start and end, in its zone. */
export function insideWorkingHours(
  at: Date,
  rules: Pick<DeadlineRules, 'workingHours' | 'workingDays' | 'zone'>,
): boolean {
  const local = DateTime.fromJSDate(at, { zone: rules.zone });
  if (!rules.workingDays.includes(local.weekday)) return false;
  const day = local.toFormat('yyyy-MM-dd');
  return (
    at >= localToInstant(day, minutesOf(rules.workingHours.start), rules.zone) &&
    at < localToInstant(day, minutesOf(rules.workingHours.end), rules.zone)
  );
}

/** Whether a step at `at` pages out of chat too (e-mail, SMS): every P1 step; a P2 step outside working hours; never a P3. */
export const pagesOutOfChat = (
  tier: Tier,
  at: Date,
  rules: Pick<DeadlineRules, 'workingHours' | 'workingDays' | 'zone'>,
): boolean => tier === 'P1' || (tier === 'P2' && !insideWorkingHours(at, rules));

/** Who a step tells; `unanswered` is the last word: the coordinators' channel and every admin. */
export const audiences = ['primary', 'backup', 'all', 'unanswered'] as const;
export type Audience = (typeof audiences)[number];

export interface Step {
  /** 0 is the notification at raise. */
  n: number;
  at: string;
  to: Audience[];
  /** On a repeat of the last level: which one (1 to the tier's number of loops). */
  loop?: number;
}

/** After its last level the chain repeats (PagerDuty's num_loops): P1 every 5 minutes 12 times, P2 every 30 minutes 8 times. */
export const repeats: Record<Tier, { everyMinutes: number; times: number } | undefined> = {
  P1: { everyMinutes: 5, times: 12 },
  P2: { everyMinutes: 30, times: 8 },
  P3: undefined,
};

export interface FrozenPolicy {
  tier: Tier;
  deadlineAt: string;
  steps: Step[];
  /** Acknowledged but no update for this long: the acknowledger is reminded. */
  staleAfterMinutes: number;
}

/**
 * The chain while nobody acknowledges: the primary at raise and again at 1× the deadline, the
 * backup at 2×, every coordinator at 3×. With nobody on duty, the backup and every coordinator
 * are told at once. Then a P1 or P2 repeats its last level (`repeats`) and, if still nobody has
 * answered, tells the coordinators' channel and every admin that it is unanswered.
 */
export function freezePolicy(
  tier: Tier,
  raisedAt: Date,
  deadline: Date,
  hasPrimary: boolean,
  staleAfterMinutes: number,
): FrozenPolicy {
  const span = deadline.getTime() - raisedAt.getTime();
  const at = (k: number) => new Date(raisedAt.getTime() + k * span).toISOString();
  const steps: Step[] = hasPrimary
    ? [
        { n: 0, at: at(0), to: ['primary'] },
        { n: 1, at: at(1), to: ['primary'] },
        { n: 2, at: at(2), to: ['backup'] },
        { n: 3, at: at(3), to: ['all'] },
      ]
    : [{ n: 0, at: at(0), to: ['backup', 'all'] }];
  const repeat = repeats[tier];
  if (repeat) {
    const last = steps.at(-1)!;
    const every = repeat.everyMinutes * 60_000;
    for (let loop = 1; loop <= repeat.times; loop++) {
      steps.push({
        n: last.n + loop,
        at: new Date(Date.parse(last.at) + loop * every).toISOString(),
        to: last.to,
        loop,
      });
    }
    steps.push({
      n: last.n + repeat.times + 1,
      at: new Date(Date.parse(last.at) + (repeat.times + 1) * every).toISOString(),
      to: ['unanswered'],
    });
  }
  return { tier, deadlineAt: deadline.toISOString(), steps, staleAfterMinutes };
}

/** Nearest-rank percentile (p from 0 to 100) of a list of numbers; undefined when empty. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** Ack codes: eight characters with no look-alikes, shown as XXXX-XXXX; entered in any case, with or without the dash. */
export const ACK_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const normaliseAckCode = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, '');
export const isAckCodeShape = (text: string) => new RegExp(`^[${ACK_CODE_ALPHABET}]{8}$`).test(normaliseAckCode(text));

/** "3 min", "1 h 05 min", "2 d 3 h". */
export function durationText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
