// Welfare check-ins: the pure rules (schedules in local time, consent, follow-up, totals). No I/O.
//
// Clock changes (the one rule of src/jobs/schedule.ts): a check-in is due at the earliest instant
// the mentor's local clock shows the chosen time or later on that date. So a time inside the
// missing hour (spring forward) goes out at the first valid minute after it, and a time inside the
// repeated hour (fall back) goes out once, at its first occurrence.
import { DateTime } from 'luxon';
import type { Config } from '../../config.js';
import { localInstant, nextOccurrence, type Schedule } from '../../jobs/schedule.js';

export const ANSWERS = ['well', 'stretched', 'struggling'] as const;
export type Answer = (typeof ANSWERS)[number];

export const CONSENTS = ['private', 'supporter', 'totals'] as const;
export type Consent = (typeof CONSENTS)[number];

export const WANTS = ['peer_call', 'supervision', 'nothing'] as const;
export type Wants = (typeof WANTS)[number];

export const CHECKIN_REASONS = [
  'scheduled',
  'on_demand',
  'snooze',
  'debrief_followup',
  'trim_72h',
  'trim_28d',
  'workload',
] as const;
export type CheckinReason = (typeof CHECKIN_REASONS)[number];

/** A stored choice read back as one of its values; null when it is none of them. */
export const oneOf = <T extends string>(values: readonly T[], stored: string | null): T | null =>
  values.find((v) => v === stored) ?? null;

export const answerLabels: Record<Answer, string> = {
  well: 'Doing well',
  stretched: 'Managing but stretched',
  struggling: 'Struggling',
};

export const consentLabels: Record<Consent, string> = {
  private: 'Only me',
  supporter: 'Me and my supporter (or duty coordinator)',
  totals: 'Anonymous totals only',
};

export const wantsLabels: Record<Wants, string> = {
  peer_call: 'A call with a peer',
  supervision: 'Supervision',
  nothing: 'Nothing right now',
};

export const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** How long an answer can be changed (and the follow-up rules run again). */
export const CHANGE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** No answer this long after delivery: the check-in is missed. */
export const MISSED_AFTER_MS = 24 * 60 * 60 * 1000;
/** A scheduled check-in more than this late (the bot was down) is skipped, and never counted missed. */
export const LATE_SKIP_MS = 3 * 60 * 60 * 1000;
/** Missed in a row before the supporter (or duty coordinator) is asked to reach out, once per run. */
export const MISSED_NUDGE_AT = 3;
/** Stretched this many times in a row: an offer of supervision. */
export const STRETCHED_OFFER_AT = 2;
/** One-off check-ins (snooze, debrief, TRiM) are moved into this local window. */
export const SENSIBLE_HOURS = { from: 9, until: 20 } as const;
/** Counts under this are shown as "fewer than 10". */
export const SMALL_COUNT = 10;

export interface WelfareDefaults {
  weekdays: number[];
  minute: number;
  supportLines: string;
  professionalSupport: string;
}

export function welfareDefaults(config: Config): WelfareDefaults {
  return {
    weekdays: [WEEKDAY_NAMES.indexOf(config.WELFARE_DEFAULT_DAY) + 1],
    minute: toMinute(config.WELFARE_DEFAULT_TIME)!,
    supportLines: config.WELFARE_SUPPORT_LINES,
    professionalSupport: config.WELFARE_PROFESSIONAL_SUPPORT,
  };
}

/** "09:30" → 570; undefined when not a 24-hour time. */
export function toMinute(text: string): number | undefined {
  const m = /^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

export const toHhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export const dayName = (weekday: number) => {
  const name = WEEKDAY_NAMES[weekday - 1] ?? 'monday';
  return name[0]!.toUpperCase() + name.slice(1);
};

/** The weekly schedules (one per chosen day) the job runner repeats, in the mentor's zone. */
export function weeklySchedules(weekdays: number[], minute: number, zone: string): Schedule[] {
  return [...new Set(weekdays)]
    .sort()
    .map((weekday) => ({ every: 'week' as const, weekday, time: toHhmm(minute), zone }));
}

/** The first scheduled check-in strictly after `after`, over all chosen days. */
export function nextCheckinAt(weekdays: number[], minute: number, zone: string, after: Date): Date | undefined {
  const times = weeklySchedules(weekdays, minute, zone).map((s) => nextOccurrence(s, after).getTime());
  return times.length ? new Date(Math.min(...times)) : undefined;
}

/** Moves a one-off check-in into sensible local hours: before 09:00 → 09:00; from 20:00 → 09:00 next day. */
export function sensibleTime(at: Date, zone: string): Date {
  const local = DateTime.fromJSDate(at, { zone });
  const nine = (d: DateTime) =>
    localInstant(
      { year: d.year, month: d.month, day: d.day },
      `${String(SENSIBLE_HOURS.from).padStart(2, '0')}:00`,
      zone,
    );
  if (local.hour < SENSIBLE_HOURS.from) return nine(local);
  if (local.hour >= SENSIBLE_HOURS.until) return nine(local.plus({ days: 1 }));
  return at;
}

/** Away now: marked away, with no return date or one still ahead. */
export const isAway = (member: { status: string; awayUntil: Date | null }, now: Date) =>
  member.status === 'away' && (!member.awayUntil || member.awayUntil > now);

/** The default consent: "me and my supporter" when one is chosen, otherwise "only me". */
export const defaultConsent = (hasSupporter: boolean): Consent => (hasSupporter ? 'supporter' : 'private');

/** Who can see an answer, said plainly. */
export function whoCanSee(consent: Consent, supporterName: string | null): string {
  switch (consent) {
    case 'private':
      return 'Only you can see your answer. Nobody is told anything.';
    case 'supporter':
      return supporterName
        ? `You and ${supporterName} (your chosen supporter) can see your answer. What is weighing on you stays yours alone.`
        : 'You can see your answer; if you are struggling, the duty coordinator is asked to reach out, without your words.';
    case 'totals':
      return 'Only you can see your answer; it is counted, without your name, in the network totals.';
  }
}

export type FollowUpRule =
  | 'struggling'
  | 'call_requested'
  | 'stretched_twice'
  | 'missed_once'
  | 'missed_three'
  | 'trim_professional'
  | 'asked_for_call'
  | 'offered_directly';

export interface FollowUpDecision {
  /** Someone (the supporter, or the duty coordinator) is asked to reach out. */
  nudge?: 'struggling' | 'call_requested';
  /** The mentor is offered the options directly (nobody else is told). */
  offerDirectly: boolean;
  offerSupervision: boolean;
  pointToProfessional: boolean;
}

/**
 * The follow-up rules for one answer. `stretchedRun` counts this answer and the answered ones
 * before it that were "stretched" in a row.
 */
export function followUpFor(input: {
  answer: Answer;
  consent: Consent;
  wants: Wants | null;
  stretchedRun: number;
  reason: CheckinReason;
}): FollowUpDecision {
  const { answer, consent, wants } = input;
  const needsSomeone = answer === 'struggling' || wants === 'peer_call';
  const shared = consent === 'supporter';
  return {
    nudge: needsSomeone && shared ? (answer === 'struggling' ? 'struggling' : 'call_requested') : undefined,
    offerDirectly: needsSomeone && !shared,
    offerSupervision: (answer === 'stretched' && input.stretchedRun >= STRETCHED_OFFER_AT) || wants === 'supervision',
    pointToProfessional: input.reason === 'trim_28d' && answer === 'struggling',
  };
}

/** Missed check-ins in a row (newest first; an answer ends the run). Skipped ones are never in the list. */
export function missedRun(statuses: string[]): number {
  let run = 0;
  for (const status of statuses) {
    if (status !== 'missed') break;
    run++;
  }
  return run;
}

/** What one more miss brings: a soft reminder at the first, one nudge at exactly the third. */
export function missedAction(run: number): 'reminder' | 'nudge' | 'none' {
  if (run === 1) return 'reminder';
  if (run === MISSED_NUDGE_AT) return 'nudge';
  return 'none';
}

/** A count shown to coordinators: small counts are hidden. */
export const shownCount = (n: number) => (n === 0 ? 'none' : n < SMALL_COUNT ? 'fewer than 10' : String(n));

const TREND_MARK: Record<Answer, string> = { well: '●', stretched: '◐', struggling: '○' };

/** The mentor's own recent answers, oldest first, as a line of marks and words. */
export function trendLine(answers: (Answer | 'missed')[]): string {
  if (!answers.length) return 'No answers yet.';
  return answers.map((a) => (a === 'missed' ? '·' : TREND_MARK[a])).join(' ');
}

/** Parses "monday, thu" or "1,4" into ISO weekdays; undefined when any part is not a day. */
export function parseWeekdays(text: string): number[] | undefined {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (!parts.length) return undefined;
  const days: number[] = [];
  for (const part of parts) {
    const n = /^[1-7]$/.test(part)
      ? Number(part)
      : WEEKDAY_NAMES.findIndex((d) => part.length >= 2 && d.startsWith(part)) + 1;
    if (!n) return undefined;
    if (!days.includes(n)) days.push(n);
  }
  return days.sort();
}
