// Where the time comes from: the system clock, or the terminal demo's clock that can be moved forward.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * The terminal demo's clock: another clock's time plus an offset that only grows, so `/clock +2h`
 * moves the demo forward and time keeps running from there; it never goes back.
 */
export class DemoClock implements Clock {
  private offsetMs = 0;

  constructor(
    private readonly base: Clock = systemClock,
    start?: Date,
  ) {
    if (start) this.offsetMs = Math.max(0, start.getTime() - base.now().getTime());
  }

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  /** Moves to `at` when it is later than now; an earlier time leaves the clock where it is. */
  moveTo(at: Date): void {
    this.offsetMs += Math.max(0, at.getTime() - this.now().getTime());
  }
}
