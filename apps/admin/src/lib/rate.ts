/**
 * Events per second over the last `seconds` seconds, oldest first, from the arrival times seen
 * (ms). The last bucket is the current, still-filling second.
 */
export function perSecond(arrivals: readonly number[], now: number, seconds: number): number[] {
  const counts = new Array<number>(seconds).fill(0);
  const current = Math.floor(now / 1000);
  for (const t of arrivals) {
    const age = current - Math.floor(t / 1000);
    if (age >= 0 && age < seconds) counts[seconds - 1 - age] = (counts[seconds - 1 - age] ?? 0) + 1;
  }
  return counts;
}

/** Drops arrivals older than the window, so the list stays small while a page is open. */
export function pruneArrivals(arrivals: readonly number[], now: number, seconds: number): number[] {
  const cutoff = (Math.floor(now / 1000) - seconds + 1) * 1000;
  return arrivals.filter((t) => t >= cutoff);
}
