import type { CommandDecl, OptionDecl } from '../src/core/catalogue.js';

const position: OptionDecl = {
  name: 'position',
  description: 'primary (the duty coordinator, default) or backup',
  type: 'string',
  choices: [
    { name: 'primary', value: 'primary' },
    { name: 'backup', value: 'backup' },
  ],
};

export default {
  name: 'duty',
  description: 'The duty rota: who is on now, the weekly pattern, rotations, one-off shifts, cover, swaps',
  usage:
    '/duty rota change:add day:mon from:09:00 to:17:00 member:Sam · /duty rota change:rotation name:evenings members:"Sam, Bo, Cy" turn:week day:2026-03-16 from:18:00 to:22:00 · /duty swap shift:"2026-12-24 18:00" with:Bo · /duty calendar',
  subcommands: [
    {
      name: 'who',
      description: 'Who is the duty coordinator (and backup) now',
      audience: ['everyone'],
      handler: 'duty.who',
    },
    {
      name: 'rota',
      description: 'Show or change the weekly pattern, rotations and one-off shifts (network time zone)',
      audience: ['coordinator'],
      handler: 'duty.rota',
      options: [
        {
          name: 'change',
          description: 'show (default); add or remove a weekly shift; a one-off shift, or replace one; a rotation',
          type: 'string',
          choices: [
            { name: 'show', value: 'show' },
            { name: 'add weekly', value: 'add' },
            { name: 'remove (weekly, one-off or rotation)', value: 'remove' },
            { name: 'one-off shift', value: 'shift' },
            { name: 'replace a one-off', value: 'replace' },
            { name: 'rotation (add or replace)', value: 'rotation' },
          ],
        },
        {
          name: 'day',
          description: 'Weekday (mon … sun); a date YYYY-MM-DD for a one-off, or a rotation’s first turn',
          type: 'string',
          maxLength: 10,
        },
        { name: 'from', description: 'Start time HH:MM', type: 'string', maxLength: 5 },
        {
          name: 'to',
          description: 'End time HH:MM (at or before the start: the next day)',
          type: 'string',
          maxLength: 5,
        },
        position,
        { name: 'member', description: 'The coordinator: name or @mention', type: 'string', maxLength: 100 },
        { name: 'name', description: 'A rotation’s name, e.g. evenings', type: 'string', maxLength: 40 },
        {
          name: 'members',
          description: 'A rotation’s people in turn order, separated by commas',
          type: 'string',
          maxLength: 1000,
        },
        {
          name: 'turn',
          description: 'Each takes a week (default) or a day',
          type: 'string',
          choices: [
            { name: 'a week each', value: 'week' },
            { name: 'a day each', value: 'day' },
          ],
        },
        {
          name: 'days',
          description: 'Days a rotation runs: mon-fri, sat,sun … (default every day)',
          type: 'string',
          maxLength: 40,
        },
      ],
    },
    {
      name: 'cover',
      description: 'A coordinator covers (or swaps into) a period',
      audience: ['coordinator'],
      handler: 'duty.cover',
      options: [
        { name: 'member', description: 'Who covers: name or @mention', type: 'string', required: true, maxLength: 100 },
        {
          name: 'from',
          description: 'Start, YYYY-MM-DD HH:MM (network time)',
          type: 'string',
          required: true,
          maxLength: 16,
        },
        {
          name: 'to',
          description: 'End, YYYY-MM-DD HH:MM (network time)',
          type: 'string',
          required: true,
          maxLength: 16,
        },
        position,
        {
          name: 'reason',
          description: 'cover (default) or swap',
          type: 'string',
          choices: [
            { name: 'cover', value: 'cover' },
            { name: 'swap', value: 'swap' },
          ],
        },
      ],
    },
    {
      name: 'swap',
      description: 'Ask a colleague to take one of your shifts (and give you one of theirs)',
      audience: ['coordinator'],
      handler: 'duty.swap',
      options: [
        {
          name: 'shift',
          description: 'Your shift’s start, YYYY-MM-DD HH:MM (network time)',
          type: 'string',
          required: true,
          maxLength: 16,
        },
        {
          name: 'with',
          description: 'The colleague you ask: name or @mention',
          type: 'string',
          required: true,
          maxLength: 100,
        },
        {
          name: 'for',
          description: 'Optional: the start of their shift you take in return',
          type: 'string',
          maxLength: 16,
        },
        position,
      ],
    },
    {
      name: 'calendar',
      description: 'Your private calendar feed of your shifts (an iCal address)',
      audience: ['coordinator'],
      handler: 'duty.calendar',
      options: [
        {
          name: 'change',
          description: 'show (default) or reset: a new address, the old one stops working',
          type: 'string',
          choices: [
            { name: 'new address if none', value: 'show' },
            { name: 'reset', value: 'reset' },
          ],
        },
      ],
    },
  ],
} satisfies CommandDecl;
