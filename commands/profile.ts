import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'profile',
  description: 'See or change your own profile',
  subcommands: [
    {
      name: 'show',
      description: 'See your profile and who can see what',
      audience: ['everyone'],
      handler: 'profile.show',
    },
    {
      name: 'edit',
      description: 'Change your name, time zone, specialisms, region and languages',
      audience: ['everyone'],
      handler: 'profile.edit',
    },
    {
      name: 'supporter',
      description: 'Choose a peer to be nudged when you are struggling (or none)',
      audience: ['everyone'],
      handler: 'profile.supporter',
      options: [
        {
          name: 'member',
          description: 'Their name or @mention, or "none"',
          type: 'string',
          required: true,
          maxLength: 100,
        },
      ],
    },
    {
      name: 'contact',
      description: 'How escalations page you out of chat: e-mail and SMS, each verified, with a delay',
      audience: ['everyone'],
      handler: 'profile.contact',
      options: [
        {
          name: 'change',
          description: 'show (default), email or sms (add or change), verify, resend (a new code), delay, remove',
          type: 'string',
          choices: [
            { name: 'show', value: 'show' },
            { name: 'e-mail address', value: 'email' },
            { name: 'SMS number', value: 'sms' },
            { name: 'verify with the code', value: 'verify' },
            { name: 'send a new code', value: 'resend' },
            { name: 'change the delay', value: 'delay' },
            { name: 'remove', value: 'remove' },
          ],
        },
        {
          name: 'address',
          description: 'The e-mail address, or the mobile number with its country code (+44 7700 900123)',
          type: 'string',
          maxLength: 254,
        },
        {
          name: 'delay',
          description: 'Minutes after you are paged: 0 (immediately) to 60',
          type: 'string',
          maxLength: 20,
        },
        { name: 'code', description: 'The 6-digit code sent to you', type: 'string', maxLength: 20 },
        {
          name: 'method',
          description: 'Which one (verify, resend, delay, remove): email or sms',
          type: 'string',
          choices: [
            { name: 'e-mail', value: 'email' },
            { name: 'SMS', value: 'sms' },
          ],
        },
      ],
    },
  ],
} satisfies CommandDecl;
