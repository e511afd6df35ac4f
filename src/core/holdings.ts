// What a member holds that must be handed on when they leave (open cases, supervision offers, rota
// shifts, being someone's supporter). Each capability declares its own; offboarding lists and
// releases them all in the deactivation's transaction.
import type { Tx } from '../db/client.js';

export interface Holding {
  /** What it is, in a coordinator's words, e.g. "chosen supporter of". */
  name: string;
  /** Descriptions of what the member holds of this kind (names and codes, never free text). */
  list(tx: Tx, memberId: string): Promise<string[]>;
  /** Hands it on or closes it. */
  release(tx: Tx, memberId: string, at: Date): Promise<void>;
}
