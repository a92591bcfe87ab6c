// Decodes a YAML flow scalar (plain, 'single' or "double" quoted) from its raw source, keeping the
// file offset of every character: line folding (a single break becomes a space, n empty lines become
// n line feeds, whitespace around breaks is dropped), '' in single quotes, and every escape of YAML
// 1.2 double quotes including escaped line breaks. See YAML 1.2 spec §7.3–7.4, §6.5 (line folding).
import { MappedTextBuilder, type MappedText } from './positionMap';

export type FlowStyle = 'plain' | 'single' | 'double';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r',
  e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';
const isWhite = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Length of the line break at i (\r\n counts as one break), 0 if none. */
function breakLength(src: string, i: number): number {
  if (src[i] === '\r') return src[i + 1] === '\n' ? 2 : 1;
  return src[i] === '\n' ? 1 : 0;
}

/**
 * Decodes src[start, end): for quoted styles the range includes the quotes.
 */
export function decodeFlowScalar(src: string, start: number, end: number, style: FlowStyle): MappedText {
  const out = new MappedTextBuilder();
  let i = style === 'plain' ? start : start + 1;
  const stop = style === 'plain' ? end : Math.max(i, end - 1);
  // Unescaped whitespace is held back: it is content unless a line break follows it.
  let pending: number[] = [];
  const flush = (): void => {
    for (const p of pending) out.pushSpan(src[p], p);
    pending = [];
  };
  /** After a break at `at`: skips the next line's indentation and folds the empty lines in between. */
  const foldAfterBreak = (at: number): number => {
    let j = at + breakLength(src, at);
    const empties: number[] = [];
    for (;;) {
      while (j < stop && isWhite(src[j])) j++;
      if (j < stop && isBreak(src[j])) {
        empties.push(j);
        j += breakLength(src, j);
        continue;
      }
      break;
    }
    if (empties.length === 0) {
      out.pushAt(' ', at);
    } else {
      for (const e of empties) out.pushAt('\n', e);
    }
    return j;
  };

  while (i < stop) {
    const c = src[i];
    if (isBreak(c)) {
      pending = [];
      i = foldAfterBreak(i);
      continue;
    }
    if (isWhite(c)) {
      pending.push(i);
      i++;
      continue;
    }
    if (style === 'single' && c === "'" && src[i + 1] === "'") {
      flush();
      out.pushAt("'", i);
      i += 2;
      continue;
    }
    if (style === 'double' && c === '\\') {
      const n = src[i + 1];
      flush();
      if (isBreak(n)) {
        // An escaped line break joins the lines without a space; whitespace before it stays, the
        // next line's indentation goes. A following empty line then folds as usual (the yaml
        // package's reading).
        i += 1 + breakLength(src, i + 1);
        while (i < stop && isWhite(src[i])) i++;
        continue;
      }
      const simple = n !== undefined ? SIMPLE_ESCAPES[n] : undefined;
      if (simple !== undefined) {
        out.pushAt(simple, i);
        i += 2;
        continue;
      }
      const hexLen = n !== undefined ? HEX_ESCAPE_LENGTH[n] : undefined;
      if (hexLen !== undefined) {
        const hex = src.slice(i + 2, i + 2 + hexLen);
        const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLen ? parseInt(hex, 16) : NaN;
        if (Number.isFinite(code) && code <= 0x10ffff) {
          out.pushAt(String.fromCodePoint(code), i);
          i += 2 + hexLen;
          continue;
        }
      }
      // An invalid escape (the yaml parser reports it): keep the characters as written.
      out.pushSpan(c, i);
      i++;
      continue;
    }
    flush();
    out.pushSpan(c, i);
    i++;
  }
  flush();
  return out.build();
}
