// Members: profiles, availability, contact methods, time zones, linked accounts and administration
// by coordinators. The declaration of what this feature adds to an app (use cases beside it).
import type { Message } from '../../core/message.js';
import type { Role } from '../../core/roles.js';
import { idPair, idValue, noValue } from '../../core/values.js';
import { action, defineFeature, form } from '../feature.js';
import { mentorRecordMessage, mentorView } from '../mentors/api.js';
import { profileContact } from './contact-command.js';
import { contactHolding } from './contact.js';
import { profileForm, profileMessage, settingsForm } from './forms.js';
import { memberJobs } from './jobs.js';
import { deactivateMember, deactivationPreview, draftHolding, supporterHolding } from './leaving.js';
import { cancelLink, confirmLink, enterLinkCode, issueLinkCode } from './linking.js';
import { membershipIsOpenToStrangers } from './membership.js';
import { mergeCounts, mergeMembers, mergePair } from './merge.js';
import {
  awayMessage,
  DEACTIVATE_CONFIRM,
  deactivatePreview,
  linkActions,
  linkCodeMessage,
  memberList,
  MERGE_CONFIRM,
  mergedMessage,
  mergedNotice,
  mergePreview,
  openMembershipSection,
  supporterChosen,
} from './messages.js';
import { networkSettings, saveSettings } from './network-settings.js';
import { chooseSupporter, profileFormFor, profileView, setAway, updateProfile } from './profile.js';
import { addMember, changeRole, findMember, listMembers, setSpecialisms } from './roster.js';
import { setTimeZone, submitTimeZone, timeZoneAskOnce, zoneValue } from './time-zone.js';
import { TIME_ZONE_CHOOSE, TIME_ZONE_KEEP, timeZoneForm, timeZoneFormFor } from './time-zone-forms.js';

const toActor = (message: Message) => ({ replies: [{ to: 'actor' as const, message }] });
const done = (text: string) => toActor({ text, tone: 'success' });

export const members = defineFeature({
  name: 'members',
  commands: {
    // A mentor's own record (vetting, training, capacity, coach) comes with their profile.
    'profile.show': async (ctx) => ({
      replies: [
        { to: 'actor', message: profileMessage(await profileView(ctx.tx, ctx.actor.memberId)) },
        ...(ctx.actor.roles.includes('mentor')
          ? [{ to: 'actor' as const, message: mentorRecordMessage(await mentorView(ctx, ctx.actor.memberId), true) }]
          : []),
      ],
    }),
    'profile.edit': async (ctx) => ({ form: await profileFormFor(ctx) }),
    'profile.supporter': async (ctx, options) =>
      toActor(supporterChosen(await chooseSupporter(ctx, String(options.member)))),
    'profile.contact': profileContact,
    'away.set': async (ctx, options) =>
      toActor(awayMessage(await setAway(ctx, String(options.until)), ctx.actor.timeZone)),
    'link.run': async (ctx, options) =>
      options.code
        ? { replies: await enterLinkCode(ctx, String(options.code)) }
        : toActor(linkCodeMessage(await issueLinkCode(ctx))),
    'network.list': async (ctx) => toActor(memberList(await listMembers(ctx.tx))),
    'network.add': async (ctx, options) => {
      const role = (options.role as Role | undefined) ?? 'mentor';
      const name = await addMember(ctx, String(options.user), String(options.name), role);
      return done(`${name} is now a member (${String(options.role ?? 'mentor')}).`);
    },
    'network.role': async (ctx, options) => {
      const change = (options.change as 'grant' | 'revoke' | undefined) ?? 'grant';
      const result = await changeRole(ctx, String(options.member), options.role as Role, change);
      return done(`${result.displayName} now holds: ${result.roles.join(', ') || 'no role'}.`);
    },
    'network.specialisms': async (ctx, options) => {
      const result = await setSpecialisms(ctx, String(options.member), String(options.specialisms));
      return done(`${result.displayName}'s specialisms: ${result.specialisms.join(', ') || 'none'}.`);
    },
    'network.deactivate': async (ctx, options) => {
      const { member, held } = await deactivationPreview(ctx, String(options.member), ctx.app.holdings);
      return toActor(deactivatePreview(member, held));
    },
    'network.merge': async (ctx, options) => {
      const from = await findMember(ctx, String(options.from));
      const into = await findMember(ctx, String(options.into));
      await mergePair(ctx, from.id, into.id);
      const counts = await mergeCounts(ctx.tx, from.id, into.id);
      return toActor(
        mergePreview({
          fromId: from.id,
          intoId: into.id,
          fromName: from.displayName,
          intoName: into.displayName,
          intoSince: into.createdAt,
          intoRoles: into.roles,
          timeZone: ctx.actor.timeZone,
          counts,
        }),
      );
    },
    'network.settings': networkSettings,
  },
  forms: [
    form(profileForm, async (ctx, values) => {
      await updateProfile(ctx, values);
      return done('Your profile is saved.');
    }),
    form(settingsForm, async (ctx, values) => {
      await saveSettings(ctx, values);
      return done('Network settings saved.');
    }),
    form(timeZoneForm, submitTimeZone),
  ],
  actions: [
    action('profile.edit', 'anyMember', noValue, async (ctx) => ({ form: await profileFormFor(ctx) })),
    action(linkActions.joinConfirm, 'anyMember', idValue, async (ctx, linkId) => ({
      replies: await confirmLink(ctx, linkId, 'joiner'),
    })),
    action(linkActions.joinCancel, 'anyMember', idValue, async (ctx, linkId) => ({
      replies: await cancelLink(ctx, linkId, 'joiner'),
    })),
    action(linkActions.issuerConfirm, 'anyMember', idValue, async (ctx, linkId) => ({
      replies: await confirmLink(ctx, linkId, 'issuer'),
    })),
    action(linkActions.issuerCancel, 'anyMember', idValue, async (ctx, linkId) => ({
      replies: await cancelLink(ctx, linkId, 'issuer'),
    })),
    action(DEACTIVATE_CONFIRM, 'admin', idValue, async (ctx, memberId) => {
      const name = await deactivateMember(ctx, ctx.app.holdings, memberId);
      return done(
        `${name} is deactivated. What they held was handed on; they can run nothing and receive nothing now.`,
      );
    }),
    action(MERGE_CONFIRM, 'admin', idPair, async (ctx, pair) => {
      const [fromId, intoId] = pair.split(':') as [string, string];
      const merged = await mergeMembers(ctx, fromId, intoId);
      return {
        replies: [
          { to: 'actor', message: mergedMessage(merged.fromName, merged.intoName, merged.platforms) },
          { to: 'member', memberId: intoId, message: mergedNotice(merged.intoName, merged.platforms) },
        ],
      };
    }),
    action(TIME_ZONE_KEEP, 'anyMember', zoneValue, setTimeZone),
    action(TIME_ZONE_CHOOSE, 'anyMember', noValue, async (ctx) => ({ form: timeZoneFormFor(ctx.actor.timeZone) })),
  ],
  home: [
    {
      precondition: 'admin',
      build: async ({ deps }) =>
        (await membershipIsOpenToStrangers(deps.db, deps.config)) ? openMembershipSection() : undefined,
    },
  ],
  holdings: [supporterHolding, draftHolding, contactHolding],
  jobs: memberJobs,
  // Discord gives no time zone: its members are asked once, with their first answer.
  firstUse: timeZoneAskOnce,
});
