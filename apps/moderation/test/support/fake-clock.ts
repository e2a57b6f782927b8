import type { Clock } from '../../src/clock/clock';

/** A clock that stands still until a test moves it. */
export class FakeClock implements Clock {
  constructor(private current: Date = new Date()) {}

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date): void {
    this.current = new Date(at);
  }
}
