// How tokens, strings and runes are written in Prometheus' messages (Go's %q, %#U, Item.desc),
// and the ranges tokens cover.
import type { PosRange } from './ast';
import type { PromToken } from './lexer';
import { goQuote, isGoPrint } from './goFormatting';

export function range(t: PromToken): PosRange {
  return { start: t.startOffset, end: t.end };
}

/** Go's Item.desc(): how an item is named in "unexpected ..." messages. */
export function describeToken(t: PromToken): string {
  const type = t.tokenType;
  switch (type.kind) {
    case 'eof':
      return 'end of input';
    case 'keyword':
      return `<${t.image}>`;
    case 'operator':
      return `<op:${t.image}>`;
    case 'aggregator':
      return `<aggr:${t.image}>`;
    case 'punct':
    case 'preprocessor':
      return goQuote(t.image);
    case 'identifier':
      return `identifier ${goQuote(t.image)}`;
    case 'metricIdentifier':
      return `metric identifier ${goQuote(t.image)}`;
    default: {
      const what = type.kind === 'string' ? 'string' : type.kind === 'number' ? 'number' : type.kind === 'duration' ? 'duration' : type.kind;
      // Go prints values over 10 bytes as %.10q...: the first 10 runes, quoted.
      const long = Buffer.byteLength(t.image, 'utf8') > 10;
      const shown = long ? goQuote(Array.from(t.image).slice(0, 10).join('')) + '...' : goQuote(t.image);
      return `${what} ${shown}`;
    }
  }
}

/** Go's %q of a rune (strconv.QuoteRune). */
export function quoteRune(c: number): string {
  if (c < 0) return "'\uFFFD'"; // end of input (-1): Go quotes an invalid rune as U+FFFD
  switch (c) {
    case 7: return "'\\a'";
    case 8: return "'\\b'";
    case 12: return "'\\f'";
    case 10: return "'\\n'";
    case 13: return "'\\r'";
    case 9: return "'\\t'";
    case 11: return "'\\v'";
    case 92: return "'\\\\'";
    case 39: return "'\\''";
  }
  if (c < 32 || c === 127) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  if (c >= 0xd800 && c <= 0xdfff) return "'�'";
  const ch = String.fromCodePoint(c);
  // unicode.IsPrint: a no-break space, a format character and the like print as escapes.
  if (!isGoPrint(ch, c)) return c < 0x10000 ? `'\\u${c.toString(16).padStart(4, '0')}'` : `'\\U${c.toString(16).padStart(8, '0')}'`;
  return `'${ch}'`;
}

/** Go's %#U of a rune: U+0063 'c'. */
export function unicodeRune(c: number): string {
  const hex = 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
  // Go prints the quoted character only when it is printable.
  if (c >= 32 && c !== 127 && !(c >= 0x80 && c < 0xa0)) return `${hex} '${String.fromCodePoint(c)}'`;
  return hex;
}

/** Go's strconv.Quote (what %q prints for a string). */
export { goQuote };

