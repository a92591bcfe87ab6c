// Prometheus durations (prometheus/common model.ParseDuration and Duration.String), in milliseconds.

const UNITS: ReadonlyMap<string, { ms: number; pos: number }> = new Map([
  ['y', { ms: 365 * 24 * 3600_000, pos: 1 }],
  ['w', { ms: 7 * 24 * 3600_000, pos: 2 }],
  ['d', { ms: 24 * 3600_000, pos: 3 }],
  ['h', { ms: 3600_000, pos: 4 }],
  ['m', { ms: 60_000, pos: 5 }],
  ['s', { ms: 1000, pos: 6 }],
  ['ms', { ms: 1, pos: 7 }],
]);

/** Largest duration Go's time.Duration holds, in ms (2^63-1 ns). */
const MAX_MS = Number((2n ** 63n - 1n) / 1_000_000n);

export type DurationResult = { ms: number; error?: undefined } | { ms?: undefined; error: string };

function quote(s: string): string {
  return JSON.stringify(s);
}

/** Parses "1h30m", "5m", "0"... with Prometheus' messages on failure. */
export function parseDuration(s: string): DurationResult {
  if (s === '0') return { ms: 0 };
  if (s === '') return { error: 'empty duration string' };
  const invalid = { error: `not a valid duration string: ${quote(s)}` };
  let total = 0;
  let lastPos = 0;
  let i = 0;
  while (i < s.length) {
    let j = i;
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (j === i) return invalid;
    const digits = s.slice(i, j);
    i = j;
    while (j < s.length && !(s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57)) j++;
    if (j === i) return invalid;
    const unitName = s.slice(i, j);
    i = j;
    const unit = UNITS.get(unitName);
    if (!unit) return { error: `unknown unit ${quote(unitName)} in duration ${quote(s)}` };
    if (unit.pos <= lastPos) return invalid;
    lastPos = unit.pos;
    const v = Number(digits);
    if (v > MAX_MS / unit.ms) return { error: 'duration out of range' };
    total += v * unit.ms;
    if (total > MAX_MS) return { error: 'duration out of range' };
  }
  return { ms: total };
}

/** Prometheus' Duration.String(): "1h30m", "0s", "1y2w"... */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let out = '';
  let rest = Math.abs(ms);
  const parts: Array<[string, number]> = [
    ['y', 365 * 24 * 3600_000], ['w', 7 * 24 * 3600_000], ['d', 24 * 3600_000],
    ['h', 3600_000], ['m', 60_000], ['s', 1000], ['ms', 1],
  ];
  for (const [unit, size] of parts) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return (ms < 0 ? '-' : '') + out;
}
