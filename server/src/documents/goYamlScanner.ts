// The scanner of go-yaml (gopkg.in/yaml.v2 and v3, scannerc.go), ported for its errors: the
// tokens it produces, where, and the first error it stops at, in the order go-yaml meets them.
// Scalar values are not built; anchor names and tag handles are kept, the parser needs them.
//
// Ported from go-yaml's scannerc.go (yaml.v2 2.4.0 and yaml.v3 3.0.1, which Prometheus 2.x uses),
// itself a port of libyaml: Copyright (c) 2011-2019 Canonical Ltd, Copyright (c) 2006-2010 Kirill
// Simonov, MIT licence.
//
// Positions: go-yaml counts `index` and `column` in characters (code points) and reads past the
// end of its input as NUL; `offset` is ours, the UTF-16 offset in the text. Where v2 and v3
// differ (v3 reads comments, and looks two tokens further ahead), `v3` says which.

export interface Mark {
  index: number;
  line: number;
  column: number;
  offset: number;
}

export enum Tok {
  StreamStart, StreamEnd, VersionDirective, TagDirective, DocumentStart, DocumentEnd,
  BlockSequenceStart, BlockMappingStart, BlockEnd, FlowSequenceStart, FlowSequenceEnd,
  FlowMappingStart, FlowMappingEnd, BlockEntry, FlowEntry, Key, Value, Alias, Anchor, Tag, Scalar,
}

export interface Token {
  type: Tok;
  start: Mark;
  /** Alias and anchor: the name. Tag and %TAG: the handle. */
  value?: string;
  /** %YAML: the version. */
  major?: number;
  minor?: number;
}

/** The error go-yaml stops at; `kind` picks how its line is printed. */
export class GoYamlError {
  constructor(
    readonly kind: 'reader' | 'scanner' | 'parser' | 'composer',
    readonly problem: string,
    readonly problemMark: Mark,
    readonly contextMark?: Mark,
  ) {}
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

// libyaml's limits (yaml.v2 2.2.8+, yaml.v3).
const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;

const isBreak = (c: number): boolean => c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;
const isBreakz = (c: number): boolean => c === 0 || isBreak(c);
const isBlankz = (c: number): boolean => isBlank(c) || isBreakz(c);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isAlpha = (c: number): boolean =>
  isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const asHex = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);
const is = (c: number, chars: string): boolean => c !== 0 && chars.includes(String.fromCharCode(c));

// The characters go-yaml's reader refuses, "control characters are not allowed".
// eslint-disable-next-line no-control-regex
const REFUSED_BY_READER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;
const READER_CHUNK = 512;

/**
 * Where the scanner starts reading the input chunk that holds the refused character at `at`.
 * The reader decodes its input (UTF-8) 512 bytes at a time, a character cut by the end of a chunk
 * going with the next, and checks each character as it decodes a chunk: so the error comes when
 * the scanner first needs a character of that chunk, wherever the refused one is in it.
 */
function readerChunkStart(text: string, at: number): number {
  // UTF-8 bytes per UTF-16 unit; a surrogate is half of a 4-byte character.
  const utf8 = (c: number): number => (c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3);
  let bytes = 0;
  for (let i = 0; i < at; i++) bytes += utf8(text.charCodeAt(i));
  const chunkEnd = Math.floor((bytes + utf8(text.charCodeAt(at)) - 1) / READER_CHUNK) * READER_CHUNK;
  // The first character that does not end within the chunks before.
  let offset = 0;
  for (let b = 0; offset < at; offset++) {
    b += utf8(text.charCodeAt(offset));
    if (b > chunkEnd) break;
  }
  return offset;
}

/** The characters a plain scalar cannot start with (unless `-?:` followed by a non-blank). */
const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';
/** The characters a URI (tag) may hold, besides `is_alpha`. */
const URI_CHARS = ';/?:@&=+$,.!~*\'()[]%';

export class Scanner {
  private pos = 0;
  private index = 0;
  private line = 0;
  private column = 0;
  /** Line breaks since the last non-blank character (v3 reads a line comment only after none). */
  private newlines = 0;

  private streamStartProduced = false;
  tokens: Token[] = [];
  tokensHead = 0;
  tokensParsed = 0;
  tokenAvailable = false;

  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  private readonly simpleKeysByTok = new Map<number, number>();

  /** Reading at or past this offset makes the reader refuse a character, at `refused`. */
  private readonly readerLimit: number;
  private readonly refused: number;

  constructor(private readonly text: string, private readonly v3: boolean) {
    // The reader drops a UTF-8 byte order mark before the first character, marks unmoved. Later
    // ones are characters like any other: go-yaml's is_bom looks at the start of its buffer.
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.refused = text.search(REFUSED_BY_READER);
    this.readerLimit = this.refused < 0 ? Infinity : readerChunkStart(text, this.refused);
  }

  /** The character `k` code units ahead (only ever after ASCII ones), NUL past the end. */
  private ch(k = 0): number {
    const i = this.pos + k;
    if (i >= this.readerLimit) {
      const at = { index: 0, line: 0, column: 0, offset: this.refused };
      throw new GoYamlError('reader', 'control characters are not allowed', at);
    }
    return i < this.text.length ? this.text.charCodeAt(i) : 0;
  }

  mark(): Mark {
    return { index: this.index, line: this.line, column: this.column, offset: this.pos };
  }

  private fail(context: Mark, problem: string): never {
    throw new GoYamlError('scanner', problem, this.mark(), context);
  }

  private skip(): void {
    const c = this.ch();
    if (!isBlank(c)) this.newlines = 0;
    this.index++;
    this.column++;
    const low = this.text.charCodeAt(this.pos + 1);
    this.pos += c >= 0xd800 && c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
  }

  /** skip_line and read_line, which move the marks alike. */
  private skipLine(): void {
    const c = this.ch();
    if (c === 0x0d && this.ch(1) === 0x0a) {
      this.index += 2;
      this.pos += 2;
    } else if (isBreak(c)) {
      this.index++;
      this.pos++;
    } else {
      return;
    }
    this.column = 0;
    this.line++;
    this.newlines++;
  }

  private atDocumentIndicator(): boolean {
    if (this.column !== 0) return false;
    const c = this.ch();
    return (c === 0x2d || c === 0x2e) && this.ch(1) === c && this.ch(2) === c && isBlankz(this.ch(3));
  }

  private insertToken(at: number, token: Token): void {
    // Drop the consumed tokens now and then, so that the queue stays short.
    if (this.tokensHead > 64 && this.tokensHead * 2 > this.tokens.length) {
      this.tokens = this.tokens.slice(this.tokensHead);
      this.tokensHead = 0;
    }
    if (at < 0) this.tokens.push(token);
    else this.tokens.splice(this.tokensHead + at, 0, token);
  }

  /** yaml_parser_fetch_more_tokens: until the head token is settled (v3: and two more). */
  fetchMoreTokens(): void {
    for (;;) {
      if (this.v3 ? this.tokensHead < this.tokens.length - 2 : this.tokensHead !== this.tokens.length) {
        const i = this.simpleKeysByTok.get(this.tokensParsed);
        if (i === undefined || !this.simpleKeyIsValid(this.simpleKeys[i])) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.unrollIndent(this.column);
    const c = this.ch();
    if (c === 0) return this.fetchStreamEnd();
    if (this.column === 0 && c === 0x25) return this.fetchDirective();
    if (this.atDocumentIndicator()) return this.fetchDocumentIndicator(c === 0x2d ? Tok.DocumentStart : Tok.DocumentEnd);
    this.fetchContentToken(c);
    // v3 reads a comment after a token on its line, but not after a '-': that one is a head
    // comment for what follows.
    if (this.v3 && this.tokens[this.tokens.length - 1].type !== Tok.BlockEntry) this.scanLineComment();
  }

  private fetchContentToken(c: number): void {
    const next = this.ch(1);
    if (c === 0x5b) return this.fetchFlowCollectionStart(Tok.FlowSequenceStart);
    if (c === 0x7b) return this.fetchFlowCollectionStart(Tok.FlowMappingStart);
    if (c === 0x5d) return this.fetchFlowCollectionEnd(Tok.FlowSequenceEnd);
    if (c === 0x7d) return this.fetchFlowCollectionEnd(Tok.FlowMappingEnd);
    if (c === 0x2c) return this.fetchFlowEntry();
    if (c === 0x2d && isBlankz(next)) return this.fetchBlockEntry();
    if (c === 0x3f && (this.flowLevel > 0 || isBlankz(next))) return this.fetchKey();
    if (c === 0x3a && (this.flowLevel > 0 || isBlankz(next))) return this.fetchValue();
    if (c === 0x2a) return this.fetchAnchor(Tok.Alias);
    if (c === 0x26) return this.fetchAnchor(Tok.Anchor);
    if (c === 0x21) return this.fetchTag();
    if ((c === 0x7c || c === 0x3e) && this.flowLevel === 0) return this.fetchBlockScalar();
    if (c === 0x27) return this.fetchFlowScalar(true);
    if (c === 0x22) return this.fetchFlowScalar(false);
    if (
      !(isBlankz(c) || is(c, INDICATORS)) ||
      (c === 0x2d && !isBlank(next)) ||
      (this.flowLevel === 0 && (c === 0x3f || c === 0x3a) && !isBlankz(next))
    ) {
      return this.fetchPlainScalar();
    }
    this.fail(this.mark(), 'found character that cannot start any token');
  }

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.line || key.mark.index + 1024 < this.index) {
      if (key.required) this.fail(key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = {
      possible: true,
      required: this.flowLevel === 0 && this.indent === this.column,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead),
      mark: this.mark(),
    };
    this.removeSimpleKey();
    this.simpleKeys[this.simpleKeys.length - 1] = key;
    this.simpleKeysByTok.set(key.tokenNumber, this.simpleKeys.length - 1);
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (!key.possible) return;
    if (key.required) this.fail(key.mark, "could not find expected ':'");
    key.possible = false;
    this.simpleKeysByTok.delete(key.tokenNumber);
  }

  private increaseFlowLevel(): void {
    const mark = this.mark();
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead), mark });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) this.fail(mark, `exceeded max depth of ${MAX_FLOW_LEVEL}`);
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel === 0) return;
    this.flowLevel--;
    this.simpleKeysByTok.delete(this.simpleKeys.pop()!.tokenNumber);
  }

  private rollIndent(column: number, number: number, type: Tok, mark: Mark): void {
    if (this.flowLevel > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    if (this.indents.length > MAX_INDENTS) this.fail(this.simpleKeys[this.simpleKeys.length - 1].mark, `exceeded max depth of ${MAX_INDENTS}`);
    this.insertToken(number > -1 ? number - this.tokensParsed : -1, { type, start: mark });
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const mark = this.mark();
      this.insertToken(-1, { type: Tok.BlockEnd, start: mark });
      this.indent = this.indents.pop()!;
    }
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    const mark = this.mark();
    this.insertToken(-1, { type: Tok.StreamStart, start: mark });
  }

  private fetchStreamEnd(): void {
    // Force a new line.
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const mark = this.mark();
    this.insertToken(-1, { type: Tok.StreamEnd, start: mark });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: Tok): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.pushIndicator(type, 3);
  }

  /** Consumes `length` characters as a token of `type`. */
  private pushIndicator(type: Tok, length = 1): void {
    const start = this.mark();
    for (let i = 0; i < length; i++) this.skip();
    this.insertToken(-1, { type, start });
  }

  private fetchFlowCollectionStart(type: Tok): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    this.pushIndicator(type);
  }

  private fetchFlowCollectionEnd(type: Tok): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    this.pushIndicator(type);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.pushIndicator(Tok.FlowEntry);
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail(this.mark(), 'block sequence entries are not allowed in this context');
      this.rollIndent(this.column, -1, Tok.BlockSequenceStart, this.mark());
    }
    // In a flow collection, the parser reports the '-'.
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.pushIndicator(Tok.BlockEntry);
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail(this.mark(), 'mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, Tok.BlockMappingStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.pushIndicator(Tok.Key);
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (this.simpleKeyIsValid(key)) {
      // The simple key becomes a KEY token, inserted where it started.
      this.insertToken(key.tokenNumber - this.tokensParsed, { type: Tok.Key, start: key.mark });
      this.rollIndent(key.mark.column, key.tokenNumber, Tok.BlockMappingStart, key.mark);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      // The ':' of a complex key ('?').
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.fail(this.mark(), 'mapping values are not allowed in this context');
        this.rollIndent(this.column, -1, Tok.BlockMappingStart, this.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.pushIndicator(Tok.Value);
  }

  private fetchAnchor(type: Tok): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar());
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  /** Eats blanks, comments and line breaks up to the next token. */
  private scanToNextToken(): void {
    for (;;) {
      // Tabs only in flow context, or after a token on the line that is not '-', '?' or ':'.
      while (this.ch() === 0x20 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.ch() === 0x09)) this.skip();
      if (this.ch() === 0x23) {
        if (this.v3) this.scanComments();
        else while (!isBreakz(this.ch())) this.skip();
      }
      if (!isBreak(this.ch())) return;
      this.skipLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }

  /**
   * yaml.v3's yaml_parser_scan_comments, for what it consumes: the comment here and the comment
   * lines that follow it, blank lines and the blanks (tabs too) that indent them included.
   */
  private scanComments(): void {
    for (let peek = 0; peek < 512; peek++) {
      const c = this.ch(peek);
      if (isBlank(c)) continue;
      if (isBreakz(c) || (this.flowLevel > 0 && (c === 0x5d || c === 0x7d))) {
        if (!isBreak(c)) break;
        continue;
      }
      if (c !== 0x23) break;
      this.consumeCommentAt(this.index + peek);
      // As in go-yaml: the loop's increment then skips the line break the comment ends at.
      peek = 0;
    }
  }

  /** Consumes up to the comment starting at character index `seen`, and the comment. */
  private consumeCommentAt(seen: number): void {
    for (;;) {
      if (isBreakz(this.ch())) {
        if (this.index >= seen) return;
        this.skipLine();
      } else {
        this.skip();
      }
    }
  }

  /** yaml.v3's yaml_parser_scan_line_comment: a comment after a token, on its line. */
  private scanLineComment(): void {
    if (this.newlines > 0) return;
    for (let peek = 0; peek < 512; peek++) {
      const c = this.ch(peek);
      if (isBlank(c)) continue;
      if (c === 0x23) this.consumeCommentAt(this.index + peek);
      return;
    }
  }

  private skipBlanks(): void {
    while (isBlank(this.ch())) this.skip();
  }

  private skipLineComment(): void {
    if (this.ch() === 0x23) while (!isBreakz(this.ch())) this.skip();
  }

  private scanDirective(): Token {
    const start = this.mark();
    this.skip();
    const name = this.scanDirectiveName(start);
    let token: Token;
    if (name === 'YAML') {
      this.skipBlanks();
      const major = this.scanVersionDirectiveNumber(start);
      if (this.ch() !== 0x2e) this.fail(start, "did not find expected digit or '.' character");
      this.skip();
      const minor = this.scanVersionDirectiveNumber(start);
      token = { type: Tok.VersionDirective, start, major, minor };
    } else if (name === 'TAG') {
      this.skipBlanks();
      const handle = this.scanTagHandle(true, start);
      if (!isBlank(this.ch())) this.fail(start, 'did not find expected whitespace');
      this.skipBlanks();
      this.scanTagUri('', start);
      if (!isBlankz(this.ch())) this.fail(start, 'did not find expected whitespace or line break');
      token = { type: Tok.TagDirective, start, value: handle };
    } else {
      this.fail(start, 'found unknown directive name');
    }
    this.skipBlanks();
    this.skipLineComment();
    if (!isBreakz(this.ch())) this.fail(start, 'did not find expected comment or line break');
    this.skipLine();
    return token;
  }

  private scanDirectiveName(start: Mark): string {
    const from = this.pos;
    while (isAlpha(this.ch())) this.skip();
    if (this.pos === from) this.fail(start, 'could not find expected directive name');
    if (!isBlankz(this.ch())) this.fail(start, 'found unexpected non-alphabetical character');
    return this.text.slice(from, this.pos);
  }

  private scanVersionDirectiveNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (isDigit(this.ch())) {
      if (++length > 2) this.fail(start, 'found extremely long version number');
      value = value * 10 + this.ch() - 0x30;
      this.skip();
    }
    if (length === 0) this.fail(start, 'did not find expected version number');
    return value;
  }

  private scanAnchor(type: Tok): Token {
    const start = this.mark();
    this.skip();
    const from = this.pos;
    while (isAlpha(this.ch())) this.skip();
    if (this.pos === from || !(isBlankz(this.ch()) || is(this.ch(), '?:,]}%@`'))) {
      this.fail(start, 'did not find expected alphabetic or numeric character');
    }
    return { type, start, value: this.text.slice(from, this.pos) };
  }

  private scanTag(): Token {
    const start = this.mark();
    let handle: string;
    if (this.ch(1) === 0x3c) {
      // Verbatim: !<uri>
      handle = '';
      this.skip();
      this.skip();
      this.scanTagUri('', start);
      if (this.ch() !== 0x3e) this.fail(start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.endsWith('!')) {
        this.scanTagUri('', start);
      } else {
        // Not a handle after all: '!suffix', or the '!' tag (handle '').
        const suffix = this.scanTagUri(handle, start);
        handle = suffix === '' ? '' : '!';
      }
    }
    if (!isBlankz(this.ch())) this.fail(start, 'did not find expected whitespace or line break');
    return { type: Tok.Tag, start, value: handle };
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    if (this.ch() !== 0x21) this.fail(start, "did not find expected '!'");
    const from = this.pos;
    this.skip();
    while (isAlpha(this.ch())) this.skip();
    if (this.ch() === 0x21) this.skip();
    else if (directive && this.pos - from !== 1) this.fail(start, "did not find expected '!'");
    return this.text.slice(from, this.pos);
  }

  /** The URI's characters (escapes left as they are), after `head` less its '!'. */
  private scanTagUri(head: string, start: Mark): string {
    const from = this.pos;
    let hasTag = head.length > 0;
    for (let c = this.ch(); isAlpha(c) || is(c, URI_CHARS); c = this.ch()) {
      if (c === 0x25) this.scanUriEscapes(start);
      else this.skip();
      hasTag = true;
    }
    if (!hasTag) this.fail(start, 'did not find expected tag URI');
    return head.slice(1) + this.text.slice(from, this.pos);
  }

  private scanUriEscapes(start: Mark): void {
    let width = 1024;
    while (width > 0) {
      if (!(this.ch() === 0x25 && isHex(this.ch(1)) && isHex(this.ch(2)))) this.fail(start, 'did not find URI escaped octet');
      const octet = (asHex(this.ch(1)) << 4) + asHex(this.ch(2));
      if (width === 1024) {
        width = octet < 0x80 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
        if (width === 0) this.fail(start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        this.fail(start, 'found an incorrect trailing UTF-8 octet');
      }
      this.skip();
      this.skip();
      this.skip();
      width--;
    }
  }

  private scanBlockScalar(): Token {
    const start = this.mark();
    this.skip();
    let increment = 0;
    const indentIndicator = (): void => {
      if (this.ch() === 0x30) this.fail(start, 'found an indentation indicator equal to 0');
      increment = this.ch() - 0x30;
      this.skip();
    };
    if (this.ch() === 0x2b || this.ch() === 0x2d) {
      this.skip();
      if (isDigit(this.ch())) indentIndicator();
    } else if (isDigit(this.ch())) {
      indentIndicator();
      if (this.ch() === 0x2b || this.ch() === 0x2d) this.skip();
    }
    this.skipBlanks();
    this.skipLineComment();
    if (!isBreakz(this.ch())) this.fail(start, 'did not find expected comment or line break');
    this.skipLine();
    let indent = increment > 0 ? (this.indent >= 0 ? this.indent + increment : increment) : 0;
    indent = this.scanBlockScalarBreaks(indent, start);
    while (this.column === indent && this.ch() !== 0) {
      while (!isBreakz(this.ch())) this.skip();
      this.skipLine();
      indent = this.scanBlockScalarBreaks(indent, start);
    }
    return { type: Tok.Scalar, start };
  }

  /** Eats the indentation and line breaks before a block scalar's next line; its indentation, now known. */
  private scanBlockScalarBreaks(indent: number, start: Mark): number {
    let maxIndent = 0;
    for (;;) {
      while ((indent === 0 || this.column < indent) && this.ch() === 0x20) this.skip();
      if (this.column > maxIndent) maxIndent = this.column;
      if ((indent === 0 || this.column < indent) && this.ch() === 0x09) {
        this.fail(start, 'found a tab character where an indentation space is expected');
      }
      if (!isBreak(this.ch())) break;
      this.skipLine();
    }
    return indent === 0 ? Math.max(maxIndent, this.indent + 1, 1) : indent;
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    this.skip();
    const quote = single ? 0x27 : 0x22;
    for (;;) {
      if (this.atDocumentIndicator()) this.fail(start, 'found unexpected document indicator');
      if (this.ch() === 0) this.fail(start, 'found unexpected end of stream');
      while (!isBlankz(this.ch())) {
        const c = this.ch();
        if (single && c === 0x27 && this.ch(1) === 0x27) {
          this.skip();
          this.skip();
        } else if (c === quote) {
          break;
        } else if (!single && c === 0x5c && isBreak(this.ch(1))) {
          // An escaped line break.
          this.skip();
          this.skipLine();
          break;
        } else if (!single && c === 0x5c) {
          this.scanEscape(start);
        } else {
          this.skip();
        }
      }
      if (this.ch() === quote) break;
      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) this.skip();
        else this.skipLine();
      }
    }
    this.skip();
    return { type: Tok.Scalar, start };
  }

  private scanEscape(start: Mark): void {
    const e = this.ch(1);
    const codeLength = e === 0x78 ? 2 : e === 0x75 ? 4 : e === 0x55 ? 8 : 0;
    if (codeLength === 0 && !is(e, '0abt\tnvfre "\'\\N_LP')) this.fail(start, 'found unknown escape character');
    this.skip();
    this.skip();
    if (codeLength === 0) return;
    let value = 0;
    for (let k = 0; k < codeLength; k++) {
      if (!isHex(this.ch(k))) this.fail(start, 'did not find expected hexdecimal number');
      value = value * 16 + asHex(this.ch(k));
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) this.fail(start, 'found invalid Unicode character escape code');
    for (let k = 0; k < codeLength; k++) this.skip();
  }

  private scanPlainScalar(): Token {
    const indent = this.indent + 1;
    const start = this.mark();
    let leadingBlanks = false;
    for (;;) {
      if (this.atDocumentIndicator() || this.ch() === 0x23) break;
      while (!isBlankz(this.ch())) {
        const c = this.ch();
        if ((c === 0x3a && isBlankz(this.ch(1))) || (this.flowLevel > 0 && is(c, ',?[]{}'))) break;
        leadingBlanks = false;
        this.skip();
      }
      if (!(isBlank(this.ch()) || isBreak(this.ch()))) break;
      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) {
          if (leadingBlanks && this.column < indent && this.ch() === 0x09) {
            this.fail(start, 'found a tab character that violates indentation');
          }
          this.skip();
        } else {
          this.skipLine();
          leadingBlanks = true;
        }
      }
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    // A plain scalar that ends at a line break lets a simple key follow.
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { type: Tok.Scalar, start };
  }
}
