// How a session's safety notes are bound (the associated data of their encryption), declared once
// for sealing them when planned and opening them when the mentor is overdue.
import type { Binding } from '../../db/cipher.js';

export const safetyNotesBinding = (sessionId: string): Binding => ({
  table: 'MentoringSession',
  column: 'safetyNotesEnc',
  rowId: sessionId,
});
