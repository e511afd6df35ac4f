// Pure referral and aftercare rules: the lists the forms offer, the report counts, and dates.
import { DateTime } from 'luxon';

/** Where a referral came from; `direct` is recorded for a case opened without one. */
export const referralSources = [
  { value: 'marac', label: 'MARAC' },
  { value: 'channel', label: 'Channel or Prevent panel' },
  { value: 'probation', label: 'Probation' },
  { value: 'prison', label: 'Prison' },
  { value: 'police', label: 'Police' },
  { value: 'childrens_services', label: 'Children’s services' },
  { value: 'adults_services', label: 'Adults’ services' },
  { value: 'self_family', label: 'Self or family' },
  { value: 'other', label: 'Other' },
] as const;
export const DIRECT_SOURCE = 'direct';
export const sourcesInReport = [
  ...referralSources,
  { value: DIRECT_SOURCE, label: 'Direct (case opened without a referral)' },
] as const;

export const decisions = [
  { value: 'awaiting', label: 'Awaiting a decision' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'declined', label: 'Declined' },
  { value: 'withdrawn', label: 'Withdrawn' },
] as const;
export type Decision = (typeof decisions)[number]['value'];

export const declineReasons = [
  { value: 'not_eligible', label: 'Not eligible for the scheme' },
  { value: 'risk_too_high', label: 'Risk too high for mentoring' },
  { value: 'no_capacity', label: 'No mentor available' },
  { value: 'better_elsewhere', label: 'Better met by another service' },
  { value: 'client_refused', label: 'Client did not consent' },
  { value: 'other', label: 'Other' },
] as const;

/** Why a case ended before its work was done. */
export const endingReasons = [
  { value: 'client_withdrew', label: 'Client withdrew' },
  { value: 'moved_away', label: 'Moved away' },
  { value: 'custody', label: 'Custody' },
  { value: 'risk_too_high', label: 'Risk too high' },
  { value: 'mentor_left', label: 'Mentor left' },
  { value: 'other', label: 'Other' },
] as const;

/** Follow-up after closure: is re-offending or re-involvement known, and from where. */
export const reinvolvementAnswers = [
  { value: 'yes', label: 'Yes, re-offending or re-involvement is known' },
  { value: 'no', label: 'No, none known' },
  { value: 'unknown', label: 'Unknown' },
] as const;

export const followUpSources = [
  { value: 'police', label: 'Police' },
  { value: 'probation', label: 'Probation or prison' },
  { value: 'referrer', label: 'The referring agency' },
  { value: 'client_family', label: 'The client or their family' },
  { value: 'mentor_contact', label: 'The mentor’s own contact' },
  { value: 'none', label: 'No source' },
] as const;

/** Whole days from the day a referral was received to today, in the network's zone. */
export function ageInDays(receivedOn: Date, now: Date, zone: string): number {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const received = DateTime.fromISO(receivedOn.toISOString().slice(0, 10), { zone });
  return Math.max(0, Math.round(today.diff(received, 'days').days));
}

/** The day as the network sees it, YYYY-MM-DD. */
export const localDay = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd');

/** A follow-up's due time: whole calendar months after closure, in the network's zone. */
export const followUpDue = (closedAt: Date, months: number, zone: string) =>
  DateTime.fromJSDate(closedAt, { zone }).plus({ months }).toJSDate();

/** A typed day (YYYY-MM-DD) that is real and not after today in the network's zone, or why not. */
export function typedDay(text: string, now: Date, zone: string): { day: string } | { problem: string } {
  const day = DateTime.fromFormat(text.trim(), 'yyyy-MM-dd', { zone });
  if (!day.isValid)
    return { problem: `"${text.slice(0, 20)}" is not a date; write it as YYYY-MM-DD, like 2026-03-02.` };
  if (day > DateTime.fromJSDate(now, { zone }).startOf('day'))
    return { problem: `${day.toFormat('yyyy-MM-dd')} is in the future.` };
  return { day: day.toFormat('yyyy-MM-dd') };
}
