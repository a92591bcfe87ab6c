// Prometheus duration and byte-size syntax, as prometheus/common model.ParseDuration and
// alecthomas/units ParseBase2Bytes accept them. Values are returned in milliseconds / bytes.

import { formatDuration, parseDuration as parsePromDuration } from '../../promql/durations';

export { formatDuration };

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** model.ParseDuration (server/src/promql/durations.ts) in this module's result shape. */
export function parseDuration(s: string): Parsed {
  const r = parsePromDuration(s);
  return r.error === undefined ? { ok: true, value: r.ms } : { ok: false, error: r.error };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** A valid spelling for common mistakes: a bare number of seconds, or a decimal like `1.5m`. */
export function suggestDuration(s: string): string | undefined {
  if (/^\d+$/.test(s) && s !== '0') return `${s}s`;
  const m = /^(\d*\.\d+|\d+\.\d*)(ms|s|m|h|d|w|y)$/.exec(s);
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2]];
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
