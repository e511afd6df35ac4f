import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'share',
  description: 'Offer a practice insight to the weekly digest (anonymised, approved before it is published)',
  audience: ['mentor'],
  handler: 'digest.share',
} satisfies CommandDecl;
