// The heading of a member's home view: whose network it is, and whether anything is waiting.
import type { Message } from '../../core/message.js';

export const homeHeader = (networkName: string, sections: number): Message => ({
  title: `${networkName}: your home`,
  text: sections
    ? 'What is waiting for you. Only you can see this.'
    : 'Nothing is waiting for you right now. /help shows what you can do.',
});
