import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'digest',
  description: 'Read the latest practice-sharing digest, or an earlier one',
  usage: '/digest 2026-W47',
  audience: ['everyone'],
  handler: 'digest.show',
  options: [
    {
      name: 'week',
      description: 'A week like 2026-W47 or a month like 2026-11 (coordinators: "draft" shows the draft)',
      type: 'string',
      maxLength: 20,
    },
  ],
} satisfies CommandDecl;
