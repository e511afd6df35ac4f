// The debrief form (structured answers first, sealed free text last) and its follow-up button's id.
import { defineForm, field, type FormValues } from '../../core/form.js';
import { caseCodePattern } from '../../core/wording.js';
import { concernCategories } from '../concerns/api.js';
import {
  clientStateChoices,
  engagementChoices,
  practicalSupportChoices,
  riskChangeChoices,
  sessionWentChoices,
  topicChoices,
} from './policy.js';

export const travelCostPattern = {
  regex: /^£?\s*\d{1,5}(\.\d{1,2})?$/,
  message: 'Travel cost should be an amount such as 12.50.',
};

/**
 * The full debrief: structured answers first, free text last, optional and sealed. Only the first
 * questions and the mentor's own state are required: a drained mentor can save what they can.
 */
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
