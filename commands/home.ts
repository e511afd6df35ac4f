import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'home',
  description: 'What is waiting for you, privately: the same sections as Slack’s App Home',
  audience: ['everyone'],
  handler: 'home.show',
} satisfies CommandDecl;
