import type { Router } from '../../core/router.js';
import { helpMessage } from './forms.js';

export function registerHelp(router: Router): void {
  router.command('help.show', async (ctx) => ({ replies: [{ to: 'actor', message: helpMessage(ctx.deps.config.NETWORK_NAME, router.commandsFor(ctx.actor)) }] }));
}
