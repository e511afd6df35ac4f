import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'profile',
  description: 'See or change your own profile',
  subcommands: [
    { name: 'show', description: 'See your profile and who can see what', audience: ['everyone'], handler: 'profile.show' },
    { name: 'edit', description: 'Change your name, time zone, specialisms, region and languages', audience: ['everyone'], handler: 'profile.edit' },
    {
      name: 'supporter',
      description: 'Choose a peer to be nudged when you are struggling (or none)',
      audience: ['everyone'],
      handler: 'profile.supporter',
      options: [{ name: 'member', description: 'Their name or @mention, or "none"', type: 'string', required: true, maxLength: 100 }],
    },
  ],
} satisfies CommandDecl;
