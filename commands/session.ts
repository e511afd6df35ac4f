import type { CommandDecl } from '../src/core/catalogue.js';

const caseCode = {
  name: 'case',
  description: 'The case code, e.g. MS-0042 (never a name)',
  type: 'string',
  maxLength: 13,
} as const;

export default {
  name: 'session',
  description: 'Plan, start and end a mentoring session (safety check-in and check-out)',
  usage: '/session plan  ·  /session start MS-0042  ·  /session end',
  subcommands: [
    {
      name: 'plan',
      description: 'Plan a session: time, length, venue type, safety notes',
      audience: ['mentor'],
      handler: 'session.plan',
      options: [caseCode],
    },
    {
      name: 'start',
      description: 'Start a session now (planned or not)',
      audience: ['mentor'],
      handler: 'session.start',
      options: [
        { ...caseCode, required: true },
        {
          name: 'minutes',
          description: 'Expected length in minutes (default: as planned, or 60)',
          type: 'integer',
          min: 10,
          max: 480,
        },
      ],
    },
    {
      name: 'end',
      description: 'End your session: you are out and safe (travel optional, for your hours)',
      audience: ['mentor'],
      handler: 'session.end',
      options: [
        caseCode,
        {
          name: 'travel_minutes',
          description: 'Travel time in minutes, there and back (optional)',
          type: 'integer',
          min: 0,
          max: 600,
        },
        { name: 'travel_cost', description: 'Travel cost, e.g. 12.50 (optional)', type: 'string', maxLength: 10 },
      ],
    },
  ],
} satisfies CommandDecl;
