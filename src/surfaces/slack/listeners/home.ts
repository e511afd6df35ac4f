// The App Home tab, published each time a member opens it: the sections their roles admit, as the
// router builds them (their own items; open escalations and welfare flags for coordinators).
import { errorCode } from '../errors.js';
import { homeView } from '../render.js';
import type { SlackRuntime } from '../runtime.js';
import type { Origin } from '../origin.js';
import { whoIsAsking } from './user.js';

export async function onHomeOpened(rt: SlackRuntime, userId: string, origin: Origin): Promise<void> {
  const asker = await whoIsAsking(rt, origin, userId, 'home');
  if ('refused' in asker) return;
  const { user } = asker;
  const sections = await rt.router.home(user);
  try {
    await rt.client.views.publish({
      user_id: userId,
      view: homeView(rt.deps.config.NETWORK_NAME, sections.map(rt.commands.message)),
    });
  } catch (error) {
    rt.deps.log.warn({ surface: 'slack', kind: 'home', code: errorCode(error) }, 'slack home not published');
  }
}
