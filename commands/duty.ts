import type { CommandDecl, OptionDecl } from '../src/core/catalogue.js';

const position: OptionDecl = { name: 'position', description: 'primary (the duty coordinator, default) or backup', type: 'string', choices: [{ name: 'primary', value: 'primary' }, { name: 'backup', value: 'backup' }] };

export default {
  name: 'duty',
  description: 'The duty rota: who is on now, the weekly pattern and one-off shifts, cover',
  usage: '/duty rota change:add day:mon from:09:00 to:17:00 member:Sam',
  subcommands: [
    { name: 'who', description: 'Who is the duty coordinator (and backup) now', audience: ['everyone'], handler: 'duty.who' },
    {
      name: 'rota',
      description: 'Show or change the weekly pattern and one-off shifts (network time zone)',
      audience: ['coordinator'],
      handler: 'duty.rota',
      options: [
        {
          name: 'change',
          description: 'show (default), add or remove a weekly shift, or a one-off shift',
          type: 'string',
          choices: [
            { name: 'show', value: 'show' },
            { name: 'add weekly', value: 'add' },
            { name: 'remove weekly', value: 'remove' },
            { name: 'one-off shift', value: 'shift' },
          ],
        },
        { name: 'day', description: 'Weekday (mon … sun) or, for a one-off shift, a date YYYY-MM-DD', type: 'string', maxLength: 10 },
        { name: 'from', description: 'Start time HH:MM', type: 'string', maxLength: 5 },
        { name: 'to', description: 'End time HH:MM (at or before the start: the next day)', type: 'string', maxLength: 5 },
        position,
        { name: 'member', description: 'The coordinator: name or @mention', type: 'string', maxLength: 100 },
      ],
    },
    {
      name: 'cover',
      description: 'A coordinator covers (or swaps into) a period',
      audience: ['coordinator'],
      handler: 'duty.cover',
      options: [
        { name: 'member', description: 'Who covers: name or @mention', type: 'string', required: true, maxLength: 100 },
        { name: 'from', description: 'Start, YYYY-MM-DD HH:MM (network time)', type: 'string', required: true, maxLength: 16 },
        { name: 'to', description: 'End, YYYY-MM-DD HH:MM (network time)', type: 'string', required: true, maxLength: 16 },
        position,
        { name: 'reason', description: 'cover (default) or swap', type: 'string', choices: [{ name: 'cover', value: 'cover' }, { name: 'swap', value: 'swap' }] },
      ],
    },
  ],
} satisfies CommandDecl;
