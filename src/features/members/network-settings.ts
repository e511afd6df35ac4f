// `/network settings` (admins): with a digest or mentor care option it changes that at once;
// otherwise it opens the network's settings form (client term, time zone, working day, membership,
// channels), which is saved and audited here.
import type { OptionValue } from '../../core/interaction.js';
import { Refusal } from '../../core/refusal.js';
import type { Platform } from '../../core/roles.js';
import type { ActorContext, HandlerContext, Response } from '../../core/router.js';
import { channelKey, readSettings, writeSettings } from '../../core/settings.js';
import { changeDigestThresholds, namesThresholds } from '../digest/api.js';
import { changeMentorCare, namesMentorCare } from '../mentors/api.js';
import { auditSettings } from './audit.js';
import type { SettingsValues } from './forms.js';
import { membershipIsOpenToStrangers, settingsFormFor } from './membership.js';

export async function networkSettings(ctx: HandlerContext, options: Record<string, OptionValue>): Promise<Response> {
  if (namesThresholds(options)) return changeDigestThresholds(ctx, options);
  if (namesMentorCare(options)) return changeMentorCare(ctx, options);
  const s = await readSettings(ctx.tx, ctx.deps);
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
}

export async function saveSettings(ctx: ActorContext, values: SettingsValues) {
  if (values.workingStart >= values.workingEnd) throw new Refusal('The working day should end after it starts.');
  const current = await readSettings(ctx.tx, ctx.deps);
  const channels = { ...current.channels };
  const given: [string, Platform, string | undefined][] = [
    ['coordinators', 'slack', values.slackCoordinators],
    ['learning', 'slack', values.slackLearning],
    ['coordinators', 'discord', values.discordCoordinators],
    ['learning', 'discord', values.discordLearning],
  ];
  for (const [name, platform, id] of given) {
    if (id) channels[channelKey(name, platform)] = id;
    else delete channels[channelKey(name, platform)];
  }
  const next = await writeSettings(ctx.tx, ctx.deps, {
    clientTerm: values.clientTerm,
    networkTimeZone: values.networkTimeZone,
    workingHours: { start: values.workingStart, end: values.workingEnd },
    membership: values.membership,
    channels,
  });
  await auditSettings(ctx);
  return next;
}
