import type { CommandDecl } from '../src/core/catalogue.js';
import { declineReasons } from '../src/features/referrals/policy.js';

const number = {
  name: 'number',
  description: 'The referral number, e.g. 12',
  type: 'integer',
  required: true,
  min: 1,
  max: 2_000_000_000,
} as const;

export default {
  name: 'referral',
  description: 'Inbound referrals: record one and decide it (accepting opens the case); list those waiting',
  usage: '/referral  ·  /referral list  ·  /referral decide 12 accepted',
  subcommands: [
    {
      name: 'new',
      description: 'Record a referral: source, date, type, language, area and decision',
      audience: ['coordinator'],
      handler: 'referral.new',
    },
    {
      name: 'list',
      description: 'Referrals awaiting a decision (or their case), oldest first, with their age',
      audience: ['coordinator'],
      handler: 'referral.list',
    },
    {
      name: 'decide',
      description: 'Accept (opens the case form), decline with a reason, or mark withdrawn',
      audience: ['coordinator'],
      handler: 'referral.decide',
      options: [
        number,
        {
          name: 'decision',
          description: 'accepted, declined or withdrawn',
          type: 'string',
          required: true,
          choices: [
            { name: 'accepted', value: 'accepted' },
            { name: 'declined', value: 'declined' },
            { name: 'withdrawn', value: 'withdrawn' },
          ],
        },
        {
          name: 'reason',
          description: 'Why it was declined',
          type: 'string',
          choices: declineReasons.map((r) => ({ name: r.label, value: r.value })),
        },
        {
          name: 'first_contact',
          description: 'First contact with the client, YYYY-MM-DD (optional)',
          type: 'string',
          maxLength: 10,
        },
      ],
    },
    {
      name: 'contact',
      description: 'Record the first contact with the client',
      audience: ['coordinator'],
      handler: 'referral.contact',
      options: [
        number,
        {
          name: 'date',
          description: 'The day of first contact, YYYY-MM-DD',
          type: 'string',
          required: true,
          maxLength: 10,
        },
      ],
    },
  ],
} satisfies CommandDecl;
