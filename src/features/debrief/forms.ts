import { defineForm, field, type FormValues } from '../../core/form.js';
import { SHARE_FROM_DEBRIEF } from '../digest/api.js';
import type { Message } from '../../core/message.js';
import { concernCategories } from '../concerns/api.js';

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

export const caseCodePattern = {
  regex: /^[A-Za-z]{1,6}-\d{1,6}$/,
  message: 'Case code should look like MS-0042: letters, a dash, then numbers. Never a name.',
};

/**
 * The full debrief: structured answers first, free text last, optional and sealed. Only the first
 * questions and the mentor's own state are required: a drained mentor can save what they can.
 */
export const travelCostPattern = {
  regex: /^£?\s*\d{1,5}(\.\d{1,2})?$/,
  message: 'Travel cost should be an amount such as 12.50.',
};

export const debriefForm = defineForm({
  id: 'debrief',
  title: 'Session debrief',
  intro:
    'A few minutes to reflect now the session is over. Your notes are private to you, unless you flag a concern or say the risk has increased: then the coordinators are told and may read them (each reading is recorded).',
  submitLabel: 'Save debrief',
  precondition: 'mentor',
  fields: {
    caseCode: field.shortText({
      label: 'Case code',
      hint: 'For example MS-0042. Never the client’s name.',
      maxLength: 13,
      pattern: caseCodePattern,
      public: true,
    }),
    sessionDate: field.date({ label: 'Session date', hint: 'YYYY-MM-DD, or today', notInFuture: true, public: true }),
    sessionWent: field.select({ label: 'How did the session go?', options: sessionWentChoices, public: true }),
    lengthMinutes: field.number({
      label: 'Length in minutes',
      hint: 'Optional',
      min: 1,
      max: 600,
      required: false,
      public: true,
    }),
    paired: field.yesNo({
      label: 'Paired with a co-mentor?',
      hint: 'Optional; no means solo',
      required: false,
      public: true,
    }),
    engagement: field.select({ label: 'Client engagement', options: engagementChoices, required: false, public: true }),
    clientState: field.multiSelect({
      label: 'Client state',
      hint: 'Any that apply',
      options: clientStateChoices,
      required: false,
      public: true,
    }),
    topics: field.multiSelect({
      label: 'Topics',
      hint: 'Any that apply',
      options: topicChoices,
      required: false,
      public: true,
    }),
    practicalSupport: field.multiSelect({
      label: 'Practical support given',
      hint: 'Any that apply',
      options: practicalSupportChoices,
      required: false,
      public: true,
    }),
    riskChange: field.select({
      label: 'Risk or vulnerability since last time',
      options: riskChangeChoices,
      required: false,
      public: true,
    }),
    feeling: field.number({
      label: 'How are you feeling, from 1 to 5?',
      hint: '1 = really struggling, 5 = doing well',
      min: 1,
      max: 5,
    }),
    flagConcern: field.yesNo({
      label: 'Is there anything to flag?',
      hint: 'A risk or safeguarding worry: yes tells the coordinators',
    }),
    concernCategory: field.select({
      label: 'If so, what is it about?',
      hint: 'Optional; other if unsure',
      options: concernCategories,
      required: false,
      public: true,
    }),
    wantsSupervision: field.yesNo({ label: 'Would you like peer supervision?', hint: 'Optional', required: false }),
    wantsWelfare: field.yesNo({
      label: 'Would you like a welfare check-in?',
      hint: 'Optional: we check in with you tomorrow',
      required: false,
    }),
    nextSteps: field.longText({
      label: 'Next steps / where we left it',
      hint: 'Optional. Encrypted; only you see it, before your next session.',
      required: false,
      maxLength: 1500,
    }),
    notes: field.longText({
      label: 'Notes',
      hint: 'Optional. Encrypted, never posted; coordinators read them only if flagged.',
      required: false,
      maxLength: 3000,
    }),
    travelMinutes: field.number({
      label: 'Travel time in minutes',
      hint: 'Optional, counted in your hours',
      min: 1,
      max: 600,
      required: false,
      public: true,
    }),
    travelCost: field.shortText({
      label: 'Travel cost',
      hint: 'Optional, for example 12.50',
      maxLength: 9,
      pattern: travelCostPattern,
      required: false,
      public: true,
    }),
  },
});

export type DebriefValues = FormValues<typeof debriefForm>;

export const ESCALATE_FROM_DEBRIEF = 'debrief.escalate';

export const labelIn = (list: readonly { value: string; label: string }[], value: string | null | undefined) =>
  list.find((c) => c.value === value)?.label ?? value ?? '';

/** The confirmation quotes no free text: structured answers only. */
export function debriefSaved(
  values: DebriefValues,
  extra: { debriefId: string; linked?: boolean; welfare: boolean; supervision?: number; concern?: number },
): Message[] {
  const messages: Message[] = [
    {
      title: 'Debrief saved',
      text: `Thank you. Your debrief for ${values.caseCode.toUpperCase()} on ${values.sessionDate} is saved${extra.concern === undefined ? ' and private to you' : ''}. If something you learned could help other mentors, you can offer it to the weekly digest: it is anonymised and a coordinator approves it first.`,
      buttons: [{ actionId: SHARE_FROM_DEBRIEF, label: 'Share the learning', value: extra.debriefId }],
      tone: 'success',
    },
  ];
  if (extra.concern !== undefined) {
    messages.push({
      text: `The coordinators have been told: this is concern #${extra.concern}, and one of them will take it on. You will hear when they do. If anyone’s life is in immediate danger, call the emergency services (999) first. If it cannot wait for a coordinator to pick it up, escalate it now: the button opens the escalation form with this case filled in.`,
      buttons: [
        {
          actionId: ESCALATE_FROM_DEBRIEF,
          label: 'It’s urgent: escalate now',
          value: extra.debriefId,
          style: 'danger',
        },
      ],
      tone: 'urgent',
    });
  }
  if (values.feeling <= 2) {
    messages.push({
      text: 'Thank you for being honest about how you are. That sounded like a hard one; you do not have to carry it alone. A peer supervisor or the duty coordinator is there to talk it through.',
      tone: 'info',
    });
  }
  if (extra.welfare) messages.push({ text: 'We will check in with you tomorrow, privately.', tone: 'info' });
  if (extra.supervision !== undefined)
    messages.push({
      text: `Your request for peer supervision is #${extra.supervision}: a peer supervisor is being asked privately.`,
      tone: 'info',
    });
  // The same words for another mentor's case and a code the bot does not know: which it is, is not said.
  if (extra.linked === false) {
    messages.push({
      text: `${values.caseCode.toUpperCase()} is not one of your cases, so this debrief stays with your own records and is not added to a case’s record. That is as it should be for a paper-era code; if you work on this case now, a coordinator can add you with /case assign.`,
      tone: 'info',
    });
  }
  return messages;
}

export interface DebriefRow {
  caseCode: string;
  sessionDate: Date;
  sessionWent: string;
  engagement?: string | null;
  riskChange?: string | null;
  feeling?: number;
  flagConcern?: boolean;
}

export function recentDebriefsSection(rows: DebriefRow[]): Message {
  const went = new Map<string, string>(sessionWentChoices.map((c) => [c.value, c.label]));
  return {
    title: 'Your recent debriefs',
    text: rows.length ? 'Only you can see these.' : 'No debriefs yet. After a session, /debrief takes a few minutes.',
    fields: rows.map((r) => ({
      label: `${r.caseCode}, ${r.sessionDate.toISOString().slice(0, 10)}`,
      value: went.get(r.sessionWent) ?? r.sessionWent,
    })),
  };
}

/** The author's own history, in their private reply: structured answers, and their own words. */
export function ownDebriefsMessage(rows: (DebriefRow & { nextSteps?: string; notes?: string })[]): Message {
  return {
    title: 'Your recent debriefs',
    text: rows.length
      ? 'Only you can see these, including your own notes.'
      : 'No debriefs yet. After a session, /debrief takes a few minutes.',
    fields: rows.map((r) => ({
      label: `${r.caseCode}, ${r.sessionDate.toISOString().slice(0, 10)}`,
      value: [
        labelIn(sessionWentChoices, r.sessionWent),
        r.engagement ? `engagement: ${labelIn(engagementChoices, r.engagement).toLowerCase()}` : '',
        r.riskChange ? `risk: ${labelIn(riskChangeChoices, r.riskChange).toLowerCase()}` : '',
        r.feeling ? `you felt ${r.feeling}/5` : '',
        r.flagConcern ? 'flagged a concern' : '',
        r.nextSteps ? `next steps: ${r.nextSteps}` : '',
        r.notes ? `notes: ${r.notes}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    })),
  };
}

/** Paired debriefs that differ: structured answers only, to each mentor privately. */
export function pairedDifferences(
  caseCode: string,
  date: string,
  partnerName: string,
  mine: { engagement?: string | null; riskChange?: string | null },
  theirs: { engagement?: string | null; riskChange?: string | null },
): Message | undefined {
  const fields: { label: string; value: string }[] = [];
  if (mine.engagement && theirs.engagement && mine.engagement !== theirs.engagement) {
    fields.push({
      label: 'Client engagement',
      value: `you: ${labelIn(engagementChoices, mine.engagement)}; ${partnerName}: ${labelIn(engagementChoices, theirs.engagement)}`,
    });
  }
  if (mine.riskChange && theirs.riskChange && mine.riskChange !== theirs.riskChange) {
    fields.push({
      label: 'Risk since last time',
      value: `you: ${labelIn(riskChangeChoices, mine.riskChange)}; ${partnerName}: ${labelIn(riskChangeChoices, theirs.riskChange)}`,
    });
  }
  if (!fields.length) return undefined;
  return {
    title: `Paired debrief on ${caseCode} (${date}): you saw it differently`,
    text: `You and ${partnerName} answered these differently. That is normal and worth a short conversation together, or in supervision.`,
    fields,
    tone: 'info',
  };
}
