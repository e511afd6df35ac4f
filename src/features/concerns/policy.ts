// Pure concern rules: the categories, urgencies, onward agencies and outcomes; the escalation tier
// an urgent concern raises; and the working-time arithmetic of the untaken chain and reminders.
import { DateTime } from 'luxon';
import { localToInstant } from '../../core/local-time.js';
import type { EscalationCategory } from '../escalation/api.js';

export const concernCategories = [
  { value: 'risk_to_others', label: 'Risk to others' },
  { value: 'risk_to_client', label: 'Risk to the client (self-harm, suicide)' },
  { value: 'child_or_family', label: 'Risk to a child or family member' },
  { value: 'extremist_activity', label: 'Extremist activity or intent' },
  { value: 'domestic_abuse', label: 'Domestic abuse' },
  { value: 'threat_to_mentor', label: 'Threat to the mentor' },
  { value: 'other', label: 'Other' },
] as const;
export type ConcernCategory = (typeof concernCategories)[number]['value'];

export const urgencies = [
  { value: 'now', label: 'Now: someone may be at risk today' },
  { value: 'today', label: 'Today' },
  { value: 'routine', label: 'Routine' },
] as const;
export type Urgency = (typeof urgencies)[number]['value'];

/** Alerts about a concern go ahead of ordinary messages unless it is routine. */
export const alertIsUrgent = (urgency: string) => urgency !== 'routine';

export const agencies = [
  { value: 'police', label: 'Police' },
  { value: 'childrens_social_care', label: 'Children’s social care' },
  { value: 'adults_social_care', label: 'Adults’ social care' },
  { value: 'marac', label: 'MARAC' },
  { value: 'channel_prevent', label: 'Channel / Prevent' },
  { value: 'probation', label: 'Probation' },
  { value: 'health', label: 'Health' },
  { value: 'other', label: 'Other' },
] as const;

export const concernOutcomes = [
  { value: 'no_further_action', label: 'No further action' },
  { value: 'monitored', label: 'Monitored' },
  { value: 'referred_on', label: 'Referred on' },
  { value: 'escalated', label: 'Escalated' },
] as const;
export type ConcernOutcome = (typeof concernOutcomes)[number]['value'];

export type ConcernSource = 'debrief' | 'session' | 'supervision' | 'escalation' | 'direct';

/** An urgent concern raised directly is an escalation too: life at risk is P1, the rest P2. */
export function escalationFor(category: ConcernCategory): { tier: 'P1' | 'P2'; category: EscalationCategory } {
  switch (category) {
    case 'risk_to_others':
      return { tier: 'P1', category: 'risk_to_life_others' };
    case 'risk_to_client':
      return { tier: 'P1', category: 'suicide_self_harm' };
    case 'threat_to_mentor':
      return { tier: 'P2', category: 'risk_to_mentor' };
    case 'extremist_activity':
      return { tier: 'P2', category: 'planned_crime' };
    case 'child_or_family':
    case 'domestic_abuse':
      return { tier: 'P2', category: 'safeguarding' };
    default:
      return { tier: 'P2', category: 'other' };
  }
}

/** The escalation categories map back onto concern categories, so an escalation's concern is filed right. */
export function categoryOfEscalation(category: string): ConcernCategory {
  switch (category) {
    case 'risk_to_life_others':
      return 'risk_to_others';
    case 'suicide_self_harm':
      return 'risk_to_client';
    case 'risk_to_mentor':
    case 'mentor_overdue':
      return 'threat_to_mentor';
    case 'planned_crime':
      return 'extremist_activity';
    case 'safeguarding':
      return 'child_or_family';
    default:
      return 'other';
  }
}

export interface WorkingTime {
  zone: string;
  hours: { start: string; end: string };
  /** ISO weekdays, 1 = Monday. */
  days: number[];
}

const time = (hhmm: string) => {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return { hour, minute };
};
const at = (day: DateTime, hhmm: string) =>
  localToInstant(day.toFormat('yyyy-MM-dd'), time(hhmm), day.zoneName ?? 'UTC');
const dayOf = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone }).startOf('day');

/** The working window of a local day, or undefined on a day off. */
function windowOf(day: DateTime, w: WorkingTime): { start: Date; end: Date } | undefined {
  if (!w.days.includes(day.weekday)) return undefined;
  return { start: at(day, w.hours.start), end: at(day, w.hours.end) };
}

/** `hours` of working time after `from` (time outside working hours does not count). */
export function addWorkingHours(from: Date, hours: number, w: WorkingTime): Date {
  let left = hours * 3_600_000;
  let day = dayOf(from, w.zone);
  for (let guard = 0; guard < 3660; guard++, day = day.plus({ days: 1 })) {
    const window = windowOf(day, w);
    if (!window) continue;
    const start = Math.max(window.start.getTime(), from.getTime());
    const available = window.end.getTime() - start;
    if (available <= 0) continue;
    if (available >= left) return new Date(start + left);
    left -= available;
  }
  throw new Error('no working time in the next ten years: check the working days');
}

/** The close of the first working day after `from`'s local date. */
export function endOfNextWorkingDay(from: Date, w: WorkingTime): Date {
  let day = dayOf(from, w.zone).plus({ days: 1 });
  for (let guard = 0; guard < 3660; guard++, day = day.plus({ days: 1 })) {
    const window = windowOf(day, w);
    if (window) return window.end;
  }
  throw new Error('no working day in the next ten years: check the working days');
}

/** `days` working days after `from`, at the same local time kept inside working hours. */
export function addWorkingDays(from: Date, days: number, w: WorkingTime): Date {
  const local = DateTime.fromJSDate(from, { zone: w.zone });
  let day = local.startOf('day');
  for (let counted = 0, guard = 0; counted < days && guard < 3660; guard++) {
    day = day.plus({ days: 1 });
    if (w.days.includes(day.weekday)) counted++;
  }
  const window = windowOf(day, w)!;
  const wanted = at(day, local.toFormat('HH:mm'));
  return new Date(Math.min(Math.max(wanted.getTime(), window.start.getTime()), window.end.getTime()));
}

/** 09:00 network time on a date (YYYY-MM-DD): when a follow-up reminder comes. */
export const morningOf = (date: string, zone: string) => localToInstant(date, { hour: 9, minute: 0 }, zone);
