// The wording of members' commands: the roster, being away, a chosen supporter, leaving, linking
// accounts, merging members and the open-membership warning.
import { DateTime } from 'luxon';
import type { Message } from '../../core/message.js';
import type { Platform } from '../../core/roles.js';

export const linkActions = {
  joinConfirm: 'link.join.confirm',
  joinCancel: 'link.join.cancel',
  issuerConfirm: 'link.issuer.confirm',
  issuerCancel: 'link.issuer.cancel',
} as const;

export const MERGE_CONFIRM = 'network.merge.confirm';
export const DEACTIVATE_CONFIRM = 'network.deactivate.confirm';

const platformNames: Record<Platform, string> = { slack: 'Slack', discord: 'Discord', shell: 'terminal' };
export const platformName = (p: Platform) => platformNames[p];

/** A day as these messages show it: `23 November 2026`. */
const longDay = (at: DateTime) => at.toFormat('d LLLL yyyy');
const day = (at: Date, zone: string) => longDay(DateTime.fromJSDate(at, { zone }));

/** Shown to the account that entered the code: who it would join, and a choice. */
export function joinPreview(input: {
  linkId: string;
  platform: Platform;
  issuerName: string;
  issuerSince: Date;
  timeZone: string;
}): Message {
  return {
    title: 'Link this account?',
    text:
      `This will join your ${platformName(input.platform)} account to ${input.issuerName}'s account (member since ${day(input.issuerSince, input.timeZone)}). ` +
      `From then on, what you do here is recorded as ${input.issuerName}'s. Confirm only if that account is yours; ${input.issuerName} will be asked to confirm too, and nothing is linked until both of you have.`,
    buttons: [
      { actionId: linkActions.joinConfirm, label: 'Confirm', value: input.linkId, style: 'primary' },
      { actionId: linkActions.joinCancel, label: 'Cancel', value: input.linkId },
    ],
    tone: 'warning',
  };
}

/** Sent to the member who made the code, once the other account has confirmed. */
export function issuerQuestion(input: { linkId: string; platform: Platform; joinerName: string }): Message {
  return {
    title: 'Confirm linking an account',
    text:
      `The link code you made was entered on ${platformName(input.platform)} by the account "${input.joinerName}", asking to join your account. ` +
      'Confirm only if that account is yours: what it does will be recorded as yours. If it is not yours, choose Cancel and tell a coordinator.',
    buttons: [
      { actionId: linkActions.issuerConfirm, label: 'Confirm', value: input.linkId, style: 'primary' },
      { actionId: linkActions.issuerCancel, label: 'Cancel', value: input.linkId },
    ],
    tone: 'warning',
  };
}

export const waitingForIssuer = (issuerName: string, platforms: Platform[]): Message => ({
  text: `Thank you. ${issuerName} has been sent a message on ${platforms.map(platformName).join(' and ')} to confirm; nothing is linked until they do (within 15 minutes).`,
  tone: 'info',
});

export const linkedMessage = (displayName: string, platforms: Platform[]): Message => ({
  text: `Linked. You are ${displayName} on ${platforms.join(' and ')}: one member, one set of records.`,
  tone: 'success',
});

export const linkCancelled = (by: 'you' | 'other'): Message => ({
  text:
    by === 'you'
      ? 'Cancelled: nothing was linked. If you did not expect this request, tell a coordinator; make a new code with /link only when you need one.'
      : 'The account link was cancelled on the other side, so nothing was linked. Run /link again if you still want to link your accounts.',
  tone: 'info',
});

/** The joining account holds records of its own: linking would have to move them, which only a coordinator does. */
export function linkRefused(issuerName: string, reason: 'records' | 'accounts'): Message {
  return {
    title: 'Not linked',
    text:
      (reason === 'records'
        ? `This account already has records of its own (such as debriefs, check-in answers or requests), so it cannot simply be joined to ${issuerName}'s account. Nothing has been moved or changed. `
        : `This account is already linked with another account, so it cannot simply be joined to ${issuerName}'s account. Nothing has been moved or changed. `) +
      'If both accounts are yours, a coordinator can merge them with /network merge, which moves everything across in one step. If someone else gave you this code, do not use it, and please tell a coordinator.',
    tone: 'warning',
  };
}

export const linkNotPossible = (text: string): Message => ({
  text: `Not linked: ${text} Nothing has been moved; run /link again if you still want to link your accounts.`,
  tone: 'warning',
});

export interface MergeCount {
  label: string;
  count: number;
}

export function mergePreview(input: {
  fromId: string;
  intoId: string;
  fromName: string;
  intoName: string;
  intoSince: Date;
  intoRoles: string[];
  timeZone: string;
  counts: MergeCount[];
}): Message {
  const moving = input.counts.filter((c) => c.count > 0);
  return {
    title: `Merge ${input.fromName} into ${input.intoName}?`,
    text:
      `${moving.length ? 'This moves everything below' : `${input.fromName} holds nothing but their account, which moves`} to ${input.intoName} (member since ${day(input.intoSince, input.timeZone)}), ` +
      `and marks ${input.fromName} as left. ${input.intoName}'s roles stay as they are (${input.intoRoles.join(', ') || 'none'}). Only merge two accounts of one person. Both are audited.`,
    fields: moving.map((c) => ({ label: c.label, value: String(c.count) })),
    buttons: [
      {
        actionId: MERGE_CONFIRM,
        label: `Merge into ${input.intoName}`,
        value: `${input.fromId}:${input.intoId}`,
        style: 'danger',
      },
    ],
    tone: 'warning',
  };
}

export const mergedMessage = (fromName: string, intoName: string, platforms: Platform[]): Message => ({
  text: `Merged. ${fromName}'s records and accounts are now ${intoName}'s (${platforms.join(' and ')}), and ${fromName} is marked as left.`,
  tone: 'success',
});

export const mergedNotice = (intoName: string, platforms: Platform[]): Message => ({
  text: `A coordinator merged your accounts: you are ${intoName} on ${platforms.join(' and ')}, with one set of records. If this is wrong, please tell a coordinator.`,
  tone: 'info',
});

/** Coordinators' warning while anyone in a shared Slack workspace or Discord server can join. */
export const OPEN_MEMBERSHIP_WARNING =
  'Membership is open: anyone in your Slack workspace or Discord server who uses the bot becomes a mentor, and a mentor can page the duty coordinator with a P1. For real use, choose "By invitation only" in /network settings (or set MEMBERSHIP=invite), and add members with /network add.';

export const OPEN_MEMBERSHIP_HINT =
  'Open lets anyone in the workspace or server join as a mentor. Use invitation only for real use.';

export const openMembershipSection = (): Message => ({
  title: 'Membership is open',
  text: OPEN_MEMBERSHIP_WARNING,
  tone: 'warning',
});

export const supporterChosen = (name: string | null): Message =>
  name
    ? {
        text: `${name} is now your chosen supporter. If a check-in says you are struggling and you share it with them, they get a gentle nudge to reach out; nothing more.`,
        tone: 'success',
      }
    : {
        text: 'You have no chosen supporter now. If you are struggling, the duty coordinator is told instead, only when you say so.',
      };

/** Away until `until` (the day after the last day away), or back now. */
export const awayMessage = (until: Date | null, zone: string): Message => ({
  text: until
    ? `You are away until ${longDay(DateTime.fromJSDate(until, { zone }).minus({ days: 1 }))}. Check-ins, prompts and supervision offers pause until then. Look after yourself.`
    : 'Welcome back. Check-ins and offers resume as before.',
  tone: 'success',
});

export const linkCodeMessage = (code: string): Message => ({
  text: `Your one-time link code is ${code}. Within 15 minutes, run /link with this code on your other platform (Slack or Discord). It works once.`,
});

export function memberList(
  members: {
    displayName: string;
    roles: string[];
    status: string;
    awayUntil: Date | null;
    identities: { platform: Platform }[];
  }[],
): Message {
  return {
    title: `Members (${members.length})`,
    text: 'Name, roles, status and linked platforms.',
    fields: members.map((m) => ({
      label: m.displayName,
      value: `${m.roles.join(', ') || 'no role'}; ${m.status === 'away' && m.awayUntil ? `away until ${m.awayUntil.toISOString().slice(0, 10)}` : m.status}; ${m.identities.map((i) => i.platform).join('+')}`,
    })),
  };
}

/** Asked before deactivating: what the member holds, and the button that goes ahead. */
export function deactivatePreview(
  member: { id: string; displayName: string },
  held: { name: string; items: string[] }[],
): Message {
  return {
    title: `Deactivate ${member.displayName}?`,
    text: held.length
      ? 'They hold the following, which will be handed on or closed:'
      : 'They hold nothing that needs handing on. After this they can run nothing and receive nothing.',
    fields: held.map((h) => ({ label: h.name, value: h.items.join(', ') })),
    buttons: [
      {
        actionId: DEACTIVATE_CONFIRM,
        label: `Deactivate ${member.displayName}`,
        value: member.id,
        style: 'danger',
      },
    ],
    tone: 'warning',
  };
}
