// A member's home view (Slack's App Home tab): the sections their roles admit, in the order the
// features declared them; one section's failure leaves the rest of the view standing.
import { admits, preconditions, type PreconditionName } from './access.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { errorFields } from './log.js';
import type { Message } from './message.js';
import type { HomeSection } from './use-case.js';

/** A home section and who sees it. */
export interface HomeSectionBinding {
  precondition: PreconditionName;
  build: HomeSection;
}

const NOT_SHOWN: Message = {
  text: 'Part of this view could not be shown just now; please look again in a moment.',
  tone: 'warning',
};

export async function buildHome(deps: Deps, actor: Actor, sections: readonly HomeSectionBinding[]): Promise<Message[]> {
  const shown: Message[] = [];
  for (const [index, { precondition, build }] of sections.entries()) {
    if (!admits(preconditions[precondition].audience, actor)) continue;
    const section = await build({ deps, actor, now: deps.clock.now() }).catch((error: unknown) => {
      deps.log.error({ err: errorFields(error), section: index }, 'home section failed');
      return NOT_SHOWN;
    });
    if (section) shown.push(section);
  }
  return shown;
}
