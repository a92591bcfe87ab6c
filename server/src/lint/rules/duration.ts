// prometheus/common model.ParseDuration (v0.70): units y w d h m s ms, each at most once and in
// decreasing order, "0" without a unit; the same error messages.
const UNITS: ReadonlyArray<[unit: string, ms: number]> = [
  ['y', 365 * 24 * 3600_000], ['w', 7 * 24 * 3600_000], ['d', 24 * 3600_000], ['h', 3600_000],
  ['m', 60_000], ['s', 1000], ['ms', 1],
];
// Go's time.Duration is int64 nanoseconds.
const MAX_MS = Number(2n ** 63n - 1n) / 1e6;

export type DurationResult = { ms: number } | { error: string };

export function parseGoDuration(s: string): DurationResult {
  if (s === '') return { error: 'empty duration string' };
  if (s === '0') return { ms: 0 };
  const invalid = { error: `not a valid duration string: ${JSON.stringify(s)}` };
  let i = 0;
  let last = -1;
  let total = 0;
  while (i < s.length) {
    const digits = /^[0-9]+/.exec(s.slice(i));
    if (!digits) return invalid;
    i += digits[0].length;
    const unit = /^[a-zµ]+/i.exec(s.slice(i));
    if (!unit) return invalid;
    i += unit[0].length;
    const idx = UNITS.findIndex(([u]) => u === unit[0]);
    if (idx < 0) return { error: `unknown unit ${JSON.stringify(unit[0])} in duration ${JSON.stringify(s)}` };
    if (idx <= last) return invalid;
    last = idx;
    total += Number(digits[0]) * UNITS[idx][1];
    if (total > MAX_MS) return { error: 'duration out of range' };
  }
  return { ms: total };
}

/** Prometheus' way of printing a duration (model.Duration.String): largest units first. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let out = '';
  let rest = ms;
  for (const [u, size] of UNITS) {
    if (u === 'w') continue; // Prometheus prints weeks as days unless the value is whole weeks.
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * size;
    }
  }
  return out;
}
