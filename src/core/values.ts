// Button values, declared with each `router.action` and parsed by the router before the handler
// runs: a value the button could never have carried is refused at the edge and never reaches a query.
import { z } from 'zod';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A record's id. */
export const idValue = z.uuid();

/** A button that carries nothing (its value is empty). */
export const noValue = z.literal('');

/** True for a well-formed id: for values that come from elsewhere (a form's context). */
export const isUuid = (value: unknown): value is string => idValue.safeParse(value).success;

/** "<id>:<tail>", the tail one of `tails`; parsed into the id and the tail. */
export function idWith<const T extends string>(tails: readonly [T, ...T[]]) {
  const pattern = new RegExp(`^(${UUID}):(${tails.map((t) => t.replace(/[^A-Za-z0-9_]/g, '')).join('|')})$`);
  return z
    .string()
    .max(120)
    .regex(pattern)
    .transform((value) => {
      const [, id, tail] = pattern.exec(value)!;
      return { id: id!, tail: tail as T };
    });
}

/** "<id>" or "<id>:<tail>", the tail matching `tail`; the value is kept as sent, for services that read it whole. */
export const idOptionallyWith = (tail: RegExp) =>
  z
    .string()
    .max(120)
    .regex(new RegExp(`^${UUID}(:(${tail.source}))?$`));

/** "<id>:<id>". */
export const idPair = z
  .string()
  .max(80)
  .regex(new RegExp(`^${UUID}:${UUID}$`));
