// Peer supervision: pure rules with no I/O. Who may be offered a request, in what order and why,
// how long an offer stays open, and the figures coordinators see about fairness.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { labelOf } from '../../core/wording.js';

export const topicChoices = [
  { value: 'strategy_not_working', label: 'A strategy is not working' },
  { value: 'ideology_faith', label: 'An ideology or faith challenge' },
  { value: 'information_sharing', label: 'An information-sharing or confidentiality dilemma' },
  { value: 'boundaries', label: 'Boundaries and personal influence' },
  { value: 'ending_exit', label: 'Ending or exit' },
  { value: 'safety_planning', label: 'Safety planning' },
  { value: 'method', label: 'A method, such as motivational interviewing' },
  { value: 'personal_impact', label: 'Personal impact / offload' },
  { value: 'other', label: 'Something else' },
] as const;
export type Topic = (typeof topicChoices)[number]['value'];
export const topics = topicChoices.map((c) => c.value) as [Topic, ...Topic[]];

export const urgencyChoices = [
  { value: 'today', label: 'Today' },
  { value: 'this_week', label: 'This week' },
  { value: 'routine', label: 'Routine (when convenient)' },
] as const;
export type Urgency = (typeof urgencyChoices)[number]['value'];
export const urgencies = urgencyChoices.map((c) => c.value) as [Urgency, ...Urgency[]];

export const formatChoices = [
  { value: 'call', label: 'A call' },
  { value: 'in_person', label: 'In person' },
  { value: 'group', label: 'In a group' },
] as const;
export type Format = (typeof formatChoices)[number]['value'];
export const formats = formatChoices.map((c) => c.value) as [Format, ...Format[]];

export const topicLabel = (topic: string) => labelOf(topicChoices, topic);
export const urgencyLabel = (urgency: string) => labelOf(urgencyChoices, urgency).toLowerCase();
export const formatLabel = (format: string) => labelOf(formatChoices, format).toLowerCase();

/** Which specialisms (members' profile values) fit each topic best. */
export const topicSpecialisms: Record<Topic, readonly string[]> = {
  strategy_not_working: ['motivational_interviewing'],
  ideology_faith: ['islamist_extremism', 'extreme_right_wing', 'animal_rights', 'hate_crime'],
  information_sharing: ['prison_probation', 'domestic_violence'],
  boundaries: ['domestic_violence', 'youth'],
  ending_exit: ['gang_exit', 'prison_probation'],
  safety_planning: ['domestic_violence', 'gang_exit'],
  method: ['motivational_interviewing'],
  personal_impact: [],
  other: [],
};

/** Minutes an offer stays open before it passes to the next supervisor (configurable). */
export const defaultOfferMinutes: Record<Urgency, number> = { today: 30, this_week: 24 * 60, routine: 72 * 60 };

/** The settings that configure the offer windows, in minutes. */
export type OfferWindowSettings = Partial<
  Record<
    'SUPERVISION_OFFER_TODAY_MINUTES' | 'SUPERVISION_OFFER_THIS_WEEK_MINUTES' | 'SUPERVISION_OFFER_ROUTINE_MINUTES',
    number
  >
>;

/** Configured offer windows, in minutes, falling back to the defaults. */
export function offerMinutes(config: OfferWindowSettings): Record<Urgency, number> {
  return {
    today: config.SUPERVISION_OFFER_TODAY_MINUTES ?? defaultOfferMinutes.today,
    this_week: config.SUPERVISION_OFFER_THIS_WEEK_MINUTES ?? defaultOfferMinutes.this_week,
    routine: config.SUPERVISION_OFFER_ROUTINE_MINUTES ?? defaultOfferMinutes.routine,
  };
}

/** Request statuses: with a supervisor being asked, with coordinators (nobody accepted), accepted, closed, withdrawn. */
export type RequestStatus = 'offered' | 'waiting' | 'accepted' | 'closed' | 'withdrawn';
export const openStatuses: RequestStatus[] = ['offered', 'waiting', 'accepted'];

export interface Candidate {
  memberId: string;
  displayName: string;
  roles: readonly string[];
  status: string;
  awayUntil: Date | null;
  timeZone: string;
  specialisms: readonly string[];
  /** Accepted requests not yet closed, plus offers awaiting an answer. */
  openLoad: number;
}

export interface MatchRequest {
  requesterId: string;
  topic: Topic;
  urgency: Urgency;
  requesterSpecialisms: readonly string[];
  preferredSupervisorId?: string | null;
  /** Members assigned to the request's case now (mentor or co-mentor): a conflict of interest. */
  caseMemberIds: readonly string[];
  /** Supervisors already asked for this request (they declined, did not answer, or were released). */
  alreadyAskedIds: readonly string[];
}

export type Exclusion = 'not_peer_supervisor' | 'inactive' | 'away' | 'requester' | 'case_conflict' | 'already_asked';

export interface Reasons {
  [key: string]: string | number | boolean | string[];
  preferred: boolean;
  /** topic: a specialism fits the topic; shared: shares a practice area with the requester. */
  fit: 'topic' | 'shared' | 'none';
  matched: string[];
  load: number;
  inHours: boolean;
  localTime: string;
}

/** Reasons as stored with an offer (JSON), checked on read. */
export const storedReasons = z.object({
  preferred: z.boolean(),
  fit: z.enum(['topic', 'shared', 'none']),
  matched: z.array(z.string()),
  load: z.number(),
  inHours: z.boolean(),
  localTime: z.string(),
});

export interface Ranked {
  memberId: string;
  displayName: string;
  reasons: Reasons;
}

export interface WorkingHours {
  start: string;
  end: string;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** Whether `now` falls in working hours (Monday to Friday) on the wall clock of `zone`. */
export function inWorkingHours(now: Date, zone: string, hours: WorkingHours): boolean {
  const local = DateTime.fromJSDate(now, { zone });
  if (!local.isValid || local.weekday > 5) return false;
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** Why a member cannot be offered this request, or undefined when they can. */
export function exclusionOf(c: Candidate, req: MatchRequest, now: Date): Exclusion | undefined {
  if (!c.roles.includes('peer_supervisor')) return 'not_peer_supervisor';
  if (c.status === 'left') return 'inactive';
  if (c.status === 'away' && (!c.awayUntil || c.awayUntil > now)) return 'away';
  if (c.memberId === req.requesterId) return 'requester';
  if (req.caseMemberIds.includes(c.memberId)) return 'case_conflict';
  if (req.alreadyAskedIds.includes(c.memberId)) return 'already_asked';
  return undefined;
}

const fitRank = { topic: 2, shared: 1, none: 0 } as const;

/**
 * Eligible supervisors, best first. The order (explained to coordinators through `reasons`):
 * the requester's preferred supervisor; for a "today" request, those in working hours now; then
 * specialism fit (the topic's specialisms, then a practice area shared with the requester); then the
 * fewest open requests; then working hours (for other urgencies); then name, so ties are stable.
 */
export function rankSupervisors(
  candidates: readonly Candidate[],
  req: MatchRequest,
  now: Date,
  hours: WorkingHours,
  options: { ignoreAlreadyAsked?: boolean } = {},
): Ranked[] {
  const wanted = topicSpecialisms[req.topic] ?? [];
  const eligible = candidates.filter((c) => {
    const why = exclusionOf(c, req, now);
    return why === undefined || (options.ignoreAlreadyAsked && why === 'already_asked');
  });
  const scored = eligible.map((c) => {
    const topicMatch = c.specialisms.filter((s) => wanted.includes(s));
    const shared = c.specialisms.filter((s) => req.requesterSpecialisms.includes(s));
    const fit: Reasons['fit'] = topicMatch.length ? 'topic' : shared.length ? 'shared' : 'none';
    const local = DateTime.fromJSDate(now, { zone: c.timeZone });
    const reasons: Reasons = {
      preferred: !!req.preferredSupervisorId && req.preferredSupervisorId === c.memberId,
      fit,
      matched: fit === 'topic' ? topicMatch : fit === 'shared' ? shared : [],
      load: c.openLoad,
      inHours: inWorkingHours(now, c.timeZone, hours),
      localTime: local.isValid ? local.toFormat('ccc HH:mm') : '',
    };
    return { memberId: c.memberId, displayName: c.displayName, reasons };
  });
  const today = req.urgency === 'today';
  return scored.sort((a, b) => {
    const x = a.reasons;
    const y = b.reasons;
    return (
      Number(y.preferred) - Number(x.preferred) ||
      (today ? Number(y.inHours) - Number(x.inHours) : 0) ||
      fitRank[y.fit] - fitRank[x.fit] ||
      x.load - y.load ||
      Number(y.inHours) - Number(x.inHours) ||
      a.displayName.localeCompare(b.displayName) ||
      a.memberId.localeCompare(b.memberId)
    );
  });
}

/** A coordinator's one-line explanation of why someone was ranked where they were. */
export function explainRank(r: Pick<Ranked, 'displayName' | 'reasons'>): string {
  const parts: string[] = [];
  if (r.reasons.preferred) parts.push('the requester’s preferred supervisor');
  if (r.reasons.fit === 'topic') parts.push(`specialism fits the topic (${r.reasons.matched.join(', ')})`);
  else if (r.reasons.fit === 'shared')
    parts.push(`shares a practice area with the requester (${r.reasons.matched.join(', ')})`);
  else parts.push('no specialism match');
  parts.push(`${r.reasons.load} open request${r.reasons.load === 1 ? '' : 's'}`);
  parts.push(
    r.reasons.inHours
      ? `in working hours (${r.reasons.localTime} local)`
      : `outside working hours (${r.reasons.localTime} local)`,
  );
  return `${r.displayName}: ${parts.join('; ')}`;
}

/** Offer window in milliseconds for an urgency, from configured minutes. */
export const offerWindowMs = (urgency: Urgency, minutes: Record<Urgency, number> = defaultOfferMinutes) =>
  minutes[urgency] * 60_000;

/** When both are asked whether the supervision happened: the next morning (10:00 local) after acceptance, or later for less urgent requests. */
export function afterCheckAt(acceptedAt: Date, urgency: Urgency, zone: string): Date {
  const days = urgency === 'today' ? 1 : urgency === 'this_week' ? 3 : 7;
  return DateTime.fromJSDate(acceptedAt, { zone })
    .plus({ days })
    .set({ hour: 10, minute: 0, second: 0, millisecond: 0 })
    .toJSDate();
}

/** How many times a "not yet" is asked again, and after how long. */
export const AFTER_REASK_LIMIT = 2;
export const AFTER_REASK_MS = 2 * 24 * 60 * 60_000;

/** The median of a list of numbers (undefined when empty). */
export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A duration in plain words: "25 min", "3 h", "2 days". */
export function plainDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/** Group supervision capacity bounds (a button per member fits a message). */
export const GROUP_CAPACITY = { min: 2, max: 20 } as const;
