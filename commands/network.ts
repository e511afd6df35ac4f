import type { CommandDecl } from '../src/core/catalogue.js';

const roleChoices = ['mentor', 'peer_supervisor', 'coordinator', 'board', 'evaluator', 'admin'].map((r) => ({
  name: r,
  value: r,
}));
const member = {
  name: 'member',
  description: 'Their name or @mention',
  type: 'string',
  required: true,
  maxLength: 100,
} as const;

export default {
  name: 'network',
  description: 'Manage the network: members, roles and settings',
  subcommands: [
    {
      name: 'list',
      description: 'Members, their roles and status',
      audience: ['coordinator', 'admin'],
      handler: 'network.list',
    },
    {
      name: 'add',
      description: 'Add a member by their platform user id or @mention',
      audience: ['coordinator', 'admin'],
      handler: 'network.add',
      options: [
        {
          name: 'user',
          description: 'Their @mention or user id on this platform',
          type: 'string',
          required: true,
          maxLength: 40,
        },
        { name: 'name', description: 'Display name', type: 'string', required: true, maxLength: 80 },
        { name: 'role', description: 'First role (default mentor)', type: 'string', choices: roleChoices },
      ],
    },
    {
      name: 'role',
      description: 'Grant or revoke a role',
      audience: ['coordinator', 'admin'],
      handler: 'network.role',
      options: [
        member,
        { name: 'role', description: 'The role', type: 'string', required: true, choices: roleChoices },
        {
          name: 'change',
          description: 'grant or revoke (default grant)',
          type: 'string',
          choices: [
            { name: 'grant', value: 'grant' },
            { name: 'revoke', value: 'revoke' },
          ],
        },
      ],
    },
    {
      name: 'specialisms',
      description: "Set a member's specialisms (comma separated)",
      audience: ['coordinator', 'admin'],
      handler: 'network.specialisms',
      options: [
        member,
        {
          name: 'specialisms',
          description: 'For example domestic_violence, gang_exit',
          type: 'string',
          required: true,
          maxLength: 300,
        },
      ],
    },
    {
      name: 'deactivate',
      description: 'Deactivate a member who has left (shows what they hold first)',
      audience: ['coordinator', 'admin'],
      handler: 'network.deactivate',
      options: [member],
    },
    {
      name: 'settings',
      description: 'Channels, what clients are called, time zone, working hours, membership; or the digest thresholds',
      audience: ['coordinator', 'admin'],
      handler: 'network.settings',
      // Given any of these, those settings change instead of the form opening (digest floors: 5, 5, 3).
      options: [
        {
          name: 'digest_count_under',
          description: 'Digest: counts under this are not shown (default 10, at least 5)',
          type: 'integer',
        },
        {
          name: 'digest_rounding',
          description: 'Digest: counts are rounded to the nearest 5 or 10 (default 5)',
          type: 'integer',
        },
        {
          name: 'digest_theme_contributors',
          description: 'Digest: contributors a theme needs to be named (default 5, at least 3)',
          type: 'integer',
        },
        {
          name: 'mentor_training',
          description: 'Mentor training modules, comma separated, * after a mandatory one',
          type: 'string',
          maxLength: 500,
        },
        {
          name: 'mentor_cadence_weeks',
          description: 'Regular supervision every so many weeks (1 to 26)',
          type: 'integer',
          min: 1,
          max: 26,
        },
        {
          name: 'mentor_day_rate',
          description: 'Pay: a day rate such as 150.00 (pay by the day)',
          type: 'string',
          maxLength: 10,
        },
        {
          name: 'mentor_hours_per_day',
          description: 'Pay: hours in a paid day, such as 7.5',
          type: 'string',
          maxLength: 5,
        },
        {
          name: 'mentor_hourly_rate',
          description: 'Pay: an hourly rate such as 20.00 (pay by the hour)',
          type: 'string',
          maxLength: 10,
        },
        {
          name: 'mentor_sessions_threshold',
          description: 'A gentle check-in after more than this many sessions in a week (1 to 50)',
          type: 'integer',
          min: 1,
          max: 50,
        },
      ],
    },
    {
      name: 'merge',
      description: 'Merge two members who are one person: shows what moves first, then moves it all',
      audience: ['coordinator', 'admin'],
      handler: 'network.merge',
      options: [
        {
          name: 'from',
          description: 'The member whose records and accounts move (name or @mention)',
          type: 'string',
          required: true,
          maxLength: 100,
        },
        {
          name: 'into',
          description: 'The member who keeps them (name or @mention)',
          type: 'string',
          required: true,
          maxLength: 100,
        },
      ],
    },
  ],
} satisfies CommandDecl;
