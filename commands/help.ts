import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'help',
  description: 'What the bot can do for you, and the commands you can use',
  audience: ['everyone'],
  handler: 'help.show',
} satisfies CommandDecl;
