// The wording of linking accounts, merging members and the open-membership warning.
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

const platformNames: Record<Platform, string> = { slack: 'Slack', discord: 'Discord', shell: 'terminal' };
export const platformName = (p: Platform) => platformNames[p];

const day = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('d LLLL yyyy');

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
