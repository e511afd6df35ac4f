// Every column that holds sealed (encrypted) text, for key rotation and erasure.
// A migration adding such a column adds it here.
export const sealedColumns = [
  { table: 'Debrief', column: 'notesEnc' },
  { table: 'MentoringSession', column: 'safetyNotesEnc' },
  { table: 'FormDraft', column: 'answersEnc' },
  { table: 'OutboxMessage', column: 'messageEnc' },
  { table: 'SubjectKey', column: 'keyEnc' },
  { table: 'Debrief', column: 'nextStepsEnc' },
  { table: 'Escalation', column: 'detailsEnc' },
  { table: 'Escalation', column: 'contactEnc' },
  { table: 'EscalationNote', column: 'noteEnc' },
  { table: 'Checkin', column: 'weighingEnc' },
  { table: 'SupervisionRequest', column: 'summaryEnc' },
  { table: 'SupervisionRequest', column: 'supervisorNoteEnc' },
  { table: 'Contribution', column: 'textEnc' },
  { table: 'Contribution', column: 'redactedEnc' },
  { table: 'Contribution', column: 'finalEnc' },
] as const;
