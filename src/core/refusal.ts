// A kind refusal from feature code, and why, for the audit log.
/**
 * Why something was refused, as a stable code for the audit log (never free text):
 * - `role`: the member's roles do not admit the command, form or button;
 * - `not_owner`: the record exists but is someone else's (a debrief, a check-in, an offer);
 * - `not_found`: no such record, or one the member may not see (the two are answered alike);
 * - `bad_button`: a button's value did not parse, or the button is unknown;
 * - `closed`: the record is closed, resolved, published or otherwise past changing;
 * - `rate_limited`: too many attempts in a window;
 * - `refused`: any other refusal (a rule of the network, a value to fix).
 */
export const refusalReasons = [
  'refused',
  'role',
  'not_owner',
  'not_found',
  'bad_button',
  'closed',
  'rate_limited',
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/** A kind refusal from feature code: the transaction is rolled back, the text shown and the refusal audited. */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly reason: RefusalReason = 'refused',
  ) {
    super(message);
  }
}
