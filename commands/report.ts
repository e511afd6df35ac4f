import type { CommandDecl } from '../src/core/catalogue.js';

const day = (name: string, description: string) => ({ name, description, type: 'string', maxLength: 10 }) as const;

export default {
  name: 'report',
  description: 'The programme report for a period: a one-time sign-in link to the report page',
  usage: '/report  ·  /report 2026-01-01 2026-03-31',
  audience: ['coordinator', 'board', 'evaluator'],
  handler: 'report.link',
  options: [
    day('from', 'First day, YYYY-MM-DD (default: 1 January this year)'),
    day('to', 'Last day, YYYY-MM-DD (default: today)'),
  ],
} satisfies CommandDecl;
