import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'debriefs',
  description: 'Your recent debriefs (only you see them)',
  audience: ['mentor'],
  handler: 'debriefs.list',
} satisfies CommandDecl;
