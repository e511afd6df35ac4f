// The inventory of every sealed (encrypted) value: columns, and fields inside JSON columns. Key
// rotation, retention, erasure and `npm run admin -- sealed-columns` all read it, and a test fails
// when a `...Enc` column or a sealed payload field is missing. A migration adding one adds it here.
//
// Whose key seals it: free text about a case is the case's (erasing the case erases it, and it
// survives its author leaving); free text about a member themselves is the member's; transient
// data is under the master key. An owed message is sealed under the key of every subject whose text
// it carries (see Reply.subjects).

export interface SealedValue {
  table: string;
  column: string;
  /** A sealed field inside the JSON column (e.g. a job's payload). */
  field?: string;
  subject: string;
  retention: string;
  /** Removed by the nightly retention this many days (RETENTION_DEBRIEF_NOTES_DAYS) after this date column. */
  retainedFrom?: string;
  /** NOT NULL columns hold REMOVED (src/db/vault.ts) once retention has taken the text. */
  nullable: boolean;
  /** The column whose value the seal is bound to, when it is not the row's id. */
  boundTo?: string;
}

const RECORD = 'RETENTION_DEBRIEF_NOTES_DAYS after it was written, then removed';
const CASE = 'case (erasing the case erases it)';
const CASE_OR_MEMBER = 'case; the raiser when no case is named';

export const sealedColumns: readonly SealedValue[] = [
  { table: 'Debrief', column: 'notesEnc', subject: CASE, retention: RECORD, retainedFrom: 'createdAt', nullable: true },
  {
    table: 'Debrief',
    column: 'nextStepsEnc',
    subject: CASE,
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: true,
  },
  {
    table: 'MentoringSession',
    column: 'safetyNotesEnc',
    subject: CASE,
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: true,
  },
  {
    table: 'Escalation',
    column: 'detailsEnc',
    subject: 'case; the reporter when no case is named',
    retention: RECORD,
    retainedFrom: 'raisedAt',
    nullable: false,
  },
  {
    table: 'Escalation',
    column: 'contactEnc',
    subject: 'member: the reporter',
    retention: RECORD,
    retainedFrom: 'raisedAt',
    nullable: true,
  },
  {
    table: 'EscalationNote',
    column: 'noteEnc',
    subject: 'case; the note’s author when no case is named',
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: false,
  },
  {
    table: 'Concern',
    column: 'accountEnc',
    subject: CASE_OR_MEMBER,
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: true,
  },
  {
    table: 'ConcernAction',
    column: 'whatEnc',
    subject: CASE_OR_MEMBER,
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: false,
  },
  {
    table: 'ConcernAction',
    column: 'byWhomEnc',
    subject: CASE_OR_MEMBER,
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: false,
  },
  {
    table: 'OnwardReferral',
    column: 'referenceEnc',
    subject: CASE_OR_MEMBER,
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: true,
  },
  {
    table: 'Checkin',
    column: 'weighingEnc',
    subject: 'member: the mentor',
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: true,
  },
  {
    table: 'SupervisionRequest',
    column: 'summaryEnc',
    subject: 'member: the requester',
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: false,
  },
  {
    table: 'SupervisionRequest',
    column: 'supervisorNoteEnc',
    subject: 'member: the requester',
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: true,
  },
  {
    table: 'Contribution',
    column: 'textEnc',
    subject: 'member: the contributor',
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: false,
  },
  {
    table: 'Contribution',
    column: 'redactedEnc',
    subject: 'member: the contributor',
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: false,
  },
  {
    table: 'Contribution',
    column: 'finalEnc',
    subject: 'member: the contributor',
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: true,
  },
  {
    table: 'MentorCheck',
    column: 'referenceEnc',
    subject: 'member: the mentor vetted',
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: true,
  },
  {
    table: 'AssignmentOverride',
    column: 'reasonEnc',
    subject: CASE,
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: false,
  },
  {
    table: 'TrimFollowUp',
    column: 'followUpEnc',
    subject: 'member: the person supported (erased with them)',
    retention: RECORD,
    retainedFrom: 'createdAt',
    nullable: false,
  },
  {
    table: 'OutboxMessage',
    column: 'messageEnc',
    subject: 'every subject whose text it carries; master when none',
    retention: 'RETENTION_SENT_MESSAGES_DAYS after it was sent, then deleted',
    nullable: false,
  },
  {
    table: 'FormDraft',
    column: 'answersEnc',
    subject: 'master',
    retention: 'deleted when sent, cancelled or expired (30 minutes after its last answer)',
    nullable: false,
  },
  {
    table: 'Job',
    column: 'payload',
    field: 'codeEnc',
    subject: 'master',
    retention: 'deleted with the finished job after RETENTION_SENT_MESSAGES_DAYS',
    nullable: true,
    boundTo: 'subjectId',
  },
  {
    table: 'ContactMethod',
    column: 'addressEnc',
    subject: 'member: whose e-mail address or phone number it is',
    retention: 'until the member removes it or leaves (deleted), or is erased',
    nullable: false,
  },
  {
    table: 'SubjectKey',
    column: 'keyEnc',
    subject: 'master',
    retention: 'until the subject is erased',
    nullable: true,
  },
];

/** How a sealed value is bound (its associated data), as the code that sealed it bound it. */
export const bindingOf = (entry: SealedValue, rowId: string) => ({
  table: entry.table,
  column: entry.field ? `${entry.column}.${entry.field}` : entry.column,
  rowId,
});

/** One tab-separated line per sealed value (`npm run admin -- sealed-columns`): table, column or field, whose key, how long it is kept. */
export const inventoryText = () =>
  [
    'table\tcolumn or field\tsubject\tretention',
    ...sealedColumns.map((e) =>
      [e.table, e.field ? `${e.column}.${e.field}` : e.column, e.subject, e.retention].join('\t'),
    ),
  ].join('\n');
