// The profile form and the network settings form, and how a profile is shown to its member.
import { checkTypedName } from '../../core/display-name.js';
import { defineForm, field, type FormValues } from '../../core/form.js';
import type { Message } from '../../core/message.js';
import { isTimeZone } from '../../core/time-zone.js';
import { specialismChoices } from './policy.js';

const nameCheck = (text: string) => {
  const checked = checkTypedName(text);
  return checked.ok ? undefined : checked.problem;
};
const zoneCheck = (text: string) =>
  isTimeZone(text) ? undefined : 'Time zone should be a place name such as Europe/London or America/New_York.';

export const profileForm = defineForm({
  id: 'profile',
  title: 'Your profile',
  intro:
    'Your name, specialisms, region and languages help match supervision; your time zone sets when prompts arrive.',
  submitLabel: 'Save profile',
  precondition: 'anyMember',
  fields: {
    displayName: field.shortText({ label: 'Display name', maxLength: 80, check: nameCheck, public: true }),
    timeZone: field.shortText({
      label: 'Time zone',
      hint: 'For example Europe/London',
      maxLength: 60,
      check: zoneCheck,
      public: true,
    }),
    specialisms: field.multiSelect({ label: 'Specialisms', required: false, options: specialismChoices, public: true }),
    region: field.shortText({ label: 'Region', required: false, maxLength: 60, public: true }),
    languages: field.shortText({
      label: 'Languages',
      hint: 'Comma separated',
      required: false,
      maxLength: 120,
      public: true,
    }),
  },
});

export type ProfileValues = FormValues<typeof profileForm>;

const hhmm = { regex: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'Times should look like 09:00 (24-hour clock).' };

export const settingsForm = defineForm({
  id: 'network-settings',
  title: 'Network settings',
  submitLabel: 'Save settings',
  precondition: 'admin',
  fields: {
    clientTerm: field.select({
      label: 'What clients are called',
      options: [
        { value: 'client', label: 'client' },
        { value: 'mentee', label: 'mentee' },
        { value: 'service user', label: 'service user' },
      ] as const,
      public: true,
    }),
    networkTimeZone: field.shortText({ label: 'Network time zone', maxLength: 60, check: zoneCheck, public: true }),
    workingStart: field.shortText({ label: 'Working day starts', maxLength: 5, pattern: hhmm, public: true }),
    workingEnd: field.shortText({ label: 'Working day ends', maxLength: 5, pattern: hhmm, public: true }),
    membership: field.select({
      label: 'Membership',
      options: [
        { value: 'open', label: 'Open: first use joins as a mentor' },
        { value: 'invite', label: 'By invitation only' },
      ] as const,
      public: true,
    }),
    slackCoordinators: field.shortText({
      label: "Slack coordinators' channel id",
      required: false,
      maxLength: 40,
      public: true,
    }),
    slackLearning: field.shortText({
      label: 'Slack learning channel id',
      required: false,
      maxLength: 40,
      public: true,
    }),
    discordCoordinators: field.shortText({
      label: "Discord coordinators' channel id",
      required: false,
      maxLength: 40,
      public: true,
    }),
    discordLearning: field.shortText({
      label: 'Discord learning channel id',
      required: false,
      maxLength: 40,
      public: true,
    }),
  },
});

export type SettingsValues = FormValues<typeof settingsForm>;

export interface ProfileView {
  displayName: string;
  roles: string[];
  specialisms: string[];
  region: string | null;
  languages: string[];
  timeZone: string;
  status: string;
  awayUntil: Date | null;
  supporter: string | null;
  platforms: string[];
}

export function profileMessage(p: ProfileView): Message {
  return {
    title: 'Your profile',
    text: 'Coordinators and peers see your name, roles, specialisms, region and languages. Your chosen supporter and linked accounts are seen only by you and coordinators.',
    fields: [
      { label: 'Name', value: p.displayName },
      { label: 'Roles', value: p.roles.join(', ') || 'none' },
      { label: 'Specialisms', value: p.specialisms.join(', ') || 'none yet' },
      { label: 'Region', value: p.region ?? 'not set' },
      { label: 'Languages', value: p.languages.join(', ') || 'not set' },
      { label: 'Time zone', value: p.timeZone },
      {
        label: 'Status',
        value: p.status === 'away' && p.awayUntil ? `away until ${p.awayUntil.toISOString().slice(0, 10)}` : p.status,
      },
      { label: 'Chosen supporter', value: p.supporter ?? 'none (use /profile supporter)' },
      { label: 'Linked accounts', value: p.platforms.join(', ') },
    ],
    buttons: [{ actionId: 'profile.edit', label: 'Edit profile' }],
  };
}
