/** A clock for tests: it stands still until told to move. `now` is bound, so pass it around. */
export class FixedClock {
  constructor(private current = 1_700_000_000_000) {}

  readonly now = (): number => this.current;

  advance(ms: number): void {
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}
