// The few Go standard-library formatters that Prometheus' String() relies on, reproduced
// byte for byte: strconv.FormatFloat(f, 'f', -1, 64), fmt's %v for float64, strconv.Quote,
// model.Duration.String() (prometheus/common) and sort.Strings' byte order.

/** strconv.FormatFloat(f, 'f', -1, 64): shortest round-trip digits, never an exponent. */
export function formatFloatF(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const neg = f < 0 || Object.is(f, -0);
  const { digits, exp } = shortestDigits(Math.abs(f));
  // exp is the position of the decimal point relative to the start of digits.
  let out: string;
  if (exp <= 0) out = '0.' + '0'.repeat(-exp) + digits;
  else if (exp >= digits.length) out = digits + '0'.repeat(exp - digits.length);
  else out = digits.slice(0, exp) + '.' + digits.slice(exp);
  return neg ? '-' + out : out;
}

/** fmt.Sprintf("%v", f) for a float64: %g with the shortest digits (1e+06, 0.0001, 1e-05). */
export function formatFloatV(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const neg = f < 0 || Object.is(f, -0);
  const { digits, exp } = shortestDigits(Math.abs(f));
  const x = exp - 1; // exponent of the first digit
  // strconv's %g with the shortest precision switches to an exponent at 1e6 and below 1e-4.
  let out: string;
  if (x < -4 || x >= 6) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const e = Math.abs(x);
    out = `${mant}e${x < 0 ? '-' : '+'}${e < 10 ? '0' + e : String(e)}`;
  } else {
    out = formatFloatF(Math.abs(f));
  }
  return neg ? '-' + out : out;
}

/** The shortest decimal digits that round-trip (as JS and Go both compute them) and the point position. */
function shortestDigits(a: number): { digits: string; exp: number } {
  if (a === 0) return { digits: '0', exp: 1 };
  const [mant, e] = a.toExponential().split('e');
  const digits = mant.replace('.', '');
  return { digits, exp: Number(e) + 1 };
}

const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** strconv.Quote: double quotes, Go escapes, non-printable runes as \x, \u or \U. */
export function goQuote(s: string): string {
  // Printable ASCII without `"` or `\` is quoted as it is (one native test, no loop per character).
  if (PLAIN_ASCII.test(s)) return '"' + s + '"';
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') {
      out += '\\' + ch;
      continue;
    }
    if (r >= 0xdc80 && r <= 0xdcff) {
      // A byte of invalid UTF-8 kept as a lone surrogate (Python's "surrogateescape"
      // convention): Go prints such a byte as \xHH.
      out += '\\x' + hex(r - 0xdc00, 2);
      continue;
    }
    if ((r >= 0xd800 && r <= 0xdfff) || r === 0xfffd) {
      // U+FFFD usually stands for bytes that were not UTF-8 and cannot be told apart from a
      // real U+FFFD any more; the escape keeps the same value and, unlike the raw character,
      // is never mistaken for invalid input when read back. (Go would print a real U+FFFD raw.)
      out += '\\ufffd';
      continue;
    }
    if (isGoPrint(ch, r)) {
      out += ch;
      continue;
    }
    switch (ch) {
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (r < 0x20 || r === 0x7f) out += '\\x' + hex(r, 2);
    else if (r < 0x10000) out += '\\u' + hex(r, 4);
    else out += '\\U' + hex(r, 8);
  }
  return out + '"';
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(ch: string, r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  return PRINTABLE.test(ch);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

const MS_PER_UNIT: ReadonlyArray<[string, number, boolean]> = [
  // [unit, milliseconds, only when it divides exactly]: "90d" reads better than "12w6d".
  ['y', 1000 * 60 * 60 * 24 * 365, true],
  ['w', 1000 * 60 * 60 * 24 * 7, true],
  ['d', 1000 * 60 * 60 * 24, false],
  ['h', 1000 * 60 * 60, false],
  ['m', 1000 * 60, false],
  ['s', 1000, false],
  ['ms', 1, false],
];

/** model.Duration(ms * 1e6).String() from prometheus/common: 1h30m, 1d, 2w, 0s, -5m. */
export function formatDurationMs(ms: number): string {
  let rest = Math.trunc(ms);
  if (rest === 0) return '0s';
  const sign = rest < 0 ? '-' : '';
  rest = Math.abs(rest);
  let out = '';
  for (const [unit, mult, exact] of MS_PER_UNIT) {
    if (exact && rest % mult !== 0) continue;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${unit}`;
      rest -= v * mult;
    }
  }
  return sign + out;
}

/** model.Duration(seconds * 1e9).String(): float seconds to int64 nanoseconds, then to milliseconds. */
export function formatDurationSeconds(seconds: number): string {
  const ns = seconds * 1e9;
  // Go converts an out-of-range float to the most negative int64 on amd64.
  if (!Number.isFinite(ns) || Math.abs(ns) >= 9223372036854775807) return formatDurationMs(-9223372036854);
  const nsInt = Math.trunc(ns);
  return formatDurationMs((nsInt - (nsInt % 1e6)) / 1e6);
}

/** fmt "%.3f" of a millisecond timestamp in seconds, as Prometheus prints `@` modifiers. */
export function formatAtSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Go's sort.Strings order: byte order of the UTF-8 encoding, which is code point order. */
export function compareGoStrings(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** len(s) in Go: the number of UTF-8 bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** strings.TrimSpace: trims Go's unicode.IsSpace characters at both ends. */
export function goTrimSpace(s: string): string {
  return s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/, '')
    .replace(/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/, '');
}
