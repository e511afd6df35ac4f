import type { CommandDecl, OptionDecl } from '../src/core/catalogue.js';

const member = {
  name: 'member',
  description: 'The mentor’s name or @mention',
  type: 'string',
  required: true,
  maxLength: 100,
} as const;
const add: OptionDecl = {
  name: 'change',
  description: 'add (record a new one)',
  type: 'string',
  required: true,
  choices: [{ name: 'add', value: 'add' }],
};

export default {
  name: 'mentor',
  description: 'Mentor records: vetting, training, capacity, coach, conflicts and hours',
  usage: '/mentor show sam  ·  /mentor check add sam  ·  /mentor training add sam  ·  /mentor hours sam 2026-11',
  subcommands: [
    {
      name: 'show',
      description: 'A mentor’s record (mentors: your own)',
      audience: ['mentor', 'coordinator'],
      handler: 'mentor.show',
      options: [{ ...member, required: false, description: 'The mentor’s name or @mention (default: you)' }],
    },
    {
      name: 'edit',
      description: 'Change a mentor’s specialisms, languages, area, capacity, coach, TRiM training, conflicts',
      audience: ['coordinator'],
      handler: 'mentor.edit',
      options: [member],
    },
    {
      name: 'check',
      description: 'Record a vetting check: DBS, security clearance, other',
      audience: ['coordinator'],
      handler: 'mentor.check',
      options: [add, member],
    },
    {
      name: 'training',
      description: 'Record a training module completed',
      audience: ['coordinator'],
      handler: 'mentor.training',
      options: [add, member],
    },
    {
      name: 'hours',
      description: 'Hours, travel and pay for a month (mentors: your own)',
      audience: ['mentor', 'coordinator'],
      handler: 'mentor.hours',
      options: [
        { ...member, required: false, description: 'The mentor’s name or @mention (default: you)' },
        { name: 'month', description: 'The month as YYYY-MM (default: this month)', type: 'string', maxLength: 7 },
      ],
    },
    {
      name: 'support',
      description: 'Post-incident follow-ups you are part of (as supported or practitioner)',
      audience: ['mentor', 'peer_supervisor', 'coordinator'],
      handler: 'mentor.support',
    },
  ],
} satisfies CommandDecl;
