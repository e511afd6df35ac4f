// Welfare's wording: the check-in, the answer, the offers and nudges, the replies, the home views.
// Messages to anyone but the mentor never carry their answer's words or what is weighing on them.
import { DateTime } from 'luxon';
import type { Button, Message } from '../../core/message.js';
import { EMERGENCY } from '../../core/wording.js';
import { actions } from './forms.js';
import {
  ANSWERS,
  answerLabels,
  consentLabels,
  whoCanSee,
  type Answer,
  type CheckinReason,
  type Consent,
  type FollowUpRule,
} from './policy.js';

/** A moment in the mentor's zone as welfare says it: `Monday 19 October at 09:00`. */
export const localTime = (at: Date, zone: string) =>
  DateTime.fromJSDate(at, { zone }).toFormat("cccc d LLLL 'at' HH:mm");

/** How long an answer can still be changed: `Mon 19 Oct at 09:00`. */
const shortLocalTime = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat("ccc d LLL 'at' HH:mm");

const INTRO: Record<CheckinReason, string> = {
  scheduled: 'Your check-in.',
  on_demand: 'A check-in, as you asked.',
  snooze: 'As you asked yesterday, your check-in.',
  debrief_followup: "A gentle check-in after yesterday's debrief.",
  trim_72h: 'A few days on from a difficult incident, a check-in.',
  trim_28d: 'About four weeks on from a difficult incident, a check-in.',
  workload: 'It has been a heavy week, so an extra, gentle check-in.',
};

const answerButtons = (checkinId: string): Button[] =>
  ANSWERS.map((a) => ({ actionId: actions.answer, label: answerLabels[a], value: `${checkinId}:${a}` }));

export function checkinMessage(input: {
  checkinId: string;
  reason: CheckinReason;
  consent: Consent;
  supporterName: string | null;
  first: boolean;
  supportLines: string;
}): Message {
  const parts = [
    `${INTRO[input.reason]} How are you doing, honestly?`,
    `Who can see your answer: ${whoCanSee(input.consent, input.supporterName)} You can change this for each answer.`,
  ];
  if (input.first) {
    parts.push(
      `This is your first check-in. By default, answers are seen by: ${consentLabels[input.consent].toLowerCase()}. Change the default, your days and time, or pause check-ins with /checkin settings.`,
    );
  }
  parts.push(`If you need help now: ${input.supportLines}. ${EMERGENCY}`);
  const buttons = answerButtons(input.checkinId);
  if (input.reason !== 'on_demand')
    buttons.push({ actionId: actions.snooze, label: 'Remind me tomorrow', value: input.checkinId });
  return { title: 'Check-in', text: parts.join('\n\n'), buttons, tone: 'info' };
}

export function answeredMessage(input: {
  checkinId: string;
  answer: Answer;
  consent: Consent;
  supporterName: string | null;
  changeableUntil: Date;
  zone: string;
  changed: boolean;
}): Message {
  return {
    title: input.changed ? 'Answer changed' : 'Thank you',
    text: [
      `You said: ${answerLabels[input.answer].toLowerCase()}. ${whoCanSee(input.consent, input.supporterName)}`,
      `You can change your answer until ${shortLocalTime(input.changeableUntil, input.zone)}. If you like, add what is weighing on you, ask for a call or supervision, or change who can see it.`,
    ].join('\n\n'),
    buttons: [
      { actionId: actions.more, label: 'Add more or change who sees it', value: input.checkinId },
      ...answerButtons(input.checkinId),
    ],
    tone: 'success',
  };
}

export function directOfferMessage(input: { checkinId: string; supportLines: string }): Message {
  return {
    title: 'Support, if you want it',
    text: `Your answer stays with you: nobody has been told. If it would help, I can ask your supporter (or the duty coordinator) to give you a call, without your words; or you can ask for peer supervision. If you need help now: ${input.supportLines}. ${EMERGENCY}`,
    buttons: [
      { actionId: actions.askCall, label: 'Ask someone to call me', value: input.checkinId },
      { actionId: actions.supervision, label: 'Ask for supervision', value: 'checkin' },
    ],
    tone: 'info',
  };
}

export function supervisionOfferMessage(asked: boolean): Message {
  return {
    title: 'Supervision',
    text: asked
      ? 'You asked for supervision. A peer supervisor can help you talk things through; only the one who accepts sees your summary.'
      : 'You have said you are stretched twice in a row. Would a supervision conversation help? Only the peer supervisor who accepts sees what you share.',
    buttons: [{ actionId: actions.supervision, label: 'Ask for supervision', value: 'checkin' }],
    tone: 'info',
  };
}

export function professionalMessage(professionalSupport: string, supportLines: string): Message {
  return {
    title: 'Support beyond the network',
    text: `Four weeks on from a difficult incident, it is completely normal to still be struggling, and it is a good time to talk to someone trained for this: ${professionalSupport}. If you need help now: ${supportLines}. ${EMERGENCY}`,
    tone: 'info',
  };
}

export function softReminderMessage(checkinId: string, supportLines: string): Message {
  return {
    title: 'Check-in',
    text: `No pressure: your last check-in is still here if you would like to answer it. If now is not a good time, that is fine too. If you need help now: ${supportLines}. ${EMERGENCY}`,
    buttons: answerButtons(checkinId),
    tone: 'info',
  };
}

const NUDGE_WHY: Record<FollowUpRule, string> = {
  struggling: 'might welcome a call or a message from you',
  call_requested: 'would welcome a call from a peer',
  asked_for_call: 'would welcome a call from a peer',
  missed_three: 'has not answered their last few check-ins; a friendly hello might be welcome',
  missed_once: '',
  stretched_twice: '',
  trim_professional: '',
  offered_directly: '',
};

/** The content-free nudge: a name and a request to reach out, never an answer or their words. */
export function nudgeMessage(input: {
  followUpId: string;
  name: string;
  rule: FollowUpRule;
  asSupporter: boolean;
  sharedAnswer?: string;
}): Message {
  // Only a supporter the mentor shared the answer with learns the answer (one word); nobody learns more.
  const why = input.sharedAnswer
    ? `shared with you in their check-in that they are ${input.sharedAnswer}, and ${NUDGE_WHY[input.rule]}`
    : NUDGE_WHY[input.rule];
  return {
    title: 'Please reach out',
    text: [
      `${input.name} ${why}. ${input.asSupporter ? 'You are their chosen supporter.' : 'They have no chosen supporter, so the duty coordinator is asked.'} Please get in touch kindly, today if you can; there is nothing to report back beyond closing this.`,
      EMERGENCY,
    ].join('\n\n'),
    buttons: [
      { actionId: actions.close, label: 'I reached out', value: `${input.followUpId}:reached_out`, style: 'primary' },
      { actionId: actions.close, label: 'No need', value: `${input.followUpId}:no_need` },
    ],
    tone: 'info',
  };
}

export function ownSection(input: {
  trend: string;
  count: number;
  next: string | null;
  consent: Consent;
  supporterName: string | null;
}): Message {
  return {
    title: 'Your check-ins',
    text: `Your last answers (oldest first; ● well, ◐ stretched, ○ struggling, · missed): ${input.trend}`,
    fields: [
      { label: 'Next check-in', value: input.next ?? 'paused' },
      { label: 'Who sees your answers by default', value: consentLabels[input.consent] },
    ],
  };
}

export function coordinatorSection(input: {
  totals: { well: string; stretched: string; struggling: string };
  flags: { followUpId: string; name: string }[];
}): Message {
  return {
    title: 'Welfare (last 4 weeks)',
    text: `Network totals of shared check-in answers: doing well ${input.totals.well}; stretched ${input.totals.stretched}; struggling ${input.totals.struggling}. ${
      input.flags.length ? 'Please reach out to:' : 'Nobody is waiting for a call.'
    }`,
    fields: input.flags.map((f) => ({ label: f.name, value: 'asked to reach out' })),
    buttons: input.flags.slice(0, 5).map((f) => ({
      actionId: actions.close,
      label: `Reached out: ${f.name}`.slice(0, 70),
      value: `${f.followUpId}:reached_out`,
    })),
  };
}

/** The intro of the settings form: the mentor's zone, who sees their answers, their last answers. */
export function settingsIntro(input: { zone: string; consent: Consent; supporterName: string | null; trend: string }) {
  const seenBy =
    input.consent !== 'supporter'
      ? 'only you'
      : input.supporterName
        ? `you and ${input.supporterName}`
        : 'you and the duty coordinator (you have no chosen supporter)';
  return `Times are in your time zone (${input.zone}); if a clock change skips your time, it comes at the first minute after; if it repeats, once. Your answers are seen by default by: ${seenBy}. Your last answers: ${input.trend}`;
}

export const schedulePausedMessage: Message = {
  text: 'Check-ins are paused. Turn them back on any time with /checkin settings. Look after yourself.',
  tone: 'success',
};

export const scheduleSavedMessage = (next: Date | undefined, zone: string): Message => ({
  text: `Saved. Your next check-in is on ${next ? localTime(next, zone) : 'your next chosen day'} (${zone}).`,
  tone: 'success',
});

export const snoozedMessage = (at: Date, zone: string): Message => ({
  text: `Of course. I will ask again on ${localTime(at, zone)}.`,
});

export const addedMessage: Message = {
  text: 'Saved, privately. Thank you for taking a moment for yourself.',
  tone: 'success',
};

/** The mentor asked for a call: who was asked, or where to turn when nobody can be. */
export const callAskedMessage = (asked: string | null, supportLines: string): Message =>
  asked
    ? {
        text: `I have asked ${asked} to give you a call. They are told only that you would welcome a call, nothing more.`,
        tone: 'success',
      }
    : {
        text: `There is nobody I can ask right now, sorry. Please use the support lines: ${supportLines}. ${EMERGENCY}`,
        tone: 'warning',
      };

/** To the mentor after a struggling answer they shared: who was asked to reach out. */
export const askedToReachOutMessage = (asked: string, supportLines: string): Message => ({
  text: `Thank you for telling us. I have asked ${asked} to reach out to you; they are told only that you might welcome a call, never your words. If you need help now: ${supportLines}. ${EMERGENCY}`,
  tone: 'info',
});

export const followUpClosedMessage = (name: string, closure: 'reached_out' | 'no_need'): Message => ({
  text:
    closure === 'reached_out'
      ? `Thank you for reaching out to ${name}.`
      : `Noted: no need to reach out to ${name} this time. Thank you.`,
  tone: 'success',
});
