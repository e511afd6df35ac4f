import { defineForm, field, type FormValues } from '../../core/form.js';
import type { Message } from '../../core/message.js';

export const sessionWentChoices = [
  { value: 'well', label: 'It went well' },
  { value: 'mixed', label: 'Mixed' },
  { value: 'difficult', label: 'It was difficult' },
  { value: 'did_not_attend', label: 'They did not attend' },
] as const;

export const caseCodePattern = { regex: /^[A-Za-z]{1,6}-\d{1,6}$/, message: 'Case code should look like MS-0042: letters, a dash, then numbers. Never a name.' };

export const debriefForm = defineForm({
  id: 'debrief',
  title: 'Session debrief',
  intro: 'A few minutes to reflect now the session is over. Only you (and, if you flag a concern, the coordinators) see this.',
  submitLabel: 'Save debrief',
  precondition: 'mentor',
  fields: {
    caseCode: field.shortText({ label: 'Case code', hint: 'For example MS-0042. Never the client’s name.', maxLength: 13, pattern: caseCodePattern, public: true }),
    sessionDate: field.date({ label: 'Session date', hint: 'YYYY-MM-DD, or today', notInFuture: true, public: true }),
    sessionWent: field.select({ label: 'How did the session go?', options: sessionWentChoices, public: true }),
    feeling: field.number({ label: 'How are you feeling, from 1 to 5?', hint: '1 = really struggling, 5 = doing well', min: 1, max: 5 }),
    flagConcern: field.yesNo({ label: 'Is there anything to flag?', hint: 'A risk or safeguarding worry for the coordinators' }),
    notes: field.longText({ label: 'Notes', hint: 'Optional. Kept encrypted; never posted anywhere.', required: false, maxLength: 3000 }),
  },
});

export type DebriefValues = FormValues<typeof debriefForm>;

/** The confirmation quotes no free text: structured answers only. */
export function debriefSaved(values: DebriefValues): Message[] {
  const messages: Message[] = [
    {
      title: 'Debrief saved',
      text: `Thank you. Your debrief for ${values.caseCode.toUpperCase()} on ${values.sessionDate} is saved and private to you.`,
      tone: 'success',
    },
  ];
  if (values.flagConcern) {
    messages.push({
      text: 'You said there is something to flag. If anyone’s life is in immediate danger, call the emergency services (999) first. Then tell the duty coordinator as soon as you can.',
      tone: 'urgent',
    });
  }
  if (values.feeling <= 2) {
    messages.push({
      text: 'Thank you for being honest about how you are. That sounded like a hard one; you do not have to carry it alone. A peer supervisor or the duty coordinator is there to talk it through.',
      tone: 'info',
    });
  }
  return messages;
}

export function recentDebriefsSection(rows: { caseCode: string; sessionDate: Date; sessionWent: string }[]): Message {
  const went = new Map<string, string>(sessionWentChoices.map((c) => [c.value, c.label]));
  return {
    title: 'Your recent debriefs',
    text: rows.length ? 'Only you can see these.' : 'No debriefs yet. After a session, /debrief takes a few minutes.',
    fields: rows.map((r) => ({ label: `${r.caseCode}, ${r.sessionDate.toISOString().slice(0, 10)}`, value: went.get(r.sessionWent) ?? r.sessionWent })),
  };
}
