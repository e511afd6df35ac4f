// Pure debrief rules: the answers' choices, what makes a debrief flagged, how long after a handover a
// mentor may still debrief, and when the next-day welfare check-in falls.
import { DateTime } from 'luxon';
import { localToInstant } from '../../core/local-time.js';

/** The case-code pattern is core's (core/wording.ts); here for api.ts until its importers use core's. */
export { caseCodePattern } from '../../core/wording.js';

export const sessionWentChoices = [
  { value: 'well', label: 'It went well' },
  { value: 'mixed', label: 'Mixed' },
  { value: 'difficult', label: 'It was difficult' },
  { value: 'did_not_attend', label: 'They did not attend' },
] as const;

export const engagementChoices = [
  { value: 'active', label: 'Active' },
  { value: 'passive', label: 'Passive' },
  { value: 'silent', label: 'Silent' },
  { value: 'argumentative_engaged', label: 'Argumentative but engaged' },
  { value: 'did_not_attend', label: 'Did not attend' },
] as const;

export const clientStateChoices = [
  { value: 'calm', label: 'Calm' },
  { value: 'low', label: 'Low or anxious' },
  { value: 'agitated', label: 'Angry or agitated' },
  { value: 'under_influence', label: 'Under the influence of drugs or alcohol' },
  { value: 'unwell', label: 'Unwell or in crisis' },
] as const;

export const topicChoices = [
  { value: 'ideology_faith', label: 'Ideology or faith' },
  { value: 'practical_needs', label: 'Practical needs' },
  { value: 'family_relationships', label: 'Family and relationships' },
  { value: 'employment_education', label: 'Employment and education' },
  { value: 'housing', label: 'Housing' },
  { value: 'offending', label: 'Offending' },
  { value: 'other', label: 'Other' },
] as const;

export const practicalSupportChoices = [
  { value: 'signposting', label: 'Signposted to a service' },
  { value: 'housing', label: 'Help with housing' },
  { value: 'money_benefits', label: 'Money or benefits' },
  { value: 'education_work', label: 'Education, training or work' },
  { value: 'health', label: 'Health or mental health' },
  { value: 'accompanied', label: 'Accompanied to an appointment' },
  { value: 'none', label: 'None this time' },
] as const;

export const riskChangeChoices = [
  { value: 'reduced', label: 'Reduced' },
  { value: 'same', label: 'About the same' },
  { value: 'increased', label: 'Increased' },
] as const;

/** A flag, or risk gone up, is a safeguarding concern: recorded with the debrief, no button to press. */
export const isFlagged = (d: { flagConcern: boolean; riskChange?: string | null }) =>
  d.flagConcern || d.riskChange === 'increased';

/** A mentor whose assignment ended (handover, closure) may still debrief their last sessions for this long. */
export const DEBRIEF_AFTER_HANDOVER_MS = 14 * 24 * 60 * 60_000;

/** The next day at 10:00 in the member's zone. */
export const nextMorning = (now: Date, zone: string) =>
  localToInstant(
    DateTime.fromJSDate(now, { zone }).plus({ days: 1 }).toFormat('yyyy-MM-dd'),
    { hour: 10, minute: 0 },
    zone,
  );
