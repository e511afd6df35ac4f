// Pure rules for mentor records: what a check or training record may say, when expiry reminders
// fall, what blocks an assignment, how matching ranks mentors, and how hours become pay.
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { MentorCareSettings } from '../../core/settings.js';
import { labelOf } from '../../core/wording.js';

export const checkKinds = [
  { value: 'dbs_basic', label: 'DBS basic' },
  { value: 'dbs_standard', label: 'DBS standard' },
  { value: 'dbs_enhanced', label: 'DBS enhanced' },
  { value: 'security_clearance', label: 'Security clearance' },
  { value: 'other', label: 'Other vetting' },
] as const;
export type CheckKind = (typeof checkKinds)[number]['value'];

export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 50;

/** Days before an expiry on which coordinators are reminded (0: on the day). */
export const REMINDER_DAYS = [30, 7, 0] as const;

/** A calendar date (YYYY-MM-DD) in the network's zone. */
export const dayIn = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toISODate()!;

/** A stored @db.Date as YYYY-MM-DD. */
export const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export const asDbDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** A calendar date `n` days on. */
export const addDays = (day: string, n: number) => isoDate(new Date(asDbDate(day).getTime() + n * 86_400_000));

/** The days between two calendar dates (later minus earlier). */
export const daysBetween = (from: string, to: string) =>
  Math.round((asDbDate(to).getTime() - asDbDate(from).getTime()) / 86_400_000);

/** A comma-separated list as typed: each entry trimmed, blanks and repeats left out. */
export const commaList = (text: string | undefined): string[] => [
  ...new Set(
    (text ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/** The field to fix in a record with an issue (or completion) date and an optional expiry, or undefined. */
export function datesProblem(
  issuedOn: string,
  expiresOn: string | undefined,
  issuedWord: string,
): { field: 'expiresOn'; message: string } | undefined {
  if (expiresOn && expiresOn <= issuedOn)
    return { field: 'expiresOn', message: `Expires on should be after the ${issuedWord} date (${issuedOn}).` };
  return undefined;
}

/** Which reminder (30, 7 or 0 days before) an expiry on `expiresOn` brings on `today`, if any. */
export function reminderDue(expiresOn: string, today: string): (typeof REMINDER_DAYS)[number] | undefined {
  const left = daysBetween(today, expiresOn);
  return REMINDER_DAYS.find((d) => d === left);
}

export interface CheckState {
  kind: string;
  issuedOn: string;
  expiresOn: string | null;
}

/**
 * What stops a mentor taking a case: a kind of check whose latest record has lapsed (a check is
 * valid through its expiry date), and mandatory modules never completed or lapsed. A mentor with no
 * check recorded is not blocked (vetting kept outside the bot); once recorded, its lapse blocks.
 */
export function blockers(input: {
  checks: CheckState[];
  training: { module: string; expiresOn: string | null }[];
  modules: MentorCareSettings['trainingModules'];
  today: string;
}): string[] {
  const found: string[] = [];
  const latest = new Map<string, CheckState>();
  for (const c of input.checks)
    if (!latest.has(c.kind) || latest.get(c.kind)!.issuedOn < c.issuedOn) latest.set(c.kind, c);
  for (const c of latest.values())
    if (c.expiresOn && c.expiresOn < input.today) found.push(`${labelOfCheck(c.kind)} expired on ${c.expiresOn}`);
  for (const m of input.modules.filter((mod) => mod.mandatory)) {
    const done = input.training.filter((t) => t.module === m.name);
    if (!done.length) found.push(`mandatory training "${m.name}" not recorded`);
    else if (done.every((t) => t.expiresOn && t.expiresOn < input.today))
      found.push(`mandatory training "${m.name}" expired`);
  }
  return found;
}

export const labelOfCheck = (kind: string) => labelOf(checkKinds, kind);

/** Specialisms that fit a case's referral type. */
export const specialismsFor: Record<string, readonly string[]> = {
  extremism: ['islamist_extremism', 'extreme_right_wing', 'animal_rights', 'hate_crime'],
  domestic_abuse: ['domestic_violence'],
  gang_exit: ['gang_exit', 'youth'],
  prison_probation: ['prison_probation'],
  other: ['motivational_interviewing'],
};

export interface Candidate {
  memberId: string;
  name: string;
  specialisms: string[];
  languages: string[];
  region: string | null;
  capacity: number;
  openCases: number;
  recentSessions: number;
  conflicts: string[];
  blocked: string[];
}

export interface CaseForMatching {
  code: string;
  programme: string | null;
  language: string | null;
  area: string | null;
}

export interface Suggestion {
  memberId: string;
  name: string;
  reasons: string[];
}

const same = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** A declared conflict with the case: its code, or its community (the case's area). */
export const conflictsWith = (c: Pick<Candidate, 'conflicts'>, target: CaseForMatching) =>
  c.conflicts.some((x) => same(x, target.code) || same(x, target.area));

/**
 * Up to five mentors for a case. Eligible: not blocked, no declared conflict, capacity left.
 * Ranked, best first: specialism fitting the referral type; speaks the case's language; same area;
 * most capacity left; fewest sessions in the last 28 days (current load); name.
 */
export function rankCandidates(target: CaseForMatching, candidates: Candidate[], limit = 5): Suggestion[] {
  const fits = new Set(specialismsFor[target.programme ?? ''] ?? []);
  const scored = candidates
    .filter((c) => !c.blocked.length && !conflictsWith(c, target) && c.capacity - c.openCases > 0)
    .map((c) => ({
      c,
      specialism: c.specialisms.find((s) => fits.has(s)),
      language: target.language ? c.languages.some((l) => same(l, target.language)) : false,
      area: same(c.region, target.area),
      left: c.capacity - c.openCases,
    }));
  scored.sort(
    (a, b) =>
      Number(!!b.specialism) - Number(!!a.specialism) ||
      Number(b.language) - Number(a.language) ||
      Number(b.area) - Number(a.area) ||
      b.left - a.left ||
      a.c.recentSessions - b.c.recentSessions ||
      a.c.name.localeCompare(b.c.name),
  );
  return scored.slice(0, limit).map((s) => ({
    memberId: s.c.memberId,
    name: s.c.name,
    reasons: [
      s.specialism ? `specialism ${s.specialism}` : 'no specialism for this referral type',
      ...(target.language ? [s.language ? `speaks ${target.language}` : `does not list ${target.language}`] : []),
      ...(target.area ? [s.area ? `in ${target.area}` : 'another area'] : []),
      `${s.left} of ${s.c.capacity} places left`,
      `${s.c.recentSessions} session${s.c.recentSessions === 1 ? '' : 's'} in 28 days`,
    ],
  }));
}

/** Pay in pence for paid minutes: the day rate per hours-per-day worked, or the hourly rate. */
export function payFor(minutes: number, pay: MentorCareSettings['pay']): number {
  const hours = minutes / 60;
  return Math.round(pay.basis === 'hour' ? hours * pay.ratePence : (hours / pay.hoursPerDay) * pay.ratePence);
}

export const money = (p: number) => `£${(p / 100).toFixed(2)}`;

export const hoursText = (minutes: number) =>
  `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;

/** A month (YYYY-MM) in the network's zone as the instants it starts and ends. */
export function monthRange(month: string, zone: string): { from: Date; to: Date } {
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone });
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** An amount of money typed in a form ("12.50", "£3"), as pence, or undefined when it is not one. */
export function parseMoney(text: string): number | undefined {
  const match = /^£?\s*(\d{1,5})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0')) : undefined;
}

/** Risk factors a TRiM practitioner may record (a fixed list: no free text). */
export const trimRiskFactors = [
  { value: 'felt_out_of_control', label: 'Felt out of control during the incident' },
  { value: 'thought_would_die', label: 'Thought they or others might be seriously hurt' },
  { value: 'blamed_self', label: 'Blames themselves' },
  { value: 'poor_support', label: 'Little support at home or work' },
  { value: 'other_stressors', label: 'Other life stressors' },
  { value: 'previous_trauma', label: 'Previous trauma' },
  { value: 'drinking_more', label: 'Drinking more than usual' },
  { value: 'avoidance', label: 'Avoiding reminders' },
  { value: 'reliving', label: 'Reliving it (flashbacks, nightmares)' },
  { value: 'sleep_trouble', label: 'Trouble sleeping' },
] as const;

/** A TRiM follow-up as sealed (JSON): the risk factors noted and whether they were referred on. */
const followUpSchema = z.object({ riskFactors: z.array(z.string()), referredOn: z.boolean() });
export type StoredFollowUp = z.infer<typeof followUpSchema>;

/** An opened follow-up, or undefined when the text is not one (erased, removed, or written otherwise). */
export function storedFollowUp(opened: string): StoredFollowUp | undefined {
  if (!opened.startsWith('{')) return undefined;
  try {
    return followUpSchema.safeParse(JSON.parse(opened)).data;
  } catch {
    return undefined;
  }
}

export const TRIM_STAGES = ['72h', '4w'] as const;
export type TrimStage = (typeof TRIM_STAGES)[number];

/** Offers go 72 hours and 4 weeks after the escalation was raised, or at once when that has passed. */
export function trimOfferAt(raisedAt: Date, stage: TrimStage, now: Date): Date {
  const at = new Date(raisedAt.getTime() + (stage === '72h' ? 72 : 28 * 24) * 3_600_000);
  return at > now ? at : now;
}
