// One dated line of a case's chronology (`/case timeline`). Each feature that holds something
// dated about a case exports a function returning these; the cases feature merges and pages them.

/** Who is asking: coordinators see every entry; an assigned mentor their own entries and the concerns they raised. */
export interface TimelineViewer {
  memberId: string;
  coordinator: boolean;
}

export interface TimelineEntry {
  at: Date;
  /** A short heading: "Debrief", "Concern #3", "Session missed", "Review". */
  title: string;
  /** Structured facts only, never free text. */
  detail: string;
}
