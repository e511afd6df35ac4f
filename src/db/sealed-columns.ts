// Every column that holds sealed (encrypted) text, for key rotation and erasure.
// A migration adding such a column adds it here.
export const sealedColumns = [
  { table: 'Debrief', column: 'notesEnc' },
  { table: 'MentoringSession', column: 'safetyNotesEnc' },
  { table: 'FormDraft', column: 'answersEnc' },
  { table: 'OutboxMessage', column: 'messageEnc' },
  { table: 'SubjectKey', column: 'keyEnc' },
] as const;
