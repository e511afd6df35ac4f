import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'debrief',
  description: 'Reflect on a session you have just had (private to you)',
  audience: ['mentor'],
  handler: 'debrief.open',
} satisfies CommandDecl;
