// `/profile contact`: how a member sees and changes the ways escalations page them out of chat
// (the use cases are in contact.ts).
import type { OptionValue } from '../../core/interaction.js';
import type { Message } from '../../core/message.js';
import { Refusal } from '../../core/refusal.js';
import type { CommandHandler } from '../../core/router.js';
import { contactKinds, type ContactKind } from './contact-policy.js';
import { contactView, removeMethod, resendCode, saveMethod, verifyMethod } from './contact.js';

const text = (v: OptionValue | undefined) => (v === undefined ? undefined : String(v).trim() || undefined);
const kindOf = (v: string | undefined): ContactKind | undefined => {
  if (v === undefined) return undefined;
  const word = v
    .toLowerCase()
    .replace(/^e-?mail$/, 'email')
    .replace(/^(text|phone|mobile)$/, 'sms');
  if (!contactKinds.includes(word as ContactKind)) throw new Refusal('method: say email or sms.');
  return word as ContactKind;
};

/** `/profile contact [change] [address] [method] [delay] [code]`: show, add or change, verify, resend, remove. */
export const profileContact: CommandHandler = async (ctx, options) => {
  const change = text(options.change)?.toLowerCase() ?? 'show';
  const address = text(options.address);
  // Typed by position (`verify 123456`, `remove sms`), the word lands in address:.
  const method = kindOf(
    text(options.method) ??
      (change !== 'email' && change !== 'sms' && address && /^[a-z-]+$/i.test(address) ? address : undefined),
  );
  const say = async (message: Promise<Message>) => ({ replies: [{ to: 'actor' as const, message: await message }] });
  switch (change) {
    case 'show':
      return say(contactView(ctx));
    case 'email':
    case 'sms':
      return say(saveMethod(ctx, change, { address, delay: text(options.delay) }));
    case 'delay':
      if (!method)
        throw new Refusal(
          'method: say which one gets the delay, email or sms, like /profile contact change:delay method:sms delay:2.',
        );
      if (!text(options.delay))
        throw new Refusal('delay: give the minutes after you are paged, from 0 (immediately) to 60, like delay:5.');
      return say(saveMethod(ctx, method, { delay: text(options.delay) }));
    case 'verify':
      return say(verifyMethod(ctx, text(options.code) ?? (method ? '' : (address ?? '')), method));
    case 'resend':
      return say(resendCode(ctx, method));
    case 'remove':
      if (!method)
        throw new Refusal(
          'method: say which one to remove, email or sms, like /profile contact change:remove method:sms.',
        );
      return say(removeMethod(ctx, method));
    default:
      throw new Refusal('change: choose show, email, sms, verify, resend, delay or remove.');
  }
};
