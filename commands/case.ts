import type { CommandDecl } from '../src/core/catalogue.js';

const caseCode = {
  name: 'case',
  description: 'The case code, e.g. MS-0042 (never a name)',
  type: 'string',
  required: true,
  maxLength: 13,
} as const;

export default {
  name: 'case',
  description: 'Cases: your own, their timeline and reviews (mentors); open, assign, pause, close (coordinators)',
  usage: '/case list  ·  /case timeline MS-0042  ·  /case assign MS-0042 @mentor',
  subcommands: [
    {
      name: 'list',
      description: 'Your cases (coordinators: all open cases); give a code for its details',
      audience: ['mentor', 'coordinator'],
      handler: 'case.list',
      options: [{ ...caseCode, required: false, description: 'A case code for its details (optional)' }],
    },
    {
      name: 'open',
      description: 'Open a case: the bot issues the code and records a baseline',
      audience: ['coordinator'],
      handler: 'case.open',
    },
    {
      name: 'assign',
      description: 'Assign a mentor or co-mentor to a case; without a mentor, suggests up to five',
      audience: ['coordinator'],
      handler: 'case.assign',
      options: [
        caseCode,
        {
          name: 'member',
          description: 'The mentor’s name or @mention (leave out for suggestions)',
          type: 'string',
          maxLength: 100,
        },
        {
          name: 'role',
          description: 'mentor or co_mentor (default mentor)',
          type: 'string',
          choices: [
            { name: 'mentor', value: 'mentor' },
            { name: 'co-mentor', value: 'co_mentor' },
          ],
        },
        {
          name: 'override',
          description: 'Why to assign despite a lapsed check, missing training or a conflict (audited)',
          type: 'string',
          maxLength: 300,
        },
      ],
    },
    {
      name: 'pause',
      description: 'Pause a case (custody, missing, other) or resume it',
      audience: ['coordinator'],
      handler: 'case.pause',
      options: [
        caseCode,
        {
          name: 'reason',
          description: 'Why it is paused, or resume',
          type: 'string',
          required: true,
          choices: [
            { name: 'custody', value: 'custody' },
            { name: 'missing', value: 'missing' },
            { name: 'other', value: 'other' },
            { name: 'resume (end the pause)', value: 'resume' },
          ],
        },
      ],
    },
    {
      name: 'close',
      description: 'Close a case with its outcome, positive steps and a last re-assessment',
      audience: ['coordinator'],
      handler: 'case.close',
      options: [caseCode],
    },
    {
      name: 'timeline',
      description: 'Everything dated about a case, newest first (mentors: your own entries)',
      audience: ['mentor', 'coordinator'],
      handler: 'case.timeline',
      options: [
        caseCode,
        { name: 'page', description: 'Which page of 15 entries (default 1)', type: 'integer', min: 1, max: 10_000 },
      ],
    },
    {
      name: 'review',
      description: 'Record the three-monthly agreement review: attendance and a re-assessment',
      audience: ['mentor', 'coordinator'],
      handler: 'case.review',
      options: [caseCode],
    },
  ],
} satisfies CommandDecl;
