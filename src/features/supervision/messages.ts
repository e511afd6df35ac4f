// What peer supervision says: a request's acknowledgement, offers and how they close, the notes to
// requesters, supervisors and coordinators, the after-checks and the group session post.
import type { Button, Message } from '../../core/message.js';
import { EMERGENCY, when } from '../../core/wording.js';
import { actions, groupTopicChoices } from './forms.js';
import { formatLabel, plainDuration, topicLabel, urgencyLabel, type Exclusion, type Ranked } from './policy.js';

/** The emergency sentence, with where an urgent safety concern goes. */
export const EMERGENCY_OR_ESCALATE = `${EMERGENCY.replace(/\.$/, '')}; for an urgent safety concern, use /escalate.`;

/** What a message may show of a request (never its summary, never who asked). */
export interface RequestFacts {
  id: string;
  number: number;
  topic: string;
  urgency: string;
  format: string;
}

const asked = (req: RequestFacts) => [
  { label: 'Topic', value: topicLabel(req.topic) },
  { label: 'How soon', value: urgencyLabel(req.urgency) },
  { label: 'Format', value: formatLabel(req.format) },
];

const toneOf = (req: RequestFacts): Message['tone'] => (req.urgency === 'today' ? 'warning' : 'info');

/** What the requester is told when a request is made (by the form or by another feature). */
export function requestedMessage(number: number, offered: boolean): Message {
  return {
    title: `Supervision request #${number}`,
    text: `${offered ? 'Thank you for asking. A peer supervisor has been asked privately' : 'Thank you for asking. No peer supervisor is free right now, so a coordinator has been asked to find someone'}; you will hear as soon as someone accepts. /supervision list shows where it stands. ${EMERGENCY_OR_ESCALATE}`,
    tone: 'success',
  };
}

/** An offer to one peer supervisor: what is asked, never who asks or their summary. */
export function offerMessage(req: RequestFacts, offerId: string, windowMs: number): Message {
  return {
    title: `Can you offer peer supervision? (request #${req.number})`,
    text: `A fellow mentor has asked for peer supervision. Who it is, and their summary, are shared with you when you accept. If you cannot take it, Decline passes it on straight away; with no answer within ${plainDuration(windowMs)} it passes on by itself. No harm done either way.`,
    fields: asked(req),
    buttons: [
      { actionId: actions.accept, label: 'Accept', value: offerId, style: 'primary' },
      { actionId: actions.decline, label: 'Decline', value: offerId },
    ],
    tone: toneOf(req),
  };
}

/** An offer's message once it is answered or passed on. */
export const closedOffer = (number: number, what: string): Message => ({
  title: `Supervision request #${number}`,
  text: what,
});

/** A coordinator's Assign button for each of the best supervisors. */
export const assignButtons = (requestId: string, ranked: readonly Ranked[]): Button[] =>
  ranked.map((r) => ({
    actionId: actions.assign,
    label: `Assign ${r.displayName}`.slice(0, 60),
    value: `${requestId}:${r.memberId}`,
  }));

/** To the coordinators when nobody accepted (or nobody could be asked): content-minimal. */
export function needsSupervisorMessage(req: RequestFacts, askedCount: number, byHand: readonly Ranked[]): Message {
  return {
    title: `Supervision request #${req.number} needs a peer supervisor`,
    text: `${askedCount ? `${askedCount} peer supervisor${askedCount === 1 ? ' was' : 's were'} asked and nobody accepted.` : 'No peer supervisor is free to be asked.'} Please assign someone by hand${byHand.length ? ' (best first):' : '; /supervision list shows the request.'}`,
    fields: [
      { label: 'How soon', value: urgencyLabel(req.urgency) },
      { label: 'Topic', value: topicLabel(req.topic) },
      { label: 'Format', value: formatLabel(req.format) },
    ],
    buttons: assignButtons(req.id, byHand),
    tone: toneOf(req),
  };
}

/** To the requester when the supervisors asked so far could not take it. */
export const stillLookingMessage = (number: number): Message => ({
  text: `About your supervision request #${number}: the peer supervisors asked so far could not take it, so a coordinator is now finding someone for you. You have not been forgotten. ${EMERGENCY_OR_ESCALATE}`,
  tone: 'info',
});

/** To the requester when their supervisor left after accepting. */
export const rematchingMessage = (number: number): Message => ({
  text: `The peer supervisor who took your request #${number} is no longer with the network, so we are finding you someone else. You will hear as soon as someone accepts. ${EMERGENCY_OR_ESCALATE}`,
});

/** To the requester once a supervisor accepted or was assigned. */
export const supportedMessage = (req: RequestFacts, supervisor: string, how: 'offer' | 'assigned'): Message => ({
  title: `Supervision request #${req.number}: ${supervisor} will support you`,
  text: `${supervisor} has ${how === 'offer' ? 'accepted' : 'been asked by a coordinator to take'} your request and will be in touch to arrange a ${formatLabel(req.format)}. You can message them directly too.`,
  tone: 'success',
});

/** To a supervisor a coordinator assigned. */
export const assignedMessage = (req: RequestFacts, requester: string): Message => ({
  title: `Supervision request #${req.number}: assigned to you`,
  text: `A coordinator has asked you to support ${requester} (${topicLabel(req.topic)}, ${urgencyLabel(req.urgency)}, ${formatLabel(req.format)}). Please get in touch to arrange it. Their summary is for you only.`,
  buttons: [{ actionId: actions.showSummary, label: 'Show the summary', value: req.id }],
  tone: 'info',
});

const excluded: Partial<Record<Exclusion, string>> = {
  case_conflict: 'is assigned to the same case (a conflict of interest)',
  away: 'is away',
  requester: 'made the request',
  inactive: 'is no longer active',
  not_peer_supervisor: 'is not a peer supervisor',
};

/** Why a coordinator cannot assign someone. */
export const cannotTake = (name: string, number: number, why: Exclusion) =>
  `${name} cannot take request #${number}: they ${excluded[why] ?? 'are not eligible'}.`;

/** The accepting supervisor's private view of a request, with the summary. */
export function summaryView(
  req: RequestFacts & { caseCode: string | null },
  requester: string,
  summary: string,
  justAccepted: boolean,
): Message {
  return {
    title: `Supervision request #${req.number} from ${requester}`,
    text: `${justAccepted ? `Thank you for taking this on. Please get in touch with ${requester} to arrange a ${formatLabel(req.format)}. ` : ''}The summary is for you only; please do not pass it on.`,
    fields: [
      ...asked(req),
      ...(req.caseCode ? [{ label: 'Case code', value: req.caseCode }] : []),
      { label: 'Their summary', value: summary },
    ],
    tone: 'info',
  };
}

/** The after-check to the supervisor: did it happen? */
export const askSupervisorMessage = (req: RequestFacts, requester: string, round: number): Message => ({
  title: `Supervision request #${req.number}`,
  text: `Did your supervision with ${requester} happen? If it did, you can add a short note and a follow-up date for yourself.`,
  buttons: [
    { actionId: actions.supervisorHappened, label: 'It happened', value: req.id, style: 'primary' },
    { actionId: actions.supervisorNotYet, label: 'Not yet', value: `${req.id}:${round}` },
    { actionId: actions.supervisorWontHappen, label: 'It will not happen', value: req.id },
  ],
});

/** The after-check to the requester: did it happen, and did it help? */
export const askRequesterMessage = (req: RequestFacts, supervisor: string, round: number): Message => ({
  title: `Supervision request #${req.number}`,
  text: `Did your supervision with ${supervisor} happen, and did it help? Your answer helps us keep supervision useful; it is not shared with them.`,
  buttons: [
    { actionId: actions.requesterHelped, label: 'Yes, it helped', value: req.id, style: 'primary' },
    { actionId: actions.requesterNotHelped, label: 'Yes, not much help', value: req.id },
    { actionId: actions.requesterNotYet, label: 'Not yet', value: `${req.id}:${round}` },
  ],
});

/** A group session's theme: its own choices first, then the request topics. */
export const groupThemeLabel = (topic: string) =>
  groupTopicChoices.find((c) => c.value === topic)?.label ?? topicLabel(topic);

/** The learning channel's post of a group session, with the places left. */
export function groupPostMessage(
  group: { id: string; startsAt: Date; topic: string; capacity: number },
  left: number,
  zone: string,
): Message {
  const leave = { actionId: actions.groupLeave, label: 'Cancel my place', value: group.id };
  return {
    title: `Group supervision: ${groupThemeLabel(group.topic)}`,
    text: `${when(group.startsAt, zone)} (${zone}). ${left ? `${left} of ${group.capacity} places left.` : 'This session is full.'} Sign up below; reminders come the day before and an hour before.`,
    buttons: left
      ? [{ actionId: actions.groupSignUp, label: 'Sign up', value: group.id, style: 'primary' }, leave]
      : [leave],
  };
}
