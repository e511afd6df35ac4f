import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'link',
  description: 'Link your Slack and Discord accounts: get a code here, enter it on the other platform',
  audience: ['everyone'],
  handler: 'link.run',
  options: [{ name: 'code', description: 'The code shown on your other platform', type: 'string', maxLength: 20 }],
} satisfies CommandDecl;
