import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'escalation',
  description: 'Urgent escalations: details and timeline, the open ones, acknowledging by code',
  usage: '/escalation show number:12',
  subcommands: [
    {
      name: 'show',
      description: 'One escalation: its details and timeline (recorded)',
      audience: ['coordinator'],
      handler: 'escalation.show',
      options: [
        {
          name: 'number',
          description: 'The escalation number, e.g. 12',
          type: 'integer',
          required: true,
          min: 1,
          max: 2_000_000_000,
        },
      ],
    },
    {
      name: 'list',
      description: 'Escalations not yet resolved, and time to acknowledge per tier',
      audience: ['coordinator'],
      handler: 'escalation.list',
      options: [
        {
          name: 'days',
          description: 'Period for time to acknowledge (default 30 days)',
          type: 'integer',
          min: 1,
          max: 3660,
        },
      ],
    },
    {
      name: 'ack',
      description: 'Acknowledge with the code from the e-mail or text message',
      audience: ['coordinator'],
      handler: 'escalation.ack',
      options: [
        { name: 'code', description: 'The code, like ABCD-2345', type: 'string', required: true, maxLength: 20 },
      ],
    },
  ],
} satisfies CommandDecl;
