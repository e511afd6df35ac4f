// The mentor record's wording: the record, suggestions, hours, expiry reminders and the
// post-incident support messages. No free text about anyone is ever put in a channel post.
import type { Message } from '../../core/message.js';
import { labelOf } from '../../core/wording.js';
import { ERASED } from '../../db/vault.js';
import type { MonthHours } from './hours.js';
import {
  hoursText,
  labelOfCheck,
  money,
  storedFollowUp,
  trimRiskFactors,
  type Suggestion,
  type TrimStage,
} from './policy.js';
import type { MentorView } from './record.js';

export const actions = {
  choose: 'mentors.match.choose',
  planNames: 'mentors.trim.plan',
  accept: 'mentors.trim.accept',
  decline: 'mentors.trim.decline',
  followUp: 'mentors.trim.followup',
} as const;

const dated = (d: { expiresOn: string | null }) => (d.expiresOn ? `expires ${d.expiresOn}` : 'no expiry');

export function mentorRecordMessage(v: MentorView, own: boolean): Message {
  return {
    title: own ? 'Your mentor record' : `Mentor record: ${v.name}`,
    text: v.blockers.length ? `Cannot take new cases: ${v.blockers.join('; ')}.` : 'Can take new cases.',
    tone: v.blockers.length ? 'warning' : 'info',
    fields: [
      { label: 'Specialisms', value: v.specialisms.join(', ') || 'none' },
      { label: 'Languages', value: v.languages.join(', ') || 'not set' },
      { label: 'Area', value: v.area ?? 'not set' },
      { label: 'Capacity', value: `${v.openCases} of ${v.capacity} open cases` },
      { label: 'Coach', value: v.coach ?? 'none yet' },
      { label: 'Trained TRiM practitioner', value: v.trimPractitioner ? 'yes' : 'no' },
      { label: 'Declared conflicts', value: v.conflicts.join(', ') || 'none' },
      {
        label: 'Vetting',
        value:
          v.checks
            .map((c) => `${labelOfCheck(c.kind)}${c.level ? ` (${c.level})` : ''}, issued ${c.issuedOn}, ${dated(c)}`)
            .join('; ') || 'none recorded',
      },
      {
        label: 'Training',
        value: v.training.map((t) => `${t.module}, ${t.completedOn}, ${dated(t)}`).join('; ') || 'none recorded',
      },
      {
        label: 'Post-incident follow-ups',
        value: v.supportHappened
          ? `${v.supportHappened} recorded (content seen only by the two people involved)`
          : 'none',
      },
    ],
  };
}

export function suggestionsMessage(code: string, suggestionId: string, suggestions: Suggestion[]): Message {
  if (!suggestions.length) {
    return {
      text: `No mentor is eligible for ${code} right now (everyone is at capacity, blocked by a check or training, away, or has a declared conflict). Assign by name to override with a reason.`,
      tone: 'warning',
    };
  }
  return {
    title: `Suggested mentors for ${code}`,
    text: 'Ranked by specialism for the referral type, language, area, places left and sessions in the last 28 days; declared conflicts are left out. Choose one, or assign anyone by name.',
    fields: suggestions.map((s, i) => ({ label: `${i + 1}. ${s.name}`, value: s.reasons.join('; ') })),
    buttons: suggestions.map((s) => ({
      actionId: actions.choose,
      label: `Assign ${s.name}`,
      value: `${suggestionId}:${s.memberId}`,
    })),
  };
}

export function hoursMessage(name: string, h: MonthHours): Message {
  return {
    title: `Hours for ${name}, ${h.month}`,
    text: `${h.sessions} session${h.sessions === 1 ? '' : 's'}: ${h.tracked} timed from start to end, ${h.fromDebriefs} from the debrief’s stated length.`,
    fields: [
      { label: 'Session time', value: hoursText(h.minutes) },
      { label: 'Travel time', value: hoursText(h.travelMinutes) },
      { label: 'Travel cost', value: money(h.travelCostPence) },
      {
        label: `Pay (${h.basis === 'day' ? 'day rate' : 'hourly rate'}, session and travel time)`,
        value: money(h.payPence),
      },
    ],
  };
}

export function expiryReminder(items: { name: string; what: string; expiresOn: string; daysLeft: number }[]): Message {
  return {
    title: 'Vetting and training expiring',
    text: 'Record the renewal with /mentor check add or /mentor training add; once lapsed, they cannot be assigned new cases.',
    tone: 'warning',
    fields: items.map((i) => ({
      label: i.name,
      value: `${i.what} ${i.daysLeft === 0 ? 'expires today' : `expires in ${i.daysLeft} days`} (${i.expiresOn})`,
    })),
  };
}

export function planPrompt(number: number, tier: string, escalationId: string): Message {
  return {
    title: `After escalation #${number} (${tier})`,
    text: `Thank you for resolving escalation #${number}. Who else was involved (a co-mentor, the coordinators who responded, anyone else)? Each person you name is offered support from a trained TRiM practitioner at 72 hours and at 4 weeks. The mentor who raised it already has their check-ins.`,
    buttons: [{ actionId: actions.planNames, label: 'Name who was involved', value: escalationId, style: 'primary' }],
  };
}

export function offerMessage(supportId: string, stage: TrimStage): Message {
  return {
    title: stage === '72h' ? 'A few days on' : 'Four weeks on',
    text: `You were involved in a difficult incident ${stage === '72h' ? 'a few days' : 'about four weeks'} ago. Would a confidential conversation with a trained TRiM practitioner help? It is your choice; if you say no, you will not be asked again about this incident.`,
    buttons: [
      { actionId: actions.accept, label: 'Yes, please', value: `${supportId}:${stage}`, style: 'primary' },
      { actionId: actions.decline, label: 'No, thank you', value: supportId },
    ],
  };
}

export function practitionerAsk(name: string, supportId: string, stage: TrimStage): Message {
  return {
    title: 'TRiM support requested',
    text: `${name} would welcome a TRiM conversation (${stage === '72h' ? '72-hour' : '4-week'} point). Please reach out to them privately. Afterwards, record the structured follow-up: only the two of you can read it.`,
    buttons: [{ actionId: actions.followUp, label: 'Record follow-up', value: `${supportId}:${stage}` }],
  };
}

export function followUpText(opened: string): string {
  const data = opened === ERASED ? undefined : storedFollowUp(opened);
  if (!data) return opened;
  const factors = data.riskFactors.map((f) => labelOf(trimRiskFactors, f));
  return `Risk factors: ${factors.join('; ') || 'none'}. Referred on: ${data.referredOn ? 'yes' : 'no'}.`;
}

/** A check recorded: when it has lapsed already, what that means for new cases. */
export function checkRecorded(result: { name: string; label: string; lapsed: boolean }): Message {
  return result.lapsed
    ? {
        text: `${result.label} for ${result.name} is recorded, and it has lapsed: ${result.name} cannot be assigned new cases until a current check is recorded (or a coordinator overrides with a reason).`,
        tone: 'warning',
      }
    : {
        text: `${result.label} for ${result.name} is recorded. Coordinators are reminded 30 days and 7 days before it expires, and on the day.`,
        tone: 'success',
      };
}

export const followUpsMessage = (fields: { label: string; value: string }[]): Message => ({
  title: 'Post-incident follow-ups',
  text: fields.length ? 'Only you and the other person named can read these.' : 'None recorded with you.',
  fields,
});

/** Told to the resolver once they have named who was involved. */
export const namedWording = (named: string[]) =>
  named.length
    ? `Support will be offered to ${named.join(', ')} at 72 hours and at 4 weeks; each can say no.`
    : 'Nobody else was named, so no further support is offered. Thank you.';

export const supportAccepted = (practitioner: string | null): Message => ({
  text: practitioner
    ? `${practitioner}, a trained TRiM practitioner, will be in touch privately.`
    : 'A coordinator is finding a trained TRiM practitioner for you.',
  tone: 'success',
});

export const SUPPORT_DECLINED =
  'Understood. You will not be asked again about this incident. If that changes, any coordinator can arrange support.';
