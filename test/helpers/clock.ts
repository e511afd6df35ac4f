import type { Clock } from '../../src/core/clock.js';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private at: number;

  constructor(start: Date | string = '2026-11-23T09:00:00Z') {
    this.at = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  set(to: Date | string): void {
    this.at = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.at += ms;
  }
}
