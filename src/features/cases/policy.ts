// Pure case rules: codes, the baseline's options and its stored shape, the evaluations' outcome
// categories, review dates and how one assessment changed from the last.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { labelOf } from '../../core/wording.js';

/** The shape of a case code is core's (core/wording.ts); here for api.ts and the export command. */
export { caseCodeRegex } from '../../core/wording.js';

/** The next code after the highest issued number with this prefix: MS-0042 (at least four digits). */
export function formatCaseCode(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, '0')}`;
}

/** The number of a code with this prefix, or undefined (another prefix, or not a code). */
export function caseNumber(prefix: string, code: string): number | undefined {
  const match = /^([A-Z]{1,6})-(\d{1,6})$/.exec(code.trim().toUpperCase());
  return match && match[1] === prefix ? Number(match[2]) : undefined;
}

export const normaliseCaseCode = (code: string) => code.trim().toUpperCase();

export const programmes = [
  { value: 'extremism', label: 'Violent extremism (any ideology)' },
  { value: 'domestic_abuse', label: 'Domestic abuse perpetrator' },
  { value: 'gang_exit', label: 'Leaving a gang or group' },
  { value: 'prison_probation', label: 'Prison or probation' },
  { value: 'other', label: 'Other' },
] as const;

export const riskLevels = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
] as const;

/** A small, evaluation-friendly set of vulnerability and risk factors (repeated at closure reviews). */
export const riskFactors = [
  { value: 'isolation', label: 'Isolation or lack of belonging' },
  { value: 'group_involvement', label: 'Involved with an extremist group or gang' },
  { value: 'online_influence', label: 'Influenced online' },
  { value: 'grievance', label: 'Strong grievance or identity crisis' },
  { value: 'violence_history', label: 'History of violence or offending' },
  { value: 'substance_use', label: 'Drug or alcohol use' },
  { value: 'mental_health', label: 'Mental health needs' },
  { value: 'unemployment', label: 'Out of work, education or training' },
  { value: 'housing', label: 'Unstable housing' },
  { value: 'family_conflict', label: 'Family or relationship conflict' },
] as const;

/** Closure in the categories the evaluations use (MWM: 59% / 19% / 22% of 124 closed cases). */
export const outcomes = [
  { value: 'desisted', label: 'Desisted, de-escalated or reduced risk' },
  { value: 'custody_missing', label: 'Custody, missing or out of area' },
  { value: 'not_engaged', label: 'Not engaged' },
] as const;
export type Outcome = (typeof outcomes)[number]['value'];

export const positiveSteps = [
  { value: 'education', label: 'Education or training' },
  { value: 'work', label: 'Work' },
  { value: 'family', label: 'Family' },
  { value: 'community', label: 'Community' },
  { value: 'left_group', label: 'Left a group' },
] as const;

/** Reviews of the mentoring agreement every three months from opening, in the network's zone. */
export const REVIEW_MONTHS = 3;
export function nextReview(after: Date, zone: string): Date {
  return DateTime.fromJSDate(after, { zone }).plus({ months: REVIEW_MONTHS }).toJSDate();
}

/** How the client attended since the last review (the agreement review form). */
export const attendanceChoices = [
  { value: 'good', label: 'Attended well' },
  { value: 'patchy', label: 'Patchy' },
  { value: 'poor', label: 'Rarely attended' },
] as const;

/** The baseline recorded at opening, as stored (JSON, checked when read). */
const baselineSchema = z.object({
  programme: z.string().nullish(),
  riskLevel: z.string().nullish(),
  riskFactors: z.array(z.string()).nullish(),
  recordedAt: z.string().nullish(),
});
export type Baseline = z.infer<typeof baselineSchema>;

/** A case's stored baseline, or null when none was recorded (or what is stored is not one). */
export function parseBaseline(stored: unknown): Baseline | null {
  const parsed = baselineSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** A risk assessment: the baseline at opening, then each review and the closure. */
export interface Assessment {
  riskLevel?: string | null;
  riskFactors?: readonly string[] | null;
}

export interface AssessmentChange {
  level?: { from: string; to: string };
  added: string[];
  removed: string[];
}

/** What changed from one assessment to the next: the level (when both are known) and each factor. */
export function assessmentChange(before: Assessment | null | undefined, after: Assessment): AssessmentChange {
  const was = new Set(before?.riskFactors ?? []);
  const now = new Set(after.riskFactors ?? []);
  const from = before?.riskLevel;
  const to = after.riskLevel;
  return {
    level: from && to && from !== to ? { from, to } : undefined,
    added: [...now].filter((f) => !was.has(f)),
    removed: [...was].filter((f) => !now.has(f)),
  };
}

/** The change in words: "risk level medium → low, + Drug or alcohol use, − Isolation or lack of belonging", or "no change". */
export function describeChange(change: AssessmentChange): string {
  const level = (v: string) => labelOf(riskLevels, v).toLowerCase();
  const parts = [
    change.level ? `risk level ${level(change.level.from)} → ${level(change.level.to)}` : '',
    ...change.added.map((f) => `+ ${labelOf(riskFactors, f)}`),
    ...change.removed.map((f) => `− ${labelOf(riskFactors, f)}`),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no change';
}
