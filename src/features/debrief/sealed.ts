// How a debrief's sealed columns are bound (the associated data of their encryption), declared once
// for everything that seals or opens them, here and in other features.
import type { Binding } from '../../db/cipher.js';

export type DebriefSealedColumn = 'notesEnc' | 'nextStepsEnc';

/** The binding of a debrief's notes or next steps, for the vault's seal and open. */
export const debriefBinding = (column: DebriefSealedColumn, rowId: string): Binding => ({
  table: 'Debrief',
  column,
  rowId,
});
