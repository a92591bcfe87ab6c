// Big lists without freezing the server: a label-values answer from a server with 200,000 metric
// names is ~6.6 MB of JSON, and parsing, sorting and indexing it in one go would block the event
// loop for most of a second (no hover, no diagnostics meanwhile). Here it is done in slices of a
// few milliseconds that give way to other work between them (Pacer): a JSON reader for the
// Prometheus envelope whose `data` array of strings is read in slices, and a merge sort in slices.

import { StringDecoder } from 'node:string_decoder';
import { PrometheusError } from './errors';

/** Answers at least this long (bytes) are read in slices; shorter ones go to JSON.parse. */
export const SLICED_PARSE_MIN_BYTES = 256 * 1024;

/**
 * The text of a body's chunks, decoded (UTF-8) when asked for, 256 KiB at a time: the decoding
 * happens in the parser's slices. A character split between chunks is kept for the next piece.
 * Pieces that big are allocated outside V8's young generation, so the garbage collector does not
 * copy them while the names cut from them are read.
 */
export function* decodeInPieces(chunks: readonly Buffer[], pieceBytes = 256 * 1024): Generator<string> {
  const decoder = new StringDecoder('utf8');
  for (let i = 0; i < chunks.length; ) {
    const group: Buffer[] = [];
    let bytes = 0;
    while (i < chunks.length && bytes < pieceBytes) {
      group.push(chunks[i]);
      bytes += chunks[i++].length;
    }
    const piece = decoder.write(group.length === 1 ? group[0] : Buffer.concat(group));
    if (piece !== '') yield piece;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

/**
 * Paces long work: `due()` is cheap and called per unit of work (a name, a string token); once the
 * time budget is spent it says so, and `pause()` gives way to the event loop (setImmediate) and
 * starts the next slice. Budget 0 gives way at every check (every `every` units): tests use it to
 * count slices independently of the machine's speed.
 */
export class Pacer {
  /** Times it gave way. */
  yields = 0;
  private count = 0;
  private until: number;

  constructor(
    readonly budgetMs = 4,
    private readonly signal?: AbortSignal,
    private readonly every = 256,
  ) {
    this.until = performance.now() + budgetMs;
  }

  /** Counts `units` of work done; true when the slice is over and the caller should `await pause()`. */
  due(units = 1): boolean {
    this.count += units;
    if (this.count < this.every) return false;
    this.count = 0;
    return performance.now() >= this.until;
  }

  /** Gives way to other work; throws a 'cancelled' error when the signal was aborted meanwhile. */
  async pause(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    this.yields++;
    if (this.signal?.aborted) throw new PrometheusError('cancelled', 'request cancelled');
    this.until = performance.now() + this.budgetMs;
  }
}

/** The text is not valid JSON (the client reports it as it reports JSON.parse's failures). */
export class MalformedJson extends Error {
  constructor() {
    super('malformed JSON');
    this.name = 'MalformedJson';
  }
}

/**
 * The top-level JSON object of the text (one string, or its pieces in order: a body as it came in),
 * as JSON.parse would give it, with the array under the key `data` read in slices (other values
 * are small in a Prometheus envelope and go to JSON.parse). Strings without escapes are cut out of
 * the text as they are; a string with a backslash goes to JSON.parse. Throws MalformedJson
 * wherever JSON.parse would throw.
 */
export async function parseEnvelopeInSlices(text: string | Iterable<string>, pacer: Pacer = new Pacer()): Promise<Record<string, unknown>> {
  const r = new Reader((typeof text === 'string' ? [text] : text)[Symbol.iterator]());
  r.ws();
  r.expect(OPEN_BRACE);
  const out: Record<string, unknown> = {};
  r.ws();
  if (r.peek() === CLOSE_BRACE) r.i++;
  else {
    for (;;) {
      r.ws();
      if (r.peek() !== QUOTE) r.fail();
      const key = r.string();
      r.ws();
      r.expect(COLON);
      r.ws();
      const value = key === 'data' && r.peek() === OPEN_BRACKET ? await r.arrayInSlices(pacer) : r.value();
      // As JSON.parse does: a key named __proto__ is an own property, the last of a repeated key wins.
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      r.ws();
      const c = r.peek();
      r.i++;
      if (c === CLOSE_BRACE) break;
      if (c !== COMMA) r.fail();
    }
  }
  r.ws();
  if (!Number.isNaN(r.peek())) r.fail();
  return out;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Reads the text through a window `s` over its pieces: when a token runs past the window's end,
 * the next pieces are appended and what lies before the token is dropped (`more`), so a token
 * split between two chunks of the body is read whole. Indices are into the current window.
 */
class Reader {
  s = '';
  i = 0;
  private done = false;
  /** Whether the last string token had a backslash. */
  private escaped = false;

  constructor(private readonly pieces: Iterator<string>) {}

  fail(): never {
    throw new MalformedJson();
  }

  /**
   * Appends the next pieces (at least as much as the window keeps, so a long token costs linear
   * time), dropping the window before `keep`; returns how far indices moved (0 at the end).
   */
  private more(keep: number): number {
    if (this.done) return -1;
    const kept = this.s.slice(keep);
    let added = '';
    while (added === '' || added.length < kept.length) {
      const next = this.pieces.next();
      if (next.done) {
        this.done = true;
        break;
      }
      added += next.value;
    }
    // A window as long as its piece (256 KiB from the client) is allocated outside the young
    // generation when it is flattened, like the piece: the names cut from it are never copied with it.
    this.s = kept + added;
    this.i -= keep;
    return keep;
  }

  /** The character code at the cursor; NaN past the end of the text. */
  peek(): number {
    let c = this.s.charCodeAt(this.i);
    while (Number.isNaN(c) && this.more(this.i) >= 0) c = this.s.charCodeAt(this.i);
    return c;
  }

  /** JSON whitespace only (not a BOM or other Unicode spaces, as JSON.parse). */
  ws(): void {
    while (isWs(this.peek())) this.i++;
  }

  expect(code: number): void {
    if (this.peek() !== code) this.fail();
    this.i++;
  }

  /**
   * Moves the cursor (at a quote) past the string's closing quote, keeping the window from `keep`
   * on (the string's start, or the start of the value holding it); returns how far indices moved.
   */
  private skipString(keep = this.i): number {
    let j = this.i + 1;
    let moved = 0;
    let escaped = false;
    for (;;) {
      const c = this.s.charCodeAt(j);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        j += 2; // past the escaped character (JSON.parse checks the escape below)
      } else if (c >= 0x20) j++;
      else if (Number.isNaN(c)) {
        // The window ends inside the string: read on, or the text ends unterminated.
        const m = this.more(keep - moved);
        if (m < 0) this.fail();
        moved += m;
        j -= m;
      } else this.fail(); // raw control characters are not allowed in JSON strings
    }
    this.i = j + 1;
    this.escaped = escaped;
    return moved;
  }

  /** The string token at the cursor. */
  string(): string {
    const from = this.i - this.skipString();
    if (!this.escaped) return this.s.slice(from + 1, this.i - 1);
    return this.parse(from, this.i) as string;
  }

  /** Any value at the cursor, through JSON.parse (its extent found first). */
  value(): unknown {
    if (this.peek() === QUOTE) return this.string();
    let from = this.i;
    let depth = 0;
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (Number.isNaN(c)) {
        const moved = this.more(from);
        if (moved >= 0) {
          from -= moved;
          continue;
        }
        if (depth > 0) this.fail();
        break;
      }
      if (c === QUOTE) {
        from -= this.skipString(from);
        if (depth === 0) break;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth === 0) break; // the end of the enclosing container: a scalar ended here
        if (--depth === 0) {
          this.i++;
          break;
        }
      } else if (depth === 0 && (c === COMMA || isWs(c))) break;
      this.i++;
    }
    if (this.i === from) this.fail();
    return this.parse(from, this.i);
  }

  private parse(from: number, to: number): unknown {
    try {
      return JSON.parse(this.s.slice(from, to));
    } catch {
      return this.fail();
    }
  }

  /** The array at the cursor, its elements read in slices (strings fast, anything else via value()). */
  async arrayInSlices(pacer: Pacer): Promise<unknown[]> {
    this.expect(OPEN_BRACKET);
    const out: unknown[] = [];
    this.ws();
    if (this.peek() === CLOSE_BRACKET) {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.peek() === QUOTE ? this.string() : this.value());
      this.ws();
      const c = this.peek();
      this.i++;
      if (c === CLOSE_BRACKET) return out;
      if (c !== COMMA) this.fail();
      if (pacer.due()) await pacer.pause();
    }
  }
}

/**
 * Sorted copy in UTF-16 order (as Array.prototype.sort without a comparator sorts strings),
 * duplicates dropped, in slices: runs of 2,048 are sorted natively, then merged pairwise.
 */
export async function sortUniqueInSlices(list: readonly string[], pacer: Pacer = new Pacer()): Promise<string[]> {
  const RUN = 2048;
  let a: string[] = list.slice();
  for (let from = 0; from < a.length; from += RUN) {
    const run = a.slice(from, from + RUN).sort();
    for (let k = 0; k < run.length; k++) a[from + k] = run[k];
    if (pacer.due(run.length)) await pacer.pause();
  }
  let b: string[] = new Array<string>(a.length);
  for (let width = RUN; width < a.length; width *= 2) {
    for (let lo = 0; lo < a.length; lo += 2 * width) {
      const mid = Math.min(lo + width, a.length);
      const hi = Math.min(lo + 2 * width, a.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid || j < hi) {
        // Merge a bounded stretch, then see whether the slice is over.
        const stop = Math.min(k + 1024, hi);
        while (k < stop) b[k++] = j >= hi || (i < mid && a[i] <= a[j]) ? a[i++] : a[j++];
        if (pacer.due(1024)) await pacer.pause();
      }
    }
    [a, b] = [b, a];
  }
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (n === 0 || a[i] !== a[n - 1]) a[n++] = a[i];
    if (pacer.due()) await pacer.pause();
  }
  a.length = n;
  return a;
}
