import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'escalate',
  description: 'Urgent safety concern: tell the duty coordinator now (999 first if life is in danger)',
  audience: ['mentor', 'coordinator'],
  handler: 'escalate.open',
} satisfies CommandDecl;
