import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'escalate',
  description: 'Urgent: tell the duty coordinator about a risk to someone’s safety (999 first if life is in danger)',
  audience: ['mentor', 'coordinator'],
  handler: 'escalate.open',
} satisfies CommandDecl;
