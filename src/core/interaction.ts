// What surfaces turn their platform events into. `id` is the platform's own identity of the
// delivery (a trigger id, a view id, an interaction id): the same delivery twice is handled once.
import type { PlatformUser } from './actor.js';
import type { RawValue } from './form.js';

interface Base {
  id: string;
  user: PlatformUser;
}

export type OptionValue = string | number | boolean;

export type Inbound =
  | (Base & { kind: 'command'; command: string; subcommand?: string; options: Record<string, OptionValue> })
  | (Base & {
      kind: 'submit';
      formId: string;
      values: Record<string, RawValue>;
      context: Record<string, string>;
      draftId?: string;
    })
  | (Base & { kind: 'action'; actionId: string; value: string });
