// Go text/template lexer (text/template/parse/lex.go), enough to reproduce Go's parse errors for
// alert labels and annotations. Tokens are produced up front; a lexing error ends the stream
// with an `error` token, as Go's lexer does by closing its channel after emitting one.
import { goQuote } from '../../promql/goFormatting';

export type TokType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'complex' | 'assign' | 'declare' | 'eof'
  | 'field' | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString'
  | 'rightDelim' | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  // keywords
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range'
  | 'template' | 'with';

export interface Tok {
  typ: TokType;
  /** UTF-16 offset of the token in the template text. */
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Readonly<Record<string, TokType>> = {
  '.': 'dot', block: 'block', break: 'break', continue: 'continue', define: 'define', else: 'else',
  end: 'end', if: 'if', range: 'range', nil: 'nil', template: 'template', with: 'with',
};

export const KEYWORD_TYPES: ReadonlySet<TokType> = new Set(Object.values(KEYWORDS));

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string): boolean => c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);
/** A run of what isAlphaNumeric accepts, code point by code point. */
const ALPHANUMERIC_RUN = /[_\p{L}\p{Nd}]*/uy;
/** Characters inside a quoted string or character constant that need no look. */
const DOUBLE_QUOTED_RUN = /[^"\\\n]*/y;
const SINGLE_QUOTED_RUN = /[^'\\\n]*/y;

/** Go's %#U: `U+002A '*'`. */
export function goRuneRepr(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return /^[\p{L}\p{N}\p{P}\p{S} ]$/u.test(c) ? `U+${hex} '${c}'` : `U+${hex}`;
}

export function lexGoTemplate(input: string): Tok[] {
  const toks: Tok[] = [];
  let pos = 0;
  let start = 0;
  let parenDepth = 0;
  let startLine = 1;

  // Line numbers are counted incrementally: `start` only moves forward.
  let countedTo = 0;
  let countedLine = 1;
  const lineAt = (p: number): number => {
    for (; countedTo < p && countedTo < input.length; countedTo++) if (input.charCodeAt(countedTo) === 10) countedLine++;
    return countedLine;
  };
  const emit = (typ: TokType): void => {
    toks.push({ typ, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = lineAt(start);
  };
  const ignore = (): void => {
    start = pos;
    startLine = lineAt(start);
  };
  const error = (msg: string): Tok[] => {
    toks.push({ typ: 'error', pos: start, val: msg, line: startLine });
    return toks;
  };
  const peekChar = (): string => (pos < input.length ? String.fromCodePoint(input.codePointAt(pos)!) : '');
  const nextChar = (): string => {
    const c = peekChar();
    pos += c.length;
    return c;
  };
  /** Consumes letters, digits and '_'; returns the character that stopped it ('' at the end). */
  const skipAlphaNumerics = (): string => {
    // One native scan rather than a regular expression test per character (isAlphaNumeric).
    ALPHANUMERIC_RUN.lastIndex = pos;
    ALPHANUMERIC_RUN.test(input);
    pos = ALPHANUMERIC_RUN.lastIndex;
    return peekChar();
  };
  const hasLeftTrim = (p: number): boolean => input[p] === '-' && isSpace(input[p + 1] ?? '');
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (isSpace(input[pos] ?? '') && input[pos + 1] === '-' && input.startsWith('}}', pos + 2)) return { delim: true, trim: true };
    if (input.startsWith('}}', pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  };
  const atTerminator = (): boolean => {
    const r = peekChar();
    if (r === '' || isSpace(r)) return true;
    return '.,|:)('.includes(r) || input.startsWith('}}', pos);
  };

  // The state machine, flattened into a loop: `inAction` says which state we are in.
  let inAction = false;
  for (;;) {
    if (!inAction) {
      const i = input.indexOf('{{', pos);
      if (i < 0) {
        pos = input.length;
        if (pos > start) emit('text');
        emit('eof');
        return toks;
      }
      pos = i;
      if (pos > start) emit('text');
      pos += 2;
      const after = hasLeftTrim(pos) ? 2 : 0;
      if (input.startsWith('/*', pos + after)) {
        pos += after;
        ignore();
        pos += 2;
        const end = input.indexOf('*/', pos);
        if (end < 0) return error('unclosed comment');
        pos = end + 2;
        const rd = atRightDelim();
        if (!rd.delim) return error('comment ends before closing delimiter');
        pos += (rd.trim ? 2 : 0) + 2;
        ignore();
        continue;
      }
      emit('leftDelim');
      pos += after;
      ignore();
      parenDepth = 0;
      inAction = true;
      continue;
    }
    const rd = atRightDelim();
    if (rd.delim) {
      if (parenDepth !== 0) return error('unclosed left paren');
      if (rd.trim) {
        pos += 2;
        ignore();
      }
      pos += 2;
      emit('rightDelim');
      inAction = false;
      continue;
    }
    const r = nextChar();
    if (r === '') return error('unclosed action');
    if (isSpace(r)) {
      pos -= r.length;
      let n = 0;
      while (isSpace(peekChar())) {
        nextChar();
        n++;
      }
      // A space followed by "-}}" is a trim marker, not an argument separator.
      if (input[pos - 1] !== undefined && isSpace(input[pos - 1]) && input[pos] === '-' && input.startsWith('}}', pos + 1)) {
        pos -= 1;
        if (n === 1) continue;
      }
      emit('space');
      continue;
    }
    switch (r) {
      case '=':
        emit('assign');
        continue;
      case ':':
        if (nextChar() !== '=') return error('expected :=');
        emit('declare');
        continue;
      case '|':
        emit('pipe');
        continue;
      case '"':
      case "'": {
        const run = r === '"' ? DOUBLE_QUOTED_RUN : SINGLE_QUOTED_RUN;
        for (;;) {
          // Skips what the loop would take one character at a time without acting on it.
          run.lastIndex = pos;
          run.test(input);
          pos = run.lastIndex;
          const c = nextChar();
          if (c === '\\') {
            const d = nextChar();
            if (d !== '' && d !== '\n') continue;
          }
          if (c === '' || c === '\n' || c === '\\') {
            return error(r === '"' ? 'unterminated quoted string' : 'unterminated character constant');
          }
          if (c === r) break;
        }
        emit(r === '"' ? 'string' : 'charConstant');
        continue;
      }
      case '`': {
        const end = input.indexOf('`', pos);
        if (end < 0) return error('unterminated raw quoted string');
        pos = end + 1;
        emit('rawString');
        continue;
      }
      case '$':
      case '.': {
        if (r === '.' && /[0-9]/.test(input[pos] ?? '')) {
          pos -= 1;
          const err = lexNumber();
          if (err) return error(err);
          continue;
        }
        const typ: TokType = r === '$' ? 'variable' : 'field';
        if (atTerminator()) {
          emit(typ === 'variable' ? 'variable' : 'dot');
          continue;
        }
        const c = skipAlphaNumerics();
        if (!atTerminator()) return error(`bad character ${goRuneRepr(c)}`);
        emit(typ);
        continue;
      }
      case '(':
        emit('leftParen');
        parenDepth++;
        continue;
      case ')':
        parenDepth--;
        if (parenDepth < 0) return error('unexpected right paren');
        emit('rightParen');
        continue;
    }
    if (r === '+' || r === '-' || /[0-9]/.test(r)) {
      pos -= r.length;
      const err = lexNumber();
      if (err) return error(err);
      continue;
    }
    if (isAlphaNumeric(r)) {
      const c = skipAlphaNumerics();
      if (!atTerminator()) return error(`bad character ${goRuneRepr(c)}`);
      const word = input.slice(start, pos);
      const kw = KEYWORDS[word];
      emit(kw ?? (word === 'true' || word === 'false' ? 'bool' : 'identifier'));
      continue;
    }
    const cp = r.codePointAt(0)!;
    if (cp < 128 && cp >= 0x20 && cp !== 0x7f) {
      emit('char');
      continue;
    }
    return error(`unrecognized character in action: ${goRuneRepr(r)}`);
  }

  function accept(valid: string): boolean {
    const c = peekChar();
    if (c !== '' && valid.includes(c)) {
      pos += c.length;
      return true;
    }
    return false;
  }
  function acceptRun(valid: string): void {
    while (accept(valid));
  }
  function scanNumber(): boolean {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    const c = peekChar();
    if (c !== '' && isAlphaNumeric(c)) {
      nextChar();
      return false;
    }
    return true;
  }
  /** Returns an error message, or null after emitting the number. */
  function lexNumber(): string | null {
    if (!scanNumber()) return `bad number syntax: ${goQuote(input.slice(start, pos))}`;
    const sign = peekChar();
    if (sign === '+' || sign === '-') {
      if (!scanNumber() || input[pos - 1] !== 'i') return `bad number syntax: ${goQuote(input.slice(start, pos))}`;
      emit('complex');
    } else emit('number');
    return null;
  }
}

/** Go's %q (strconv.Quote). */
export { goQuote };
