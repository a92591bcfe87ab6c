// Default resolution of range queries, as the Prometheus UI chooses it, never over the API's
// 11,000 points per series.

export const MAX_POINTS = 11_000;

/** Step in seconds for a range of `rangeSec` seconds: about 250 points, at least 1 s. */
export function defaultStepSec(rangeSec: number): number {
  const step = Math.max(Math.floor(rangeSec / 250), 1);
  return Math.max(step, minStepSec(rangeSec));
}

/** The smallest step the server accepts for this range. */
export function minStepSec(rangeSec: number): number {
  return Math.ceil(rangeSec / MAX_POINTS);
}
