// Every column that holds sealed (encrypted) text, for key rotation and erasure, with the subject
// whose key seals it: `case` (erasing the case erases it), `member` (the person named), or `master`
// (transient data under the master key). A migration adding such a column adds it here.
export const sealedColumns = [
  { table: 'Debrief', column: 'notesEnc', subject: 'member: the author' },
  { table: 'MentoringSession', column: 'safetyNotesEnc', subject: 'member: the planning mentor' },
  { table: 'FormDraft', column: 'answersEnc', subject: 'master' },
  { table: 'OutboxMessage', column: 'messageEnc', subject: 'master' },
  { table: 'SubjectKey', column: 'keyEnc', subject: 'master' },
  { table: 'Debrief', column: 'nextStepsEnc', subject: 'member: the author' },
  { table: 'Escalation', column: 'detailsEnc', subject: 'member: the reporter' },
  { table: 'Escalation', column: 'contactEnc', subject: 'member: the reporter' },
  { table: 'EscalationNote', column: 'noteEnc', subject: 'member: the author' },
  { table: 'Checkin', column: 'weighingEnc', subject: 'member: the mentor' },
  { table: 'SupervisionRequest', column: 'summaryEnc', subject: 'member: the requester' },
  { table: 'SupervisionRequest', column: 'supervisorNoteEnc', subject: 'member: the supervisor' },
  { table: 'Contribution', column: 'textEnc', subject: 'member: the contributor' },
  { table: 'Contribution', column: 'redactedEnc', subject: 'member: the contributor' },
  { table: 'Contribution', column: 'finalEnc', subject: 'member: the contributor' },
  { table: 'Concern', column: 'accountEnc', subject: 'case (the raiser when no case is named)' },
  { table: 'ConcernAction', column: 'whatEnc', subject: 'case (the raiser when no case is named)' },
  { table: 'ConcernAction', column: 'byWhomEnc', subject: 'case (the raiser when no case is named)' },
  { table: 'OnwardReferral', column: 'referenceEnc', subject: 'case (the raiser when no case is named)' },
] as const;
