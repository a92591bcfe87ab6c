// text/template's newNumber (text/template/parse/node.go): what makes a number token of a template
// an error once lexed. The lexer's scanNumber has already shaped the token (digits, underscores,
// a base prefix, a fraction, an exponent, an `i`); strconv's rules decide the rest: where an
// underscore may stand, which integers fit 64 bits, which floats overflow.
import { goQuote } from './goTemplateLexer';

/** Go's error for the number token `text` (a complex token is `1+2i`), or undefined when it is valid. */
export function goNumberError(text: string, complexToken: boolean): string | undefined {
  const quoted = goQuote(text);
  if (complexToken) {
    // fmt.Sscan reads the pair: a real part, then a signed imaginary part ending in i.
    const m = /^([+-]?[^+-]+(?:[eEpP][+-][^+-]+)?)([+-][^+-]+(?:[eEpP][+-][^+-]*)?)i$/.exec(text);
    return m && parseFloatGo(m[1]).ok && parseFloatGo(m[2]).ok ? undefined : `illegal number syntax: ${quoted}`;
  }
  // An imaginary constant: a float before the i.
  if (text.endsWith('i') && parseFloatGo(text.slice(0, -1)).ok) return undefined;
  if (parseIntGo(text)) return undefined;
  const f = parseFloatGo(text);
  if (f.ok) return /[.eEpP]/.test(text) ? undefined : `integer overflow: ${quoted}`;
  return `illegal number syntax: ${quoted}`;
}

/** strconv's underscoreOK: underscores only between digits, or between a base prefix and a digit. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseUint(s, 0, 64) or ParseInt(s, 0, 64) succeeds. */
function parseIntGo(text: string): boolean {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let digits = '0123456789';
  let prefix = '';
  if (s.length >= 2 && s[0] === '0') {
    const p = s[1].toLowerCase();
    if (p === 'x') digits = '0123456789abcdefABCDEF';
    else if (p === 'b') digits = '01';
    else if (p === 'o') digits = '01234567';
    if (p === 'x' || p === 'b' || p === 'o') {
      prefix = `0${p}`;
      s = s.slice(2);
    } else {
      // A leading 0: octal.
      digits = '01234567';
      prefix = '0o';
      s = s.slice(1);
    }
  }
  if (s.includes('_') && !underscoreOK(text)) return false;
  const body = s.replace(/_/g, '');
  if (body === '') return prefix === '0o' && text.replace(/^[+-]/, '') === '0';
  for (const c of body) if (!digits.includes(c)) return false;
  const v = BigInt(prefix ? `${prefix === '0o' ? '0o' : prefix}${body}` : body);
  // ParseUint refuses a sign; ParseInt takes one and allows -2^63.
  return neg ? v <= INT64_MAX + 1n : v <= UINT64_MAX;
}

/** strconv.ParseFloat(s, 64): Go's float syntax (decimal or hex with a p exponent) and no overflow. */
function parseFloatGo(text: string): { ok: boolean } {
  const s = text.replace(/^[+-]/, '');
  if (s.includes('_') && !underscoreOK(text)) return { ok: false };
  const t = s.replace(/_/g, '');
  let value: number;
  if (/^0[xX]/.test(t)) {
    const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(t);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return { ok: false };
    const mant = parseInt(m[1] || '0', 16) + (m[2] ? parseInt(m[2], 16) / 16 ** m[2].length : 0);
    value = mant * 2 ** Number(m[3]);
  } else {
    if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { ok: false };
    value = Number(t);
  }
  return { ok: Number.isFinite(value) };
}
