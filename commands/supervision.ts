import type { CommandDecl } from '../src/core/catalogue.js';

export default {
  name: 'supervision',
  description: 'Ask a peer supervisor to talk something through, see where requests stand, or plan a group',
  usage: '/supervision request',
  subcommands: [
    {
      name: 'request',
      description: 'Ask for peer supervision (private; the best-matched peer is asked)',
      audience: ['mentor'],
      handler: 'supervision.request',
    },
    {
      name: 'list',
      description: 'Where your requests stand; offers and requests routed to you',
      audience: ['mentor', 'peer_supervisor', 'coordinator'],
      handler: 'supervision.list',
    },
    {
      name: 'group',
      description: 'Schedule a group supervision session (coordinators)',
      audience: ['coordinator'],
      handler: 'supervision.group',
    },
    {
      name: 'coverage',
      description: 'Mentors overdue for supervision, never supervised, or whose coach is on one of their cases',
      audience: ['coordinator'],
      handler: 'supervision.coverage',
    },
  ],
} satisfies CommandDecl;
