import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'checkin',
  description: 'Your private welfare check-ins',
  subcommands: [
    { name: 'now', description: 'Start a check-in now (private to you)', audience: ['mentor'], handler: 'checkin.now' },
    {
      name: 'settings',
      description: 'Your check-in days and time, pause, and who sees your answers',
      audience: ['mentor'],
      handler: 'checkin.settings',
    },
  ],
} satisfies CommandDecl;
