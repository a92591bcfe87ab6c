// A fast path in front of the `yaml` package's parseAllDocuments/parseDocument for the linters (rule files and
// prometheus.yml). The `yaml` package lexes, parses and composes with generators over a token
// stream; in a short CLI process that code runs mostly interpreted and was half of `check`'s time.
// Most monitoring YAML uses a small part of YAML: one document of block mappings and sequences,
// plain and one-line quoted scalars, `|`/`>` block scalars, one-line flow sequences and maps of
// scalars, comments. For such text this module builds the same nodes the `yaml` package builds
// (its Document, YAMLMap, YAMLSeq, Pair and Scalar classes, values resolved by the document's own
// schema tags, the same ranges), line by line. On anything else (anchors, aliases, tags, several
// documents, multi-line flow scalars, any YAML error, ...) it gives up and the `yaml` package
// parses the text, so errors and their messages are the package's own.
//
// What the fast path does not reproduce, because the linters never read it: comments
// (`comment`/`commentBefore`/`spaceBefore`), `srcToken` other than a block scalar's `indent`, and the
// Pair's `srcToken`. yamlFast.test.ts compares both paths on every YAML file of the test fixtures
// and on thousands of variants of them.
import './goYamlLeniency'; // go-yaml's leniency in flow collections and quoted scalars
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, parseAllDocuments, parseDocument, type DocumentOptions, type EmptyStream, type ParseOptions, type SchemaOptions } from 'yaml';

export type YamlParseOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** Thrown inside the fast path when the text leaves the subset it handles. */
class Bail extends Error {}

/** A tag's onError: yaml would report an error, so the fast path gives up. */
function bail(): never {
  throw new Bail();
}

const SCALAR = Symbol.for('yaml.scalar');

/** Counts how often each path ran (tests and benchmarks look at it). */
export const yamlFastStats = { fast: 0, fallback: 0 };

const fastDocuments = new WeakSet<object>();

/** Whether the fast path built this document: then it holds no alias (nor anchor, tag or merge key). */
export function isFastDocument(doc: object): boolean {
  return fastDocuments.has(doc);
}

/**
 * First characters of the plain scalars that a default tag of the `core` and `yaml-1.1` schemas
 * can resolve to something else than a string (null, bool, int, float, timestamp, merge key; YAML
 * 1.1 reads `e3` as a float);
 * yamlFast.test.ts keeps this in step with the tags' tests. Most keys and values start otherwise
 * and skip the ten regular expressions.
 */
const MAYBE_NOT_STRING = new Uint8Array(128);
for (const c of '0123456789+-.~nNtTfFyYoOeE<') MAYBE_NOT_STRING[c.charCodeAt(0)] = 1;
export const KNOWN_SCHEMAS = ['core', 'yaml-1.1'];

/** parseAllDocuments of the `yaml` package, faster on the common subset of YAML. */
export function parseYamlDocuments(text: string, options: YamlParseOptions): Document.Parsed[] | EmptyStream {
  const doc = parseFast(text, options);
  if (doc) {
    yamlFastStats.fast++;
    fastDocuments.add(doc);
    return [doc];
  }
  yamlFastStats.fallback++;
  return parseAllDocuments(text, options);
}

/** parseDocument of the `yaml` package (the first document), faster on the common subset of YAML. */
export function parseYamlDocument(text: string, options: YamlParseOptions): Document.Parsed {
  const doc = parseFast(text, options);
  if (doc) {
    yamlFastStats.fast++;
    fastDocuments.add(doc);
    return doc;
  }
  yamlFastStats.fallback++;
  return parseDocument(text, options);
}

/** The fast path alone: the document, or null when the text is not in its subset. */
export function parseFast(text: string, options: YamlParseOptions): Document.Parsed | null {
  if (!quickEligible(text)) return null;
  try {
    return new FastParser(text, options).document();
  } catch (e) {
    if (e instanceof Bail) return null;
    throw e;
  }
}

/** Tabs (indentation and separation rules), CR line ends and a BOM are left to yaml. */
const INELIGIBLE = /[\t\r\ufeff]/;

/** Whether the fast path may try the text (a native regex scan: cheap even in a cold process). */
function quickEligible(text: string): boolean {
  return text.length > 0 && text.length <= 8 * 1024 * 1024 && !INELIGIBLE.test(text);
}

interface Gap {
  /** Comment indents (columns) of the comment lines in the gap. */
  comments: number[];
  /** True when the gap holds at least one token (a newline, spaces or a comment). */
  tokens: boolean;
  /** End of the gap: the first non-space character of the next content line, or the text's end. */
  end: number;
}

interface Ended {
  /** Start of the next content line (its first character), or -1 at the end of the text. */
  next: number;
  /** Its indentation. */
  nextIndent: number;
  /** The blank and comment lines (and the next line's indentation) that no node took. */
  gap: Gap;
}

type TagLike = {
  default?: boolean | 'key';
  test?: RegExp;
  tag: string;
  format?: string;
  resolve: (value: string, onError: (msg: string) => void, options: unknown) => unknown;
  collection?: string;
};

// Tuples returned here are read by index rather than destructured, and arrays are looped by index:
// in a short process this code runs mostly interpreted, where destructuring and for-of go through
// the iterator protocol and allocate an iterator and a result object per step.
class FastParser {
  private readonly doc: Document.Parsed;
  private readonly tags: TagLike[];
  private readonly strTag: TagLike;
  private readonly uniqueKeys: boolean;
  private readonly keepSourceTokens: boolean;
  private readonly n: number;
  /** The schema is one whose tags MAYBE_NOT_STRING describes. */
  private readonly knownSchema: boolean;

  constructor(private readonly src: string, private readonly options: YamlParseOptions) {
    this.doc = new Document(undefined, options) as Document.Parsed;
    const schema = this.doc.schema as unknown as { tags: TagLike[]; compat: unknown; [SCALAR]: TagLike };
    if (schema.compat) throw new Bail();
    this.tags = schema.tags;
    this.strTag = schema[SCALAR];
    this.uniqueKeys = options.uniqueKeys !== false;
    if (typeof options.uniqueKeys === 'function' || options.stringKeys) throw new Bail();
    this.keepSourceTokens = options.keepSourceTokens === true;
    this.knownSchema = KNOWN_SCHEMAS.includes((schema as unknown as { name: string }).name) && !options.customTags && !options.schema;
    this.n = src.length;
  }

  document(): Document.Parsed {
    const s = this.src;
    // Leading blank and comment lines belong to the stream, before the document.
    let p = 0;
    for (;;) {
      const ind = this.indentAt(p);
      const c = s.charCodeAt(p + ind);
      if (p + ind >= this.n) throw new Bail(); // no content: an empty stream
      if (c === 10) p = p + ind + 1;
      else if (c === 35 /* # */) p = this.lineEnd(p + ind) + 1;
      else break;
      if (p >= this.n) throw new Bail();
    }
    const docStart = p;
    const indent = this.indentAt(p);
    const at = p + indent;
    if (indent === 0 && (this.isMarker(at, '---') || this.isMarker(at, '...'))) throw new Bail();
    if (s.charCodeAt(at) === 37 /* % */) throw new Bail();
    let root: YAMLMap | YAMLSeq;
    let ended: Ended;
    const r = this.isSeqIndicator(at) ? this.blockSeq(at, indent) : this.blockMap(at, indent);
    root = r[0];
    ended = r[1];
    if (ended.next !== -1) throw new Bail(); // content left over: less indented than the root, or an error
    const contentEnd = root.range![2];
    const doc = this.doc;
    doc.contents = root as never;
    // The root's trailing gap (the root already kept what yaml's Parser.pop keeps) ends the document.
    doc.range = [docStart, contentEnd, ended.gap.tokens ? ended.gap.end : contentEnd];
    return doc;
  }

  // --- lines ---------------------------------------------------------------------------------

  /** Number of spaces at p. */
  private indentAt(p: number): number {
    let i = p;
    while (this.src.charCodeAt(i) === 32) i++;
    return i - p;
  }

  /** Index of the newline ending the line holding p, or the text's length. */
  private lineEnd(p: number): number {
    const nl = this.src.indexOf('\n', p);
    return nl < 0 ? this.n : nl;
  }

  private isMarker(at: number, m: string): boolean {
    if (!this.src.startsWith(m, at)) return false;
    const c = this.src.charCodeAt(at + 3);
    return at + 3 >= this.n || c === 10 || c === 32;
  }

  private isSpaceOrEnd(i: number): boolean {
    if (i >= this.n) return true;
    const c = this.src.charCodeAt(i);
    return c === 32 || c === 10;
  }

  private isSeqIndicator(at: number): boolean {
    return this.src.charCodeAt(at) === 45 /* - */ && this.isSpaceOrEnd(at + 1);
  }

  /**
   * After a value that ended its line (p is the start of the next line, or the end of the text):
   * skips blank and comment lines up to the next content line. When `end` is given (scalars and
   * flow collections carry an `end` token list in yaml's CST), comment lines indented more than
   * the collection holding the value (and the blank lines before them) join the value's end, as
   * yaml's parser attaches them; `end[0]` is moved accordingly.
   */
  private skipGap(p: number, collIndent: number, end: number[] | null): Ended {
    const s = this.src;
    let attaching = end !== null;
    const comments: number[] = [];
    let tokens = false;
    for (;;) {
      if (p >= this.n) return { next: -1, nextIndent: -1, gap: { comments, tokens, end: this.n } };
      const ind = this.indentAt(p);
      const at = p + ind;
      if (at >= this.n) {
        // Trailing spaces without a newline.
        return { next: -1, nextIndent: -1, gap: { comments, tokens: tokens || ind > 0, end: this.n } };
      }
      const c = s.charCodeAt(at);
      if (c === 10) {
        tokens = true;
        p = at + 1;
        continue;
      }
      if (c === 35 /* # */) {
        const le = this.lineEnd(at);
        if (attaching && ind > collIndent) {
          // Joins the value's end, with the newline after it; the gap so far goes with it.
          end![0] = le < this.n ? le + 1 : le;
          tokens = false;
          comments.length = 0;
        } else {
          attaching = false;
          tokens = true;
          comments.push(ind);
        }
        p = le + 1;
        continue;
      }
      if (ind === 0 && (this.isMarker(at, '---') || this.isMarker(at, '...'))) throw new Bail();
      return { next: at, nextIndent: ind, gap: { comments, tokens: tokens || ind > 0, end: at } };
    }
  }

  /** yaml's Parser.pop: a collection keeps its trailing gap when it holds comments at or beyond its indent. */
  private keepsGap(indent: number, gap: Gap): boolean {
    if (!gap.tokens) return false;
    if (indent === 0) return false;
    return gap.comments.some((c) => c >= indent);
  }

  /** Applies the pop rule to a finished collection: keeps or passes on its trailing gap. */
  private close(coll: YAMLMap | YAMLSeq, start: number, valueEnd: number, indent: number, ended: Ended): Ended {
    if (this.keepsGap(indent, ended.gap)) {
      coll.range = [start, valueEnd, ended.gap.end];
      return { next: ended.next, nextIndent: ended.nextIndent, gap: { comments: [], tokens: false, end: ended.gap.end } };
    }
    coll.range = [start, valueEnd, valueEnd];
    return ended;
  }

  // --- block collections ---------------------------------------------------------------------

  /** A block mapping whose first key starts at `at` (column `indent`). */
  private blockMap(at: number, indent: number): [YAMLMap, Ended] {
    const map = new YAMLMap(this.doc.schema);
    const keys = this.uniqueKeys ? new Set<unknown>() : null;
    let p = at;
    let valueEnd = at;
    for (;;) {
      // The key.
      const key = this.key(p);
      if (keys) {
        const v = key.node.value;
        if (keys.has(v) && v === v) throw new Bail(); // a duplicate key: yaml reports it
        keys.add(v);
      }
      // After the `:`.
      let q = key.after + 1;
      while (s32(this.src, q)) q++;
      const c = this.src.charCodeAt(q);
      let value: Scalar | YAMLMap | YAMLSeq;
      let ended: Ended;
      if (q >= this.n || c === 10) {
        // Nothing on the line: a block collection on the next lines, or an empty value.
        const lookahead = this.skipGap(q >= this.n ? this.n : q + 1, indent, null);
        const nx = lookahead.next;
        if (nx !== -1 && (lookahead.nextIndent > indent || (lookahead.nextIndent === indent && this.isSeqIndicator(nx)))) {
          const r = this.isSeqIndicator(nx) ? this.blockSeq(nx, lookahead.nextIndent) : this.blockMap(nx, lookahead.nextIndent);
          value = r[0];
          ended = r[1];
          valueEnd = value.range![2];
        } else {
          if (lookahead.gap.comments.length > 0) throw new Bail(); // the comments would go to the empty node
          value = this.scalar('', null, q, q, q, false);
          valueEnd = q;
          // The blank lines after an empty value stay in yaml's item (its `sep` or `start`): none moves up.
          ended = { next: lookahead.next, nextIndent: lookahead.nextIndent, gap: { comments: [], tokens: false, end: lookahead.gap.end } };
        }
      } else if (c === 35 /* # */) {
        throw new Bail(); // a comment right after `key:`
      } else {
        const r = this.inlineValue(q, indent, indent + 1);
        value = r[0];
        ended = r[1];
        valueEnd = value.range![2];
      }
      map.items.push(new Pair(key.node, value));
      // What comes next: another key at this indent, or the end of the map.
      if (ended.next === -1 || ended.nextIndent < indent) return [map, this.close(map, at, valueEnd, indent, ended)];
      if (ended.nextIndent > indent || this.isSeqIndicator(ended.next)) throw new Bail();
      p = ended.next;
    }
  }

  /** A block sequence whose first `-` is at `at` (column `indent`). */
  private blockSeq(at: number, indent: number): [YAMLSeq, Ended] {
    const seq = new YAMLSeq(this.doc.schema);
    let p = at;
    let valueEnd = at;
    for (;;) {
      let q = p + 1;
      while (s32(this.src, q)) q++;
      const c = this.src.charCodeAt(q);
      let item: Scalar | YAMLMap | YAMLSeq;
      let ended: Ended;
      if (q >= this.n || c === 10) {
        const lookahead = this.skipGap(q >= this.n ? this.n : q + 1, indent, null);
        const nx = lookahead.next;
        if (nx !== -1 && lookahead.nextIndent > indent) {
          const r = this.isSeqIndicator(nx) ? this.blockSeq(nx, lookahead.nextIndent) : this.blockMap(nx, lookahead.nextIndent);
          item = r[0];
          ended = r[1];
          valueEnd = item.range![2];
        } else {
          if (lookahead.gap.comments.length > 0) throw new Bail();
          item = this.scalar('', null, q, q, q, false);
          valueEnd = q;
          // The blank lines after an empty value stay in yaml's item (its `sep` or `start`): none moves up.
          ended = { next: lookahead.next, nextIndent: lookahead.nextIndent, gap: { comments: [], tokens: false, end: lookahead.gap.end } };
        }
      } else if (c === 35 /* # */) {
        throw new Bail();
      } else if (this.isSeqIndicator(q)) {
        throw new Bail(); // `- - x`
      } else if (this.keyAhead(q)) {
        // `- key: value`: a mapping whose keys are at this column.
        const r = this.blockMap(q, q - this.lineStart(q));
        item = r[0];
        ended = r[1];
        valueEnd = item.range![2];
      } else {
        const r = this.inlineValue(q, indent, indent + 1);
        item = r[0];
        ended = r[1];
        valueEnd = item.range![2];
      }
      seq.items.push(item);
      if (ended.next === -1 || ended.nextIndent < indent) return [seq, this.close(seq, at, valueEnd, indent, ended)];
      if (ended.nextIndent > indent) throw new Bail();
      if (!this.isSeqIndicator(ended.next)) {
        // A key of the parent mapping at the sequence's own indent (`key:\n- a\nnext: b`).
        return [seq, this.close(seq, at, valueEnd, indent, ended)];
      }
      p = ended.next;
    }
  }

  private lineStart(p: number): number {
    return this.src.lastIndexOf('\n', p - 1) + 1;
  }

  /** Whether a mapping key (`key:` followed by a space or the line's end) starts at q. */
  private keyAhead(q: number): boolean {
    const c = this.src.charCodeAt(q);
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(q);
      if (close < 0) return false;
      let i = close + 1;
      while (s32(this.src, i)) i++;
      return this.src.charCodeAt(i) === 58 && this.isSpaceOrEnd(i + 1);
    }
    if (c === 91 || c === 123) return false; // a flow collection as a key is bailed on below if it has a `:`
    const stop = this.plainEnd(q, false);
    return stop.colon;
  }

  /** A key at p: its node, and the position of its `:`. */
  private key(p: number): { node: Scalar; after: number } {
    const s = this.src;
    const c = s.charCodeAt(p);
    let node: Scalar;
    let i: number;
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(p);
      if (close < 0) throw new Bail();
      node = this.quoted(p, close, true);
      i = close + 1;
      while (s32(s, i)) i++;
      if (s.charCodeAt(i) !== 58 || !this.isSpaceOrEnd(i + 1)) throw new Bail();
    } else {
      if (!this.plainStartOk(p)) throw new Bail();
      const stop = this.plainEnd(p, false);
      if (!stop.colon) throw new Bail();
      const source = s.slice(p, stop.end);
      if (source === '<<') throw new Bail(); // merge keys
      node = this.scalar(source, 'PLAIN', p, stop.end, stop.end, true);
      i = stop.stop;
    }
    if (i - p > 1000) throw new Bail(); // yaml's 1024-character limit for implicit keys
    return { node, after: i };
  }

  // --- values on the same line -----------------------------------------------------------------

  /**
   * A value starting at q on a line of a collection at `collIndent`: a flow scalar, a flow
   * collection or a block scalar. `indentNext` is the lexer's minimum indentation of lines
   * continuing the value.
   */
  private inlineValue(q: number, collIndent: number, indentNext: number): [Scalar | YAMLMap | YAMLSeq, Ended] {
    const s = this.src;
    const c = s.charCodeAt(q);
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(q, collIndent, indentNext);
    let node: Scalar | YAMLMap | YAMLSeq;
    let after: number;
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(q);
      if (close < 0) throw new Bail();
      node = this.quoted(q, close, false);
      after = close + 1;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      const r = this.flowCollection(q);
      node = r[0];
      after = r[1];
    } else {
      if (!this.plainStartOk(q)) throw new Bail();
      const stop = this.plainEnd(q, false);
      if (stop.colon) throw new Bail(); // `a: b: c`
      node = this.scalar(s.slice(q, stop.end), 'PLAIN', q, stop.end, stop.end, false);
      after = stop.end;
    }
    // The rest of the line: spaces, a comment, the newline.
    let i = after;
    while (s32(s, i)) i++;
    if (i < this.n && s.charCodeAt(i) !== 10) {
      if (s.charCodeAt(i) !== 35 || i === after) throw new Bail();
      i = this.lineEnd(i);
    }
    const lineEnd = i < this.n ? i + 1 : i;
    const end = [lineEnd];
    const ended = this.skipGap(lineEnd, collIndent, end);
    node.range![2] = end[0];
    // A plain scalar would continue on a more indented line; any other value there is an error.
    if (ended.next !== -1 && ended.nextIndent >= indentNext) throw new Bail();
    return [node, ended];
  }

  private plainStartOk(q: number): boolean {
    const c = this.src[q];
    if (c === undefined || '#,[]{}&*!|>\'"%@`'.includes(c)) return false;
    if ((c === '-' || c === '?' || c === ':') && this.isSpaceOrEnd(q + 1)) return false;
    if (this.isMarker(q, '---') || this.isMarker(q, '...')) return false;
    return true;
  }

  /**
   * Scans a one-line plain scalar from q (yaml's Lexer.parsePlainScalar): `end` is after its last
   * non-space character, `colon` whether it stopped at a `:` indicator (then `stop` is the `:`).
   */
  private plainEnd(q: number, inFlow: boolean): { end: number; stop: number; colon: boolean } {
    // Native regular expressions instead of a loop per character: in a short process the loop ran
    // interpreted for most of the text. A match stops at a `:` indicator, ` #`, the line's end, the
    // spaces before the line's end, or (in flow context) a flow indicator.
    const s = this.src;
    const re = inFlow ? FLOW_PLAIN : BLOCK_PLAIN;
    re.lastIndex = q;
    re.test(s);
    const stop = re.lastIndex;
    let end = stop;
    while (end > q && s.charCodeAt(end - 1) === 32) end--;
    return { end, stop, colon: s.charCodeAt(stop) === 58 };
  }

  /** The closing quote of a quoted scalar opened at q on the same line, or -1. */
  private quoteEnd(q: number): number {
    const s = this.src;
    const nl = s.indexOf('\n', q);
    const lim = nl < 0 ? this.n : nl;
    if (s.charCodeAt(q) === 39) {
      for (let i = q + 1; ; ) {
        const j = s.indexOf("'", i);
        if (j < 0 || j >= lim) return -1;
        if (s.charCodeAt(j + 1) !== 39) return j;
        i = j + 2; // '' is an escaped quote
      }
    }
    for (let i = q + 1; ; ) {
      const j = s.indexOf('"', i);
      if (j < 0 || j >= lim) return -1;
      let k = j - 1;
      while (k > q && s.charCodeAt(k) === 92) k--;
      if ((j - 1 - k) % 2 === 0) return j; // not escaped by an odd number of backslashes
      i = j + 1;
    }
  }

  private quoted(q: number, close: number, atKey: boolean): Scalar {
    const s = this.src;
    const single = s.charCodeAt(q) === 39;
    const value = single ? s.slice(q + 1, close).replace(/''/g, "'") : doubleQuoted(s, q, close);
    return this.resolved(this.strTag, value, single ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', q, close + 1, close + 1);
  }

  /** A scalar as yaml's composeScalar makes it; plain scalars get their tag by the schema's tests. */
  private scalar(source: string, type: 'PLAIN' | null, start: number, valueEnd: number, end: number, atKey: boolean): Scalar {
    let tag = this.strTag;
    const c0 = source.charCodeAt(0);
    const plainString = this.knownSchema && c0 < 128 && MAYBE_NOT_STRING[c0] === 0;
    if (!plainString) for (let i = 0, tags = this.tags; i < tags.length; i++) {
      const t = tags[i];
      if ((t.default === true || (atKey && t.default === 'key')) && t.test?.test(source)) {
        tag = t;
        break;
      }
    }
    if (tag.default === 'key') throw new Bail();
    // An empty node is a PLAIN scalar token with empty source too.
    return this.resolved(tag, source, type ?? 'PLAIN', start, valueEnd, end);
  }

  private resolved(tag: TagLike, value: string, type: string, start: number, valueEnd: number, end: number): Scalar {
    let res: unknown;
    try {
      res = tag.resolve(value, bail, this.doc.options);
    } catch {
      throw new Bail(); // yaml reports TAG_RESOLVE_FAILED
    }
    const scalar = res instanceof Scalar ? res : new Scalar(res);
    scalar.range = [start, valueEnd, end];
    scalar.source = value;
    scalar.type = type as Scalar.Type;
    if (tag.format) scalar.format = tag.format;
    return scalar;
  }

  /** A one-line flow sequence or mapping of scalars at q; returns it and the position after it. */
  private flowCollection(q: number): [YAMLMap | YAMLSeq, number] {
    const s = this.src;
    const isMap = s.charCodeAt(q) === 123;
    const close = isMap ? 125 : 93;
    const coll = isMap ? new YAMLMap(this.doc.schema) : new YAMLSeq(this.doc.schema);
    coll.flow = true;
    const keys = isMap && this.uniqueKeys ? new Set<unknown>() : null;
    let i = q + 1;
    while (s32(s, i)) i++;
    if (s.charCodeAt(i) === close) {
      if (i !== q + 1) throw new Bail(); // `[ ]`: keep it to yaml
      coll.range = [q, i + 1, i + 1];
      return [coll, i + 1];
    }
    for (;;) {
      const item = this.flowScalar(i, isMap);
      let j = item.range![1];
      while (s32(s, j)) j++;
      item.range![2] = j;
      if (isMap) {
        if (s.charCodeAt(j) !== 58 || !(s.charCodeAt(j + 1) === 32)) throw new Bail();
        if (keys) {
          const v = item.value;
          if (keys.has(v) && v === v) throw new Bail();
          keys.add(v);
        }
        // yaml gives a flow key no end: its range ends where its source does.
        item.range![2] = item.range![1];
        j += 1;
        while (s32(s, j)) j++;
        const value = this.flowScalar(j, false);
        let k = value.range![1];
        while (s32(s, k)) k++;
        value.range![2] = k;
        (coll as YAMLMap).items.push(new Pair(item, value));
        j = k;
      } else {
        if (s.charCodeAt(j) === 58) throw new Bail(); // a pair in a flow sequence
        (coll as YAMLSeq).items.push(item);
      }
      const c = s.charCodeAt(j);
      if (c === close) {
        coll.range = [q, j + 1, j + 1];
        return [coll, j + 1];
      }
      if (c !== 44 /* , */) throw new Bail();
      i = j + 1;
      while (s32(s, i)) i++;
      const d = s.charCodeAt(i);
      if (d === close || d === 44 || i >= this.n || d === 10) throw new Bail(); // trailing or empty item, or a line break
    }
  }

  private flowScalar(i: number, atKey: boolean): Scalar {
    const s = this.src;
    const c = s.charCodeAt(i);
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(i);
      if (close < 0) throw new Bail();
      return this.quoted(i, close, atKey);
    }
    if (i >= this.n || c === 10 || c === 91 || c === 123 || !this.plainStartOk(i)) throw new Bail();
    const stop = this.plainEnd(i, true);
    if (stop.end === i) throw new Bail();
    if (stop.colon !== atKey && stop.colon) throw new Bail();
    const source = s.slice(i, stop.end);
    if (atKey && source === '<<') throw new Bail();
    const node = this.scalar(source, 'PLAIN', i, stop.end, stop.end, atKey);
    return node;
  }

  // --- block scalars -------------------------------------------------------------------------------

  /** A `|` or `>` block scalar whose header starts at q, in a collection at `collIndent`. */
  private blockScalar(q: number, collIndent: number, indentNext: number): [Scalar, Ended] {
    const s = this.src;
    const mode = s[q];
    let h = q + 1;
    let chomp = '';
    const hc = s[h];
    if (hc === '-' || hc === '+') {
      chomp = hc;
      h++;
    }
    // Header: indicator, optional chomping, then spaces, an optional comment, the newline.
    if (!this.isSpaceOrEnd(h)) throw new Bail(); // indentation indicators and anything else
    let i = h;
    while (s32(s, i)) i++;
    if (i < this.n && s.charCodeAt(i) !== 10) {
      if (s.charCodeAt(i) !== 35 || i === h) throw new Bail();
      i = this.lineEnd(i);
    }
    if (i >= this.n) throw new Bail(); // header at the end of the text
    const bodyStart = i + 1;
    const headerLength = bodyStart - q;
    const keep = chomp === '+';
    const nl = this.blockScalarEnd(bodyStart, indentNext, keep);
    const source = s.slice(bodyStart, nl + 1 > bodyStart ? nl + 1 : bodyStart);
    const value = blockScalarValue(source, mode === '>', chomp, collIndent);
    const end = q + headerLength + source.length;
    const scalar = this.resolved(this.strTag, value, mode === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL', q, end, end);
    if (this.keepSourceTokens) (scalar as unknown as { srcToken: unknown }).srcToken = { type: 'block-scalar', offset: q, indent: collIndent, source };
    const ended = this.skipGap(end, collIndent, null);
    if (ended.next !== -1 && ended.nextIndent > collIndent) throw new Bail();
    return [scalar, ended];
  }

  /** yaml's Lexer.parseBlockScalar: the index of the newline ending the block scalar's text. */
  private blockScalarEnd(pos: number, indentNextIn: number, keep: boolean): number {
    const b = this.src;
    let nl = pos - 1;
    let indent = 0;
    let i = pos;
    for (; i < this.n; i++) {
      const c = b.charCodeAt(i);
      if (c === 32) indent++;
      else if (c === 10) {
        nl = i;
        indent = 0;
      } else break;
    }
    let indentNext = indentNextIn;
    if (indent >= indentNext) {
      indentNext = indent;
      do {
        const cs = this.continueScalar(nl + 1, indentNext);
        if (cs === -1) break;
        nl = b.indexOf('\n', cs);
      } while (nl !== -1);
      if (nl === -1) nl = this.n;
    }
    if (!keep) {
      for (;;) {
        let j = nl - 1;
        let ch = b.charCodeAt(j);
        const lastChar = j;
        while (ch === 32) ch = b.charCodeAt(--j);
        if (j >= 0 && ch === 10 && j >= pos && j + 1 + indent > lastChar) nl = j;
        else break;
      }
    }
    return nl;
  }

  private continueScalar(offset: number, indentNext: number): number {
    const b = this.src;
    let indent = 0;
    while (b.charCodeAt(offset + indent) === 32) indent++;
    const ch = b.charCodeAt(offset + indent);
    return ch === 10 || indent >= indentNext ? offset + indent : -1;
  }
}

/** A one-line plain scalar in block context (see FastParser.plainEnd). */
const BLOCK_PLAIN = /(?:[^:\n ]+|:(?![ \n]|$)| +(?![#\n]|$))*/y;
/** The same in flow context, where `,[]{}` end it too. */
const FLOW_PLAIN = /(?:[^:\n ,[\]{}]+|:(?![ \n,[\]{}]|$)| +(?![#\n]|$))*/y;

function s32(s: string, i: number): boolean {
  return s.charCodeAt(i) === 32;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};

/** yaml's doubleQuotedValue for a one-line double-quoted scalar from q to its closing quote. */
function doubleQuoted(s: string, q: number, close: number): string {
  const body = s.slice(q + 1, close);
  if (!body.includes('\\')) return body; // one line and no escape: the text as written
  let res = '';
  for (let i = q + 1; i < close; ++i) {
    const ch = s[i];
    if (ch === '\\') {
      const next = s[++i];
      const cc = ESCAPES[next];
      if (cc) res += cc;
      else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = s.substr(i + 1, length);
        if (i + length >= close || !/^[0-9a-fA-F]+$/.test(hex)) throw new Bail();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw new Bail();
        res += String.fromCodePoint(code);
        i += length;
      } else throw new Bail(); // an invalid escape: yaml reports it
    } else res += ch;
  }
  return res;
}

/** yaml's resolveBlockScalar (composer) on the block scalar's text; throws Bail where yaml reports an error. */
function blockScalarValue(source: string, folded: boolean, chomp: string, scalarIndent: number): string {
  const lines = source ? splitLines(source) : [];
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    if (lines[i][1] === '') chompStart = i;
    else break;
  }
  if (chompStart === 0) return chomp === '+' && lines.length > 0 ? '\n'.repeat(Math.max(1, lines.length - 1)) : '';
  let trimIndent = scalarIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const indent = lines[i][0];
    const content = lines[i][1];
    if (content === '') {
      if (indent.length > trimIndent) trimIndent = indent.length;
    } else {
      if (indent.length < trimIndent) throw new Bail();
      trimIndent = indent.length;
      contentStart = i;
      if (trimIndent === 0) throw new Bail();
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i][0].length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += lines[i][0].slice(trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const indent = lines[i][0];
    const content = lines[i][1];
    if (content && indent.length < trimIndent) throw new Bail();
    if (!folded) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  switch (chomp) {
    case '-':
      break;
    case '+':
      for (let i = chompStart; i < lines.length; ++i) value += '\n' + lines[i][0].slice(trimIndent);
      if (value[value.length - 1] !== '\n') value += '\n';
      break;
    default:
      value += '\n';
  }
  return value;
}

/** yaml's splitLines (`source.split(/\n( *)/)` into [indent, content] pairs), without a regex split. */
function splitLines(source: string): [string, string][] {
  const lines: [string, string][] = [];
  let start = 0;
  for (;;) {
    const nl = source.indexOf('\n', start);
    const end = nl < 0 ? source.length : nl;
    let i = start;
    while (i < end && source.charCodeAt(i) === 32) i++;
    lines.push([source.slice(start, i), source.slice(i, end)]);
    if (nl < 0) return lines;
    start = nl + 1;
  }
}
