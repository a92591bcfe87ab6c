// Prometheus durations: prometheus/common model.ParseDuration and model.Duration.String, in
// milliseconds. The one implementation for PromQL, rule files and prometheus.yml.
import { formatDurationMs, goQuote } from './goFormatting';

/** Units largest first; `pos` enforces Go's "biggest to smallest, each once" order. */
const UNITS: ReadonlyMap<string, { ms: number; pos: number }> = new Map([
  ['y', { ms: 365 * 24 * 3600_000, pos: 1 }],
  ['w', { ms: 7 * 24 * 3600_000, pos: 2 }],
  ['d', { ms: 24 * 3600_000, pos: 3 }],
  ['h', { ms: 3600_000, pos: 4 }],
  ['m', { ms: 60_000, pos: 5 }],
  ['s', { ms: 1000, pos: 6 }],
  ['ms', { ms: 1, pos: 7 }],
]);

/** Go's `1<<63 / unit.mult` (unit.mult in nanoseconds) per unit, computed exactly once. */
const LIMIT: ReadonlyMap<string, number> = new Map(
  [...UNITS].map(([u, { ms }]) => [u, Number((1n << 63n) / (BigInt(ms) * 1_000_000n))]),
);

/** The largest whole number of milliseconds within time.Duration (int64 nanoseconds). */
const MAX_MS = Number(((1n << 63n) - 1n) / 1_000_000n);

/** strconv.ParseUint(s, 10, 64) fails above this. */
const MAX_UINT64 = (1n << 64n) - 1n;

export type DurationResult = { ms: number; error?: undefined } | { ms?: undefined; error: string };

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** model.ParseDuration: "1h30m", "5m", "0"..., with Prometheus' messages on failure. */
export function parseDuration(s: string): DurationResult {
  if (s === '0') return { ms: 0 };
  if (s === '') return { error: 'empty duration string' };
  const invalid = { error: `not a valid duration string: ${goQuote(s)}` };
  let total = 0;
  let lastPos = 0;
  let i = 0;
  while (i < s.length) {
    let j = i;
    while (j < s.length && isDigit(s.charCodeAt(j))) j++;
    if (j === i) return invalid;
    const digits = s.slice(i, j);
    // Beyond 15 digits a Number is no longer exact: decide with BigInt (ParseUint's overflow, then the limit).
    if (digits.length > 15 && BigInt(digits) > MAX_UINT64) return invalid;
    i = j;
    while (j < s.length && !isDigit(s.charCodeAt(j))) j++;
    if (j === i) return invalid;
    const unitName = s.slice(i, j);
    i = j;
    const unit = UNITS.get(unitName);
    if (!unit) return { error: `unknown unit ${goQuote(unitName)} in duration ${goQuote(s)}` };
    if (unit.pos <= lastPos) return invalid;
    lastPos = unit.pos;
    const limit = LIMIT.get(unitName)!;
    if (digits.length > 15 ? BigInt(digits) > BigInt(limit) : Number(digits) > limit) return { error: 'duration out of range' };
    total += Number(digits) * unit.ms;
    if (total > MAX_MS) return { error: 'duration out of range' };
  }
  return { ms: total };
}

/** model.Duration.String(): "1h30m", "0s", "90d" (years and weeks only when exact). */
export const formatDuration = formatDurationMs;
