// The names of peer supervision's job kinds: the use cases schedule them, jobs.ts declares what they do.
export const jobKindsOf = {
  offerExpired: 'supervision.offer-expired',
  advance: 'supervision.advance',
  after: 'supervision.after',
  followUp: 'supervision.follow-up',
  groupReminder: 'supervision.group-reminder',
  groupAttendance: 'supervision.group-attendance',
} as const;
