// /home: the member's home view (Slack's App Home tab) as a private answer, for Discord and the
// terminal, which have no home tab, and on Slack too. The sections are the router's, built from the
// features' home-section declarations, so every surface shows the same ones with the same buttons.
import { defineFeature } from '../feature.js';
import { homeHeader } from './messages.js';

export const home = defineFeature({
  name: 'home',
  commands: {
    'home.show': async ({ deps, actor, app }) => {
      const sections = await app.home({
        platform: actor.platform,
        platformUserId: actor.platformUserId,
        displayName: actor.displayName,
      });
      return {
        replies: [homeHeader(deps.config.NETWORK_NAME, sections.length), ...sections].map((message) => ({
          to: 'actor' as const,
          message,
        })),
      };
    },
  },
});
