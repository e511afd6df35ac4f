// /home: the member's home view (Slack's App Home tab) as a private answer, for Discord and the
// terminal, which have no home tab, and on Slack too. The sections are the router's, built from the
// features' home-section declarations, so every surface shows the same ones with the same buttons.
import type { Message } from '../../core/message.js';
import type { Router } from '../../core/router.js';

export const homeHeader = (networkName: string, sections: number): Message => ({
  title: `${networkName}: your home`,
  text: sections
    ? 'What is waiting for you. Only you can see this.'
    : 'Nothing is waiting for you right now. /help shows what you can do.',
});

export function registerHome(router: Router): void {
  router.command('home.show', async ({ deps, actor }) => {
    const sections = await router.home({
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
  });
}
