// Builds an unescaped string together with, for every UTF-16 unit of it, the file offset of the
// source character it came from. Exact mapping is an array lookup; no arithmetic guesses.
import type { PosRange } from '../promql/ast';

export interface MappedText {
  text: string;
  /** offsets[i] is the file offset of text[i]. */
  offsets: number[];
}

export class MappedTextBuilder {
  private readonly parts: string[] = [];
  readonly offsets: number[] = [];

  get length(): number {
    return this.offsets.length;
  }

  /** Appends `s`, every unit of it coming from the one source position `fileOffset` (an escape). */
  pushAt(s: string, fileOffset: number): void {
    this.parts.push(s);
    for (let i = 0; i < s.length; i++) this.offsets.push(fileOffset);
  }

  /** Appends `s` copied literally from the file at `fileOffset`: unit i comes from fileOffset + i. */
  pushSpan(s: string, fileOffset: number): void {
    this.parts.push(s);
    for (let i = 0; i < s.length; i++) this.offsets.push(fileOffset + i);
  }

  build(): MappedText {
    return { text: this.parts.join(''), offsets: this.offsets };
  }
}

/** The toFileOffset function of an EmbeddedExpression: offsets past the text map to `end`. */
export function offsetMapper(offsets: readonly number[], end: number): (offset: number) => number {
  return (offset: number): number => {
    if (offset >= offsets.length) return end;
    if (offset <= 0) return offsets.length > 0 ? offsets[0] : end;
    return offsets[Math.floor(offset)];
  };
}

/**
 * Maps a half-open range of an expression's text to a file range. The end is taken just after the
 * source of the range's last character, not at the next character's source (which may lie past
 * folded whitespace or a line break).
 */
export function mapRange(toFileOffset: (o: number) => number, r: PosRange): PosRange {
  const start = toFileOffset(r.start);
  if (r.end <= r.start) return { start, end: start };
  return { start, end: Math.max(toFileOffset(r.end - 1) + 1, start + 1) };
}

/** A sub-range [from, to) of a mapped text, as a new mapped text (used for a query's inner PromQL). */
export function sliceMapped(m: MappedText, from: number, to: number): MappedText {
  return { text: m.text.slice(from, to), offsets: m.offsets.slice(from, to) };
}
