// The debrief's wording: the confirmation (structured answers only), the mentor's own history and
// home section, and the comparison of two paired debriefs.
import type { Message } from '../../core/message.js';
import { EMERGENCY, labelOf } from '../../core/wording.js';
import { SHARE_FROM_DEBRIEF } from '../digest/api.js';
import { type DebriefValues, ESCALATE_FROM_DEBRIEF } from './forms.js';
import { engagementChoices, riskChangeChoices, sessionWentChoices } from './policy.js';

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
      text: `The coordinators have been told: this is concern #${extra.concern}, and one of them will take it on. You will hear when they do. ${EMERGENCY} If it cannot wait for a coordinator to pick it up, escalate it now: the button opens the escalation form with this case filled in.`,
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
        labelOf(sessionWentChoices, r.sessionWent),
        r.engagement ? `engagement: ${labelOf(engagementChoices, r.engagement).toLowerCase()}` : '',
        r.riskChange ? `risk: ${labelOf(riskChangeChoices, r.riskChange).toLowerCase()}` : '',
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
      value: `you: ${labelOf(engagementChoices, mine.engagement)}; ${partnerName}: ${labelOf(engagementChoices, theirs.engagement)}`,
    });
  }
  if (mine.riskChange && theirs.riskChange && mine.riskChange !== theirs.riskChange) {
    fields.push({
      label: 'Risk since last time',
      value: `you: ${labelOf(riskChangeChoices, mine.riskChange)}; ${partnerName}: ${labelOf(riskChangeChoices, theirs.riskChange)}`,
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
