// Prometheus duration and byte-size syntax, as prometheus/common model.ParseDuration and
// alecthomas/units ParseBase2Bytes accept them. Values are returned in milliseconds / bytes.

const durationUnits: Record<string, { ms: bigint; pos: number }> = {
  ms: { ms: 1n, pos: 7 },
  s: { ms: 1000n, pos: 6 },
  m: { ms: 60_000n, pos: 5 },
  h: { ms: 3_600_000n, pos: 4 },
  d: { ms: 86_400_000n, pos: 3 },
  w: { ms: 604_800_000n, pos: 2 },
  y: { ms: 31_536_000_000n, pos: 1 },
};

/** Go's time.Duration limit, in milliseconds (the parser works in nanoseconds). */
const maxDurationNs = (1n << 63n) - 1n;

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** model.ParseDuration: compound `1h30m`, units largest first, no fractions, no sign. */
export function parseDuration(s: string): Parsed {
  if (s === '0') return { ok: true, value: 0 };
  if (s === '') return { ok: false, error: 'empty duration string' };
  const bad: Parsed = { ok: false, error: `not a valid duration string: ${goQuoteAscii(s)}` };
  let rest = s;
  let totalNs = 0n;
  let lastPos = 0;
  while (rest !== '') {
    if (!isDigit(rest[0])) return bad;
    let i = 0;
    while (i < rest.length && isDigit(rest[i])) i++;
    const digits = rest.slice(0, i);
    rest = rest.slice(i);
    let j = 0;
    while (j < rest.length && !isDigit(rest[j])) j++;
    if (j === 0) return bad;
    const unitText = rest.slice(0, j);
    rest = rest.slice(j);
    const unit = Object.prototype.hasOwnProperty.call(durationUnits, unitText) ? durationUnits[unitText] : undefined;
    if (!unit) return { ok: false, error: `unknown unit ${goQuoteAscii(unitText)} in duration ${goQuoteAscii(s)}` };
    if (unit.pos <= lastPos) return bad;
    lastPos = unit.pos;
    const v = BigInt(digits);
    if (v > (1n << 64n) - 1n) return bad; // strconv.ParseUint overflow
    const unitNs = unit.ms * 1_000_000n;
    if (v > (1n << 63n) / unitNs) return { ok: false, error: 'duration out of range' };
    totalNs += v * unitNs;
    if (totalNs > maxDurationNs) return { ok: false, error: 'duration out of range' };
  }
  return { ok: true, value: Number(totalNs / 1_000_000n) };
}

/** Renders a duration in milliseconds the way model.Duration.String does (e.g. `1m30s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: [number, string][] = [
    [31_536_000_000, 'y'], [604_800_000, 'w'], [86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'm'], [1000, 's'], [1, 'ms'],
  ];
  let rest = ms;
  let out = '';
  for (const [size, unit] of parts) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** A valid spelling for common mistakes: a bare number of seconds, or a decimal like `1.5m`. */
export function suggestDuration(s: string): string | undefined {
  if (/^\d+$/.test(s) && s !== '0') return `${s}s`;
  const m = /^(\d*\.\d+|\d+\.\d*)(ms|s|m|h|d|w|y)$/.exec(s);
  if (!m) return undefined;
  const ms = Number(m[1]) * Number(durationUnits[m[2]].ms);
  return Number.isInteger(ms) && ms > 0 ? formatDuration(ms) : undefined;
}

const sizePrefixes = ['K', 'M', 'G', 'T', 'P', 'E'];
const sizeUnits: Record<string, number> = (() => {
  const map: Record<string, number> = { B: 1 };
  sizePrefixes.forEach((p, i) => {
    const v = Math.pow(1024, i + 1);
    map[`${p}iB`] = v;
    map[`${p}B`] = v;
  });
  return map;
})();

/** units.ParseBase2Bytes: `512MB`, `1GiB`, `1.5KB`, compound `1GB512MB`; a bare number has no unit. */
export function parseSize(orig: string): Parsed {
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, value: 0 };
  const invalid: Parsed = { ok: false, error: `units: invalid ${orig}` };
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid;
    let i = 0;
    while (i < s.length && isDigit(s[i])) i++;
    const pre = i > 0;
    let num = pre ? Number(s.slice(0, i)) : 0;
    s = s.slice(i);
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let k = 0;
      while (k < s.length && isDigit(s[k])) k++;
      post = k > 0;
      if (post) num += Number(`0.${s.slice(0, k)}`);
      s = s.slice(k);
    }
    if (!pre && !post) return invalid;
    let j = 0;
    while (j < s.length && s[j] !== '.' && !isDigit(s[j])) j++;
    const unit = s.slice(0, j);
    s = s.slice(j);
    const mult = Object.prototype.hasOwnProperty.call(sizeUnits, unit) ? sizeUnits[unit] : undefined;
    if (mult === undefined) return { ok: false, error: `units: unknown unit ${unit} in ${orig}` };
    total += num * mult;
  }
  if (total > 2 ** 63) return { ok: false, error: 'units: overflow parsing unit' };
  return { ok: true, value: neg ? -total : total };
}

/** Go's %q for plain strings (the common case in messages). */
function goQuoteAscii(s: string): string {
  return JSON.stringify(s);
}
