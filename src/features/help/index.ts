// /help: the commands this member may use, with how to type them on their surface.
import { defineFeature } from '../feature.js';
import { helpMessage } from './forms.js';

export const help = defineFeature({
  name: 'help',
  commands: {
    'help.show': async (ctx) => ({
      replies: [{ to: 'actor', message: helpMessage(ctx.deps.config.NETWORK_NAME, ctx.app.commandsFor(ctx.actor)) }],
    }),
  },
});
