import type { CommandDecl } from '../src/core/catalogue.js';

const number = {
  name: 'number',
  description: 'The concern number, e.g. 7',
  type: 'integer',
  required: true,
  min: 1,
  max: 2_000_000_000,
} as const;

export default {
  name: 'concern',
  description: 'Safeguarding concerns: raise one (anyone), or list and work them (coordinators)',
  usage: '/concern  ·  /concern list  ·  /concern show 7',
  subcommands: [
    {
      name: 'raise',
      description: 'Write down a safeguarding concern; a coordinator is told at once',
      audience: ['mentor', 'coordinator'],
      handler: 'concern.raise',
    },
    {
      name: 'list',
      description: 'Open concerns (coordinators); the ones you raised (mentors)',
      audience: ['mentor', 'coordinator'],
      handler: 'concern.list',
    },
    {
      name: 'show',
      description: 'One concern with what was done (recorded)',
      audience: ['mentor', 'coordinator'],
      handler: 'concern.show',
      options: [number],
    },
  ],
} satisfies CommandDecl;
