// The syntax error Go's encoding/json reports for a text that is not JSON, in its words
// ("unexpected end of JSON input", "invalid character 'x' after array element"): json.Unmarshal
// checks the whole input with its scanner (scanner.go) before decoding anything, so this is what
// `promtool check config` prints for a broken file_sd JSON file. A port of that scanner's states,
// reading the text as UTF-8 bytes as Go does; it stops at the first error.

type Context = 'key' | 'value' | 'array';

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** Go's quoteChar: the byte as a rune, quoted with single quotes as strconv.Quote would. */
export function goQuoteByte(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
  if (named[c]) return `'${named[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  // Bytes from 0x80 are runes U+0080..U+00FF: C1 controls and the soft hyphen are not printable.
  if ((c >= 0x80 && c < 0xa0) || c === 0xad) return `'\\u${c.toString(16).padStart(4, '0')}'`;
  return `'${String.fromCharCode(c)}'`;
}

/** Literal states: the word, and how much of it has been read. */
const LITERALS: Record<number, string> = { 0x74: 'true', 0x66: 'false', 0x6e: 'null' };

/**
 * Go's json syntax error for `text`, or undefined when Go's scanner accepts it (Go and
 * JSON.parse accept the same texts; this only words the error).
 */
export function goJsonSyntaxError(text: string): string | undefined {
  const bytes = Buffer.from(text, 'utf8');
  const stack: Context[] = [];
  // The state: which of scanner.go's step functions reads the next byte.
  let state = 'beginValue';
  let literal = '';
  let literalAt = 0;
  let hexLeft = 0;
  let endTop = false;
  const fail = (c: number, context: string): string => `invalid character ${goQuoteByte(c)} ${context}`;

  /** One byte through the scanner; returns an error message or undefined. */
  const step = (c: number): string | undefined => {
    for (;;) {
      switch (state) {
        case 'beginValueOrEmpty':
          if (isSpace(c)) return undefined;
          if (c === 0x5d) {
            state = 'endValue';
            continue;
          }
          state = 'beginValue';
          continue;
        case 'beginValue':
          if (isSpace(c)) return undefined;
          switch (c) {
            case 0x7b: // {
              if (stack.length >= 10000) return fail(c, 'exceeded max depth');
              stack.push('key');
              state = 'beginStringOrEmpty';
              return undefined;
            case 0x5b: // [
              if (stack.length >= 10000) return fail(c, 'exceeded max depth');
              stack.push('array');
              state = 'beginValueOrEmpty';
              return undefined;
            case 0x22: state = 'inString'; return undefined;
            case 0x2d: state = 'neg'; return undefined;
            case 0x30: state = 'zero'; return undefined;
          }
          if (c >= 0x31 && c <= 0x39) {
            state = 'int';
            return undefined;
          }
          if (LITERALS[c]) {
            literal = LITERALS[c];
            literalAt = 1;
            state = 'literal';
            return undefined;
          }
          return fail(c, 'looking for beginning of value');
        case 'beginStringOrEmpty':
          if (isSpace(c)) return undefined;
          if (c === 0x7d) {
            stack[stack.length - 1] = 'value';
            state = 'endValue';
            continue;
          }
          state = 'beginString';
          continue;
        case 'beginString':
          if (isSpace(c)) return undefined;
          if (c === 0x22) {
            state = 'inString';
            return undefined;
          }
          return fail(c, 'looking for beginning of object key string');
        case 'endValue': {
          if (stack.length === 0) {
            endTop = true;
            state = 'endTop';
            continue;
          }
          if (isSpace(c)) return undefined;
          const top = stack[stack.length - 1];
          if (top === 'key') {
            if (c === 0x3a) {
              stack[stack.length - 1] = 'value';
              state = 'beginValue';
              return undefined;
            }
            return fail(c, 'after object key');
          }
          if (top === 'value') {
            if (c === 0x2c) {
              stack[stack.length - 1] = 'key';
              state = 'beginString';
              return undefined;
            }
            if (c === 0x7d) {
              stack.pop();
              state = 'endValue';
              return undefined;
            }
            return fail(c, 'after object key:value pair');
          }
          if (c === 0x2c) {
            state = 'beginValue';
            return undefined;
          }
          if (c === 0x5d) {
            stack.pop();
            state = 'endValue';
            return undefined;
          }
          return fail(c, 'after array element');
        }
        case 'endTop':
          return isSpace(c) ? undefined : fail(c, 'after top-level value');
        case 'inString':
          if (c === 0x22) state = 'endValue';
          else if (c === 0x5c) state = 'inStringEsc';
          else if (c < 0x20) return fail(c, 'in string literal');
          return undefined;
        case 'inStringEsc':
          if ('bfnrt\\/"'.includes(String.fromCharCode(c))) {
            state = 'inString';
            return undefined;
          }
          if (c === 0x75) {
            hexLeft = 4;
            state = 'inStringEscU';
            return undefined;
          }
          return fail(c, 'in string escape code');
        case 'inStringEscU':
          if (!isHex(c)) return fail(c, 'in \\u hexadecimal character escape');
          if (--hexLeft === 0) state = 'inString';
          return undefined;
        case 'neg':
          if (c === 0x30) state = 'zero';
          else if (c >= 0x31 && c <= 0x39) state = 'int';
          else return fail(c, 'in numeric literal');
          return undefined;
        case 'int':
          if (isDigit(c)) return undefined;
          state = 'zero';
          continue;
        case 'zero':
          if (c === 0x2e) {
            state = 'dot';
            return undefined;
          }
          if (c === 0x65 || c === 0x45) {
            state = 'exp';
            return undefined;
          }
          state = 'endValue';
          continue;
        case 'dot':
          if (isDigit(c)) {
            state = 'dotDigits';
            return undefined;
          }
          return fail(c, 'after decimal point in numeric literal');
        case 'dotDigits':
          if (isDigit(c)) return undefined;
          if (c === 0x65 || c === 0x45) {
            state = 'exp';
            return undefined;
          }
          state = 'endValue';
          continue;
        case 'exp':
          state = 'expSign';
          if (c === 0x2b || c === 0x2d) return undefined;
          continue;
        case 'expSign':
          if (isDigit(c)) {
            state = 'expDigits';
            return undefined;
          }
          return fail(c, 'in exponent of numeric literal');
        case 'expDigits':
          if (isDigit(c)) return undefined;
          state = 'endValue';
          continue;
        case 'literal': {
          const want = literal.charCodeAt(literalAt);
          if (c !== want) return fail(c, `in literal ${literal} (expecting '${literal[literalAt]}')`);
          if (++literalAt === literal.length) state = 'endValue';
          return undefined;
        }
      }
      throw new Error(`goJsonSyntaxError: no state ${state}`);
    }
  };

  for (const c of bytes) {
    const error = step(c);
    if (error !== undefined) return error;
  }
  // scanner.eof: a space ends a number or a top-level value; anything else unfinished is an
  // unexpected end (or the error that space itself causes, inside a literal).
  if (endTop) return undefined;
  const error = step(0x20);
  if (endTop) return undefined;
  return error ?? 'unexpected end of JSON input';
}
