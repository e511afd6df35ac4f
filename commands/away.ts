import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'away',
  description: 'Pause prompts and offers while you are away (until a date), or say you are back',
  audience: ['everyone'],
  handler: 'away.set',
  options: [
    {
      name: 'until',
      description: 'Last day away, YYYY-MM-DD, or "back"',
      type: 'string',
      required: true,
      maxLength: 10,
    },
  ],
} satisfies CommandDecl;
