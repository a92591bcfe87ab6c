// The PromQL lexer: a port of the state machine of Prometheus' promql/parser/lex.go.
//
// Why not Chevrotain's own Lexer: lex.go is stateful in ways a mode stack cannot express faithfully
// (brace/bracket/paren bookkeeping, "got a colon/duration inside brackets", keywords that are
// identifiers inside braces, fill(...) only a keyword before "(", errors that end the scan with
// Prometheus' own messages). So this file ports lex.go's states and emits Chevrotain ITokens
// (the objects createTokenInstance builds) of the token types declared in tokens.ts.
//
// Offsets are UTF-16 code units (JavaScript strings). The series-description states of lex.go
// (promqltest `load` lines, histograms) are not ported: they are not PromQL expressions.
import type { IToken } from 'chevrotain';
import { goQuote, quoteRune, unicodeRune } from './tokenText';
import { KEYWORDS, T, type PromTokenType } from './tokens';

/** A lexed item: an ITokens plus its exclusive end, which the parser uses everywhere. */
export interface PromToken extends IToken {
  tokenType: PromTokenType;
  /** Exclusive end offset (Chevrotain's endOffset is inclusive). */
  end: number;
}

type StateFn = ((l: PromLexer) => StateFn) | null;

const EOF_RUNE = -1;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlpha(c: number): boolean {
  return c === 95 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
function isAlphaNumeric(c: number): boolean {
  return isAlpha(c) || isDigit(c);
}
function isEndOfLine(c: number): boolean {
  return c === 13 || c === 10;
}

// Runs of characters that the states below would consume one next() at a time, scanned with
// native sticky regular expressions instead: in a short process the per-character loops run
// interpreted. Each stops before any character its loop treats specially (and before any
// surrogate, which next() reads as part of a rune), so the loop then goes on as before.
const KEYWORD_OR_IDENTIFIER_RUN = /[A-Za-z0-9_:]*/y;
const IDENTIFIER_RUN = /[A-Za-z0-9_]*/y;
const SPACE_RUN = /[ \t\n\r]*/y;
const DOUBLE_QUOTED_RUN = /[^"\\\n\ufffd\ud800-\udfff]*/y;
const SINGLE_QUOTED_RUN = /[^'\\\n\ufffd\ud800-\udfff]*/y;
const RAW_STRING_RUN = /[^`\ufffd\ud800-\udfff]*/y;

/** Moves l.pos past the run of `re` that starts there. */
function skipRun(l: PromLexer, re: RegExp): void {
  re.lastIndex = l.pos;
  re.test(l.input);
  l.pos = re.lastIndex;
}

export class PromLexer {
  readonly input: string;
  pos = 0;
  start = 0;
  private width = 0;
  private state: StateFn = lexStatements;
  private item: PromToken | null = null;

  parenDepth = 0;
  braceOpen = false;
  bracketOpen = false;
  gotColon = false;
  gotDuration = false;
  stringOpen = 0;

  constructor(input: string) {
    this.input = input;
  }

  /** Next code point (surrogate pairs count as one rune, like Go's runes). */
  next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF_RUNE;
    }
    const c = this.input.codePointAt(this.pos)!;
    this.width = c > 0xffff ? 2 : 1;
    this.pos += this.width;
    return c;
  }
  peek(): number {
    const c = this.next();
    this.backup();
    return c;
  }
  backup(): void {
    this.pos -= this.width;
  }
  ignore(): void {
    this.start = this.pos;
  }
  accept(valid: string): boolean {
    const c = this.next();
    if (c !== EOF_RUNE && valid.indexOf(String.fromCharCode(c)) >= 0 && c < 128) return true;
    this.backup();
    return false;
  }
  is(valid: string): boolean {
    const c = this.peek();
    return c !== EOF_RUNE && c < 128 && valid.indexOf(String.fromCharCode(c)) >= 0;
  }
  acceptRun(valid: string): void {
    while (this.accept(valid)) {
      // Consume.
    }
  }

  emit(t: PromTokenType): void {
    this.item = makeToken(t, this.input.slice(this.start, this.pos), this.start, this.pos);
    this.start = this.pos;
  }

  /** Emits an ERROR item at the current item start; returns null (the scan ends). */
  errorf(msg: string): StateFn {
    this.item = makeToken(T.ERROR, msg, this.start, this.start);
    return null;
  }

  /** Go's NextItem: runs states until one emits. After an error or EOF, keeps returning EOF. */
  nextItem(): PromToken {
    this.item = null;
    let state = this.state;
    if (state !== null) {
      while (this.item === null && state !== null) state = state(this);
      this.state = state;
      if (this.item === null) this.emit(T.EOF);
    } else {
      this.emit(T.EOF);
    }
    return this.item!;
  }

  scanDurationKeyword(): boolean {
    for (;;) {
      const r = this.next();
      if (isAlpha(r)) continue;
      this.backup();
      const kw = this.input.slice(this.start, this.pos).toLowerCase();
      switch (kw) {
        case 'step': this.emit(T.STEP); return true;
        case 'range': this.emit(T.RANGE); return true;
        case 'min_of': this.emit(T.MIN_OF); return true;
        case 'max_of': this.emit(T.MAX_OF); return true;
        default: return false;
      }
    }
  }

  /** Go's scanNumber: decimal, hex, float, with _ separators. Not necessarily a valid number. */
  scanNumber(): boolean {
    const initialPos = this.pos;
    let digitPattern = '0123456789';
    if (this.accept('0') && this.accept('xX')) {
      this.accept('_');
      digitPattern = '0123456789abcdefABCDEF';
    }
    this.accept('.');
    this.accept(digitPattern);
    let dotConsumed = false;
    let exponentConsumed = false;
    while (this.is(digitPattern + '._eE')) {
      if (this.is('.') && dotConsumed) {
        this.accept('.');
        return false;
      }
      if (this.is('eE') && exponentConsumed) {
        this.accept('eE');
        return false;
      }
      if (this.accept('.')) {
        dotConsumed = true;
        if (this.accept('_.')) return false;
        if (digitPattern.length > 10) return false;
        continue;
      }
      if (this.accept('eE')) {
        exponentConsumed = true;
        this.accept('+-');
        if (this.accept('._eE') || this.peek() === EOF_RUNE) return false;
        continue;
      }
      if (this.accept('_')) {
        if (this.accept('._eE') || this.peek() === EOF_RUNE) return false;
        continue;
      }
      this.acceptRun(digitPattern);
    }
    if (this.pos === initialPos) return false;
    return !isAlphaNumeric(this.peek());
  }

  /** True if the next non-space character is "(" (fill keywords are keywords only then). */
  peekFollowedByLeftParen(): boolean {
    for (let p = this.pos; p < this.input.length; p++) {
      const c = this.input.charCodeAt(p);
      if (!isSpace(c)) return c === 40;
    }
    return false;
  }
}

/**
 * Builds the ITokens Chevrotain's createTokenInstance builds, in one object literal with our `end`
 * added: adding a property afterwards changes the object's hidden class and was the lexer's
 * main cost on large inputs. Lines and columns (optional in IToken) are not tracked, as with
 * Chevrotain's "onlyOffset" position tracking.
 */
function makeToken(t: PromTokenType, image: string, start: number, end: number): PromToken {
  return {
    image,
    startOffset: start,
    endOffset: end - 1,
    tokenTypeIdx: t.tokenTypeIdx!,
    tokenType: t,
    end,
  };
}

function lexStatements(l: PromLexer): StateFn {
  if (l.braceOpen) return lexInsideBraces;
  if (l.input.charCodeAt(l.pos) === 35 /* # */) return lexLineComment;

  const r = l.next();
  if (r === EOF_RUNE) {
    if (l.parenDepth !== 0) return l.errorf('unclosed left parenthesis');
    if (l.bracketOpen) return l.errorf('unclosed left bracket');
    l.emit(T.EOF);
    return null;
  }
  switch (r) {
    case 44: l.emit(T.COMMA); return lexStatements; // ,
    case 42: l.emit(T.MUL); return lexStatements; // *
    case 47: l.emit(T.DIV); return lexStatements; // /
    case 37: l.emit(T.MOD); return lexStatements; // %
    case 43: l.emit(T.ADD); return lexStatements; // +
    case 45: l.emit(T.SUB); return lexStatements; // -
    case 94: l.emit(T.POW); return lexStatements; // ^
    case 61: { // =
      const t = l.peek();
      if (t === 61) {
        l.next();
        l.emit(T.EQLC);
      } else if (t === 126) {
        return l.errorf(`unexpected character after '=': ${quoteRune(t)}`);
      } else {
        l.emit(T.EQL);
      }
      return lexStatements;
    }
    case 33: { // !
      const t = l.next();
      if (t !== 61) return l.errorf(`unexpected character after '!': ${quoteRune(t)}`);
      l.emit(T.NEQ);
      return lexStatements;
    }
    case 60: { // <
      const t = l.peek();
      if (t === 61) {
        l.next();
        l.emit(T.LTE);
      } else if (t === 47) {
        l.next();
        l.emit(T.TRIM_UPPER);
      } else {
        l.emit(T.LSS);
      }
      return lexStatements;
    }
    case 62: { // >
      const t = l.peek();
      if (t === 61) {
        l.next();
        l.emit(T.GTE);
      } else if (t === 47) {
        l.next();
        l.emit(T.TRIM_LOWER);
      } else {
        l.emit(T.GTR);
      }
      return lexStatements;
    }
    case 34: case 39: // " '
      l.stringOpen = r;
      return lexString;
    case 96: // `
      l.stringOpen = r;
      return lexRawString;
    case 40: // (
      l.emit(T.LEFT_PAREN);
      l.parenDepth++;
      return lexStatements;
    case 41: // )
      l.emit(T.RIGHT_PAREN);
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf(`unexpected right parenthesis ')'`);
      return lexStatements;
    case 123: // {
      l.emit(T.LEFT_BRACE);
      l.braceOpen = true;
      return lexInsideBraces;
    case 91: // [
      if (l.bracketOpen) return l.errorf(`unexpected left bracket '['`);
      l.gotColon = false;
      l.emit(T.LEFT_BRACKET);
      while (isSpace(l.peek())) l.next();
      l.ignore();
      l.bracketOpen = true;
      return lexDurationExpr;
    case 93: // ]
      if (!l.bracketOpen) return l.errorf(`unexpected right bracket ']'`);
      l.emit(T.RIGHT_BRACKET);
      l.bracketOpen = false;
      return lexStatements;
    case 64: // @
      l.emit(T.AT);
      return lexStatements;
  }
  if (isSpace(r)) return lexSpace;
  if (isDigit(r) || (r === 46 && isDigit(l.peek()))) {
    l.backup();
    return lexNumberOrDuration;
  }
  if (isAlpha(r) || r === 58) {
    if (!l.bracketOpen) {
      l.backup();
      return lexKeywordOrIdentifier;
    }
    if (r === 58) {
      if (l.gotColon) return l.errorf(`unexpected colon ':'`);
      l.emit(T.COLON);
      l.gotColon = true;
      return lexStatements;
    }
    if (r === 115 || r === 83 || r === 109 || r === 77 || r === 114 || r === 82) {
      if (l.scanDurationKeyword()) return lexStatements;
    }
    return l.errorf(`unexpected character: ${quoteRune(r)}, expected ':'`);
  }
  return l.errorf(`unexpected character: ${quoteRune(r)}`);
}

function lexInsideBraces(l: PromLexer): StateFn {
  if (l.input.charCodeAt(l.pos) === 35 /* # */) return lexLineComment;
  const r = l.next();
  if (r === EOF_RUNE) return l.errorf('unexpected end of input inside braces');
  if (isSpace(r)) return lexSpace;
  if (isAlpha(r)) {
    l.backup();
    return lexIdentifier;
  }
  switch (r) {
    case 44: l.emit(T.COMMA); return lexInsideBraces;
    case 34: case 39:
      l.stringOpen = r;
      return lexString;
    case 96:
      l.stringOpen = r;
      return lexRawString;
    case 61: // =
      if (l.next() === 126) {
        l.emit(T.EQL_REGEX);
        return lexInsideBraces;
      }
      l.backup();
      l.emit(T.EQL);
      return lexInsideBraces;
    case 33: { // !
      const nr = l.next();
      if (nr === 126) l.emit(T.NEQ_REGEX);
      else if (nr === 61) l.emit(T.NEQ);
      else return l.errorf(`unexpected character after '!' inside braces: ${quoteRune(nr)}`);
      return lexInsideBraces;
    }
    case 123: return l.errorf(`unexpected left brace '{'`);
    case 125: // }
      l.emit(T.RIGHT_BRACE);
      l.braceOpen = false;
      return lexStatements;
  }
  return l.errorf(`unexpected character inside braces: ${quoteRune(r)}`);
}

function digitVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 97 + 10;
  if (c >= 65 && c <= 70) return c - 65 + 10;
  return 16;
}

function lexEscape(l: PromLexer): StateFn {
  let ch = l.next();
  let n: number;
  let base: number;
  let maxVal: number;
  switch (ch) {
    case 97: case 98: case 102: case 110: case 114: case 116: case 118: case 92: case l.stringOpen:
      return lexString;
    case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55:
      n = 3; base = 8; maxVal = 255;
      break;
    case 120: ch = l.next(); n = 2; base = 16; maxVal = 255; break;
    case 117: ch = l.next(); n = 4; base = 16; maxVal = 0x10ffff; break;
    case 85: ch = l.next(); n = 8; base = 16; maxVal = 0x10ffff; break;
    case EOF_RUNE:
      return l.errorf('escape sequence not terminated');
    default:
      return l.errorf(`unknown escape sequence ${unicodeRune(ch)}`);
  }
  let x = 0;
  while (n > 0) {
    const d = digitVal(ch);
    if (d >= base) {
      if (ch === EOF_RUNE) return l.errorf('escape sequence not terminated');
      return l.errorf(`illegal character ${unicodeRune(ch)} in escape sequence`);
    }
    x = x * base + d;
    n--;
    if (n > 0) ch = l.next();
  }
  if (x > maxVal || (x >= 0xd800 && x < 0xe000)) return l.errorf('escape sequence is an invalid Unicode code point');
  return lexString;
}

/** U+FFFD (what a lossy decode leaves) and lone surrogates are Go's utf8.RuneError. */
function isRuneError(c: number): boolean {
  return c === 0xfffd || (c >= 0xd800 && c <= 0xdfff);
}

function lexString(l: PromLexer): StateFn {
  const run = l.stringOpen === 34 ? DOUBLE_QUOTED_RUN : l.stringOpen === 39 ? SINGLE_QUOTED_RUN : null;
  for (;;) {
    if (run) skipRun(l, run);
    const c = l.next();
    if (c === 92) return lexEscape;
    if (isRuneError(c)) return l.errorf('invalid UTF-8 rune');
    if (c === EOF_RUNE || c === 10) return l.errorf('unterminated quoted string');
    if (c === l.stringOpen) break;
  }
  l.emit(T.STRING);
  return lexStatements;
}

function lexRawString(l: PromLexer): StateFn {
  const run = l.stringOpen === 96 ? RAW_STRING_RUN : null;
  for (;;) {
    if (run) skipRun(l, run);
    const c = l.next();
    if (isRuneError(c)) return l.errorf('invalid UTF-8 rune');
    if (c === EOF_RUNE) return l.errorf('unterminated raw string');
    if (c === l.stringOpen) break;
  }
  l.emit(T.STRING);
  return lexStatements;
}

function lexSpace(l: PromLexer): StateFn {
  skipRun(l, SPACE_RUN);
  l.ignore();
  return lexStatements;
}

function lexLineComment(l: PromLexer): StateFn {
  l.pos += 1;
  let r = l.next();
  while (!isEndOfLine(r) && r !== EOF_RUNE) r = l.next();
  l.backup();
  l.emit(T.COMMENT);
  return lexStatements;
}

function lexNumberOrDuration(l: PromLexer): StateFn {
  if (l.scanNumber()) {
    l.emit(T.NUMBER);
    return lexStatements;
  }
  if (acceptRemainingDuration(l)) {
    l.backup();
    l.emit(T.DURATION);
    return lexStatements;
  }
  return l.errorf(`bad number or duration syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
}

function acceptRemainingDuration(l: PromLexer): boolean {
  if (!l.accept('smhdwy')) return false;
  l.accept('s');
  while (l.accept('0123456789')) {
    while (l.accept('0123456789')) {
      // Consume.
    }
    if (!l.accept('smhdw')) return false;
    l.accept('s');
  }
  return !isAlphaNumeric(l.next());
}

function lexIdentifier(l: PromLexer): StateFn {
  skipRun(l, IDENTIFIER_RUN);
  l.emit(T.IDENTIFIER);
  return lexStatements;
}

function lexKeywordOrIdentifier(l: PromLexer): StateFn {
  skipRun(l, KEYWORD_OR_IDENTIFIER_RUN);
  const word = l.input.slice(l.start, l.pos);
  const kw = KEYWORDS.get(word.toLowerCase());
  if (kw) {
    // fill, fill_left and fill_right are keywords only before "(", so they stay usable as names.
    if ((kw === T.FILL || kw === T.FILL_LEFT || kw === T.FILL_RIGHT) && !l.peekFollowedByLeftParen()) {
      l.emit(T.IDENTIFIER);
    } else {
      l.emit(kw);
    }
  } else if (word.indexOf(':') < 0) {
    l.emit(T.IDENTIFIER);
  } else {
    l.emit(T.METRIC_IDENTIFIER);
  }
  return lexStatements;
}

function lexDurationExpr(l: PromLexer): StateFn {
  const r = l.next();
  switch (r) {
    case EOF_RUNE: return l.errorf('unexpected end of input in duration expression');
    case 93: // ]
      l.emit(T.RIGHT_BRACKET);
      l.bracketOpen = false;
      l.gotColon = false;
      return lexStatements;
    case 58: // :
      l.emit(T.COLON);
      if (!l.gotDuration) return l.errorf('unexpected colon before duration in duration expression');
      if (l.gotColon) return l.errorf('unexpected repeated colon in duration expression');
      l.gotColon = true;
      return lexDurationExpr;
    case 40:
      l.emit(T.LEFT_PAREN);
      l.parenDepth++;
      return lexDurationExpr;
    case 41:
      l.emit(T.RIGHT_PAREN);
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf(`unexpected right parenthesis ')'`);
      return lexDurationExpr;
    case 43: l.emit(T.ADD); return lexDurationExpr;
    case 45: l.emit(T.SUB); return lexDurationExpr;
    case 42: l.emit(T.MUL); return lexDurationExpr;
    case 47: l.emit(T.DIV); return lexDurationExpr;
    case 37: l.emit(T.MOD); return lexDurationExpr;
    case 94: l.emit(T.POW); return lexDurationExpr;
    case 44: l.emit(T.COMMA); return lexDurationExpr;
    case 115: case 83: case 109: case 77: case 114: case 82:
      if (l.scanDurationKeyword()) return lexDurationExpr;
      return l.errorf(`unexpected character in duration expression: ${quoteRune(r)}`);
  }
  if (isSpace(r)) {
    while (isSpace(l.peek())) l.next();
    l.ignore();
    return lexDurationExpr;
  }
  if (isDigit(r) || (r === 46 && isDigit(l.peek()))) {
    l.backup();
    l.gotDuration = true;
    return lexNumberOrDuration;
  }
  return l.errorf(`unexpected character in duration expression: ${quoteRune(r)}`);
}

/**
 * Lexes the whole input like Go's parser does: comments are kept unless skipped, a lexer
 * error ends the stream with one ERROR token, and the stream always ends with EOF.
 */
export function lexPromQL(input: string, skipComments = false): PromToken[] {
  const l = new PromLexer(input);
  const out: PromToken[] = [];
  for (;;) {
    const t = l.nextItem();
    if (skipComments && t.tokenType === T.COMMENT) continue;
    out.push(t);
    if (t.tokenType === T.ERROR) {
      // Go reports a lexer error from the item start to the end of input.
      out.push(makeToken(T.EOF, '', input.length, input.length));
      return out;
    }
    if (t.tokenType === T.EOF) return out;
  }
}

/**
 * Tokens on demand, as Go's parser pulls items from its lexer: comments are skipped, a lexer error
 * is followed by EOF, and consumed tokens can be released, so a large input never holds all its
 * tokens at once (that, not the parsing, dominated the time on megabyte inputs).
 */
export class TokenStream {
  private readonly lexer: PromLexer;
  private buf: PromToken[] = [];
  private base = 0;
  private eof: PromToken | null = null;

  constructor(input: string) {
    this.lexer = new PromLexer(input);
  }

  /** The token at an absolute index; EOF past the end. */
  at(index: number): PromToken {
    const rel = index - this.base;
    while (rel >= this.buf.length) {
      if (this.eof) return this.eof;
      const t = this.lexer.nextItem();
      const type = t.tokenType;
      if (type === T.COMMENT) continue;
      if (type === T.ERROR) {
        const n = this.lexer.input.length;
        this.eof = makeToken(T.EOF, '', n, n);
      } else if (type === T.EOF) {
        this.eof = t;
      }
      this.buf.push(t);
    }
    return this.buf[rel];
  }

  /** The final EOF token (what a lexer error reads as). */
  end(): PromToken {
    while (!this.eof) this.at(this.base + this.buf.length);
    return this.eof;
  }

  /** Forgets tokens well before `index`; the parser never looks back more than one token. */
  release(index: number): void {
    const drop = index - this.base - 16;
    if (drop > 4096) {
      this.buf = this.buf.slice(drop);
      this.base += drop;
    }
  }
}

