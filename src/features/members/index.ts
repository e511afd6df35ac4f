import { DateTime } from 'luxon';
import type { Message } from '../../core/message.js';
import { Refusal, type HandlerContext, type Router } from '../../core/router.js';
import type { Role } from '../../core/roles.js';
import { readSettings } from '../../core/settings.js';
import { idPair, idValue, noValue } from '../../core/values.js';
import { changeDigestThresholds, namesThresholds } from '../digest/api.js';
import { registerContact } from './contact-verify.js';
import { mentorRecordMessage } from '../mentors/api.js';
import { mentorView } from '../mentors/api.js';
import { profileForm, profileMessage, settingsForm } from './forms.js';
import { cancelLink, confirmLink, enterLinkCode, issueLinkCode } from './linking.js';
import { mergeCounts, mergeMembers, mergePair } from './merge.js';
import {
  linkActions,
  MERGE_CONFIRM,
  mergedMessage,
  mergedNotice,
  mergePreview,
  openMembershipSection,
} from './messages.js';
import { membershipIsOpenToStrangers, settingsFormFor } from './membership.js';
import { registerTimeZone } from './time-zone.js';
import { changeMentorCare, namesMentorCare } from '../mentors/api.js';
import {
  addMember,
  changeRole,
  chooseSupporter,
  deactivateMember,
  draftHolding,
  findMember,
  holdingsOf,
  listMembers,
  profileView,
  saveSettings,
  setAway,
  setSpecialisms,
  supporterHolding,
  updateProfile,
} from './service.js';

const say = (text: string, extra: Omit<Message, 'text'> = {}) => ({
  replies: [{ to: 'actor' as const, message: { text, ...extra } }],
});

async function openProfileForm(ctx: HandlerContext) {
  const p = await profileView(ctx.tx, ctx.actor.memberId);
  return {
    form: {
      form: profileForm,
      initial: {
        displayName: p.displayName,
        timeZone: p.timeZone,
        specialisms: p.specialisms.join(','),
        region: p.region ?? '',
        languages: p.languages.join(', '),
      },
    },
  };
}

/** The last day away, in the member's zone, as the instant they are back. */
function backAt(text: string, ctx: HandlerContext): Date | null {
  if (text.trim().toLowerCase() === 'back') return null;
  const day = DateTime.fromFormat(text.trim(), 'yyyy-MM-dd', { zone: ctx.actor.timeZone });
  if (!day.isValid)
    throw new Refusal('Please give the last day you are away as YYYY-MM-DD, or "back" when you have returned.');
  const back = day.plus({ days: 1 }).startOf('day');
  if (back.toJSDate() <= ctx.now) throw new Refusal('That date has passed. Give your last day away, or "back".');
  if (back.diff(DateTime.fromJSDate(ctx.now), 'days').days > 366)
    throw new Refusal('Away periods can be up to a year; a coordinator can help with longer breaks.');
  return back.toJSDate();
}

export function registerMembers(router: Router): void {
  router.holding(supporterHolding);
  router.holding(draftHolding);
  registerContact(router);
  registerTimeZone(router);

  // A mentor's own record (vetting, training, capacity, coach) comes with their profile.
  router.command('profile.show', async (ctx) => ({
    replies: [
      { to: 'actor', message: profileMessage(await profileView(ctx.tx, ctx.actor.memberId)) },
      ...(ctx.actor.roles.includes('mentor')
        ? [{ to: 'actor' as const, message: mentorRecordMessage(await mentorView(ctx, ctx.actor.memberId), true) }]
        : []),
    ],
  }));
  router.command('profile.edit', openProfileForm);
  router.action('profile.edit', 'anyMember', openProfileForm, noValue);
  router.form(profileForm, async (ctx, values) => {
    await updateProfile(ctx, values);
    return say('Your profile is saved.', { tone: 'success' });
  });
  router.command('profile.supporter', async (ctx, options) => {
    const name = await chooseSupporter(ctx, String(options.member));
    return name
      ? say(
          `${name} is now your chosen supporter. If a check-in says you are struggling and you share it with them, they get a gentle nudge to reach out; nothing more.`,
          { tone: 'success' },
        )
      : say(
          'You have no chosen supporter now. If you are struggling, the duty coordinator is told instead, only when you say so.',
        );
  });

  router.command('away.set', async (ctx, options) => {
    const until = backAt(String(options.until), ctx);
    await setAway(ctx, until);
    return until
      ? say(
          `You are away until ${DateTime.fromJSDate(until, { zone: ctx.actor.timeZone }).minus({ days: 1 }).toFormat('d LLLL yyyy')}. Check-ins, prompts and supervision offers pause until then. Look after yourself.`,
          { tone: 'success' },
        )
      : say('Welcome back. Check-ins and offers resume as before.', { tone: 'success' });
  });

  router.command('link.run', async (ctx, options) => {
    if (!options.code) {
      const code = await issueLinkCode(ctx);
      return say(
        `Your one-time link code is ${code}. Within 15 minutes, run /link with this code on your other platform (Slack or Discord). It works once.`,
      );
    }
    return { replies: await enterLinkCode(ctx, String(options.code)) };
  });
  router.action(
    linkActions.joinConfirm,
    'anyMember',
    async (ctx, linkId) => ({ replies: await confirmLink(ctx, linkId, 'joiner') }),
    idValue,
  );
  router.action(
    linkActions.joinCancel,
    'anyMember',
    async (ctx, linkId) => ({ replies: await cancelLink(ctx, linkId, 'joiner') }),
    idValue,
  );
  router.action(
    linkActions.issuerConfirm,
    'anyMember',
    async (ctx, linkId) => ({ replies: await confirmLink(ctx, linkId, 'issuer') }),
    idValue,
  );
  router.action(
    linkActions.issuerCancel,
    'anyMember',
    async (ctx, linkId) => ({ replies: await cancelLink(ctx, linkId, 'issuer') }),
    idValue,
  );

  router.command('network.list', async (ctx) => {
    const members = await listMembers(ctx.tx);
    return {
      replies: [
        {
          to: 'actor',
          message: {
            title: `Members (${members.length})`,
            text: 'Name, roles, status and linked platforms.',
            fields: members.map((m) => ({
              label: m.displayName,
              value: `${m.roles.join(', ') || 'no role'}; ${m.status === 'away' && m.awayUntil ? `away until ${m.awayUntil.toISOString().slice(0, 10)}` : m.status}; ${m.identities.map((i) => i.platform).join('+')}`,
            })),
          },
        },
      ],
    };
  });
  router.command('network.add', async (ctx, options) => {
    const name = await addMember(
      ctx,
      String(options.user),
      String(options.name),
      (options.role as Role | undefined) ?? 'mentor',
    );
    return say(`${name} is now a member (${String(options.role ?? 'mentor')}).`, { tone: 'success' });
  });
  router.command('network.role', async (ctx, options) => {
    const change = (options.change as 'grant' | 'revoke' | undefined) ?? 'grant';
    const result = await changeRole(ctx, String(options.member), options.role as Role, change);
    return say(`${result.displayName} now holds: ${result.roles.join(', ') || 'no role'}.`, { tone: 'success' });
  });
  router.command('network.specialisms', async (ctx, options) => {
    const result = await setSpecialisms(ctx, String(options.member), String(options.specialisms));
    return say(`${result.displayName}'s specialisms: ${result.specialisms.join(', ') || 'none'}.`, { tone: 'success' });
  });
  router.command('network.deactivate', async (ctx, options) => {
    const member = await findMember(ctx, String(options.member));
    if (member.id === ctx.actor.memberId)
      throw new Refusal('You cannot deactivate yourself; ask another coordinator or admin.');
    const held = await holdingsOf(ctx.tx, router.holdings, member.id);
    return {
      replies: [
        {
          to: 'actor',
          message: {
            title: `Deactivate ${member.displayName}?`,
            text: held.length
              ? 'They hold the following, which will be handed on or closed:'
              : 'They hold nothing that needs handing on. After this they can run nothing and receive nothing.',
            fields: held.map((h) => ({ label: h.name, value: h.items.join(', ') })),
            buttons: [
              {
                actionId: 'network.deactivate.confirm',
                label: `Deactivate ${member.displayName}`,
                value: member.id,
                style: 'danger',
              },
            ],
            tone: 'warning',
          },
        },
      ],
    };
  });
  router.action(
    'network.deactivate.confirm',
    'admin',
    async (ctx, memberId) => {
      const name = await deactivateMember(ctx, router.holdings, memberId);
      return say(
        `${name} is deactivated. What they held was handed on; they can run nothing and receive nothing now.`,
        { tone: 'success' },
      );
    },
    idValue,
  );
  router.command('network.merge', async (ctx, options) => {
    const from = await findMember(ctx, String(options.from));
    const into = await findMember(ctx, String(options.into));
    await mergePair(ctx, from.id, into.id);
    const counts = await mergeCounts(ctx.tx, from.id, into.id);
    const message = mergePreview({
      fromId: from.id,
      intoId: into.id,
      fromName: from.displayName,
      intoName: into.displayName,
      intoSince: into.createdAt,
      intoRoles: into.roles,
      timeZone: ctx.actor.timeZone,
      counts,
    });
    return { replies: [{ to: 'actor', message }] };
  });
  router.action(
    MERGE_CONFIRM,
    'admin',
    async (ctx, pair) => {
      const [fromId, intoId] = pair.split(':') as [string, string];
      const merged = await mergeMembers(ctx, fromId, intoId);
      return {
        replies: [
          { to: 'actor', message: mergedMessage(merged.fromName, merged.intoName, merged.platforms) },
          { to: 'member', memberId: intoId, message: mergedNotice(merged.intoName, merged.platforms) },
        ],
      };
    },
    idPair,
  );
  router.homeSection('admin', async ({ deps }) =>
    (await membershipIsOpenToStrangers(deps.db, deps.config)) ? openMembershipSection() : undefined,
  );
  router.command('network.settings', async (ctx, options) => {
    if (namesThresholds(options)) return changeDigestThresholds(ctx, options);
    if (namesMentorCare(options)) return changeMentorCare(ctx, options);
    const s = await readSettings(ctx.tx, ctx.deps.config);
    return {
      form: {
        form: settingsFormFor(await membershipIsOpenToStrangers(ctx.tx, ctx.deps.config)),
        initial: {
          clientTerm: s.clientTerm,
          networkTimeZone: s.networkTimeZone,
          workingStart: s.workingHours.start,
          workingEnd: s.workingHours.end,
          membership: s.membership,
          slackCoordinators: s.channels['coordinators.slack'] ?? '',
          slackLearning: s.channels['learning.slack'] ?? '',
          discordCoordinators: s.channels['coordinators.discord'] ?? '',
          discordLearning: s.channels['learning.discord'] ?? '',
        },
      },
    };
  });
  router.form(settingsForm, async (ctx, values) => {
    if (values.workingStart >= values.workingEnd) throw new Refusal('The working day should end after it starts.');
    await saveSettings(ctx, values);
    return say('Network settings saved.', { tone: 'success' });
  });
}
