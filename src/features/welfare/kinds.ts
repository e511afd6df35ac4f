// The names of welfare's job kinds and of a mentor's check-in series (jobs.ts says what each does).
export const SERIES_KIND = 'welfare.checkin';
export const ONCE_KIND = 'welfare.checkin-once';
export const MISSED_KIND = 'welfare.checkin-missed';
export const FOLLOWUP_KIND = 'welfare.followup';
export const SWEEP_KIND = 'welfare.enrol';

/** The series of a mentor's recurring check-ins (one weekly row per chosen day). */
export const seriesName = (memberId: string) => `checkin:${memberId}`;
