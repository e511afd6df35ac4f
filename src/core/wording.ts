// Words and patterns several features share, defined once: the emergency sentence, the shape of a
// case code, how a choice's label and a moment are shown.
import { DateTime } from 'luxon';

/** Said wherever someone might be in danger now. */
export const EMERGENCY = 'If anyone’s life is in immediate danger, call the emergency services (999) first.';

/** A case code as typed: 1 to 6 letters, a dash, 1 to 6 digits (MS-0042). Never a name. */
export const caseCodeRegex = /^[A-Za-z]{1,6}-\d{1,6}$/;

/** A form field's pattern for a case code, with the message shown when it does not match. */
export const caseCodePattern = {
  regex: caseCodeRegex,
  message: 'Case code should look like MS-0042: letters, a dash, then numbers. Never a name.',
};

/** The label of a stored choice value (the value itself when it is no longer offered). */
export const labelOf = (
  choices: readonly { value: string; label: string }[],
  value: string | null | undefined,
): string => choices.find((c) => c.value === value)?.label ?? value ?? '';

/** A moment in the reader's zone, as messages show it: `Mon 23 Nov 2026, 09:00`. */
export const when = (at: Date, zone: string): string =>
  DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL yyyy, HH:mm');

/** A day in the reader's zone: `Mon 23 Nov 2026`. */
export const day = (at: Date, zone: string): string => DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL yyyy');

/** A moment without its year, as the duty rota and escalations show it: `Mon 23 Nov 09:00`. */
export const shortWhen = (at: Date, zone: string): string =>
  DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL HH:mm');
