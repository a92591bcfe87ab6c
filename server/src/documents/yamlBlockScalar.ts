// Decodes a YAML block scalar (| literal or > folded) from its raw source, keeping the file offset
// of every character: the header's indentation indicator and chomping (strip -, clip, keep +),
// auto-detected indentation, folding of "text" lines and the line breaks kept around more-indented
// lines. See YAML 1.2 spec §8.1.
import { MappedTextBuilder, type MappedText } from './positionMap';

interface Line {
  /** Offset of the first content character (after the indentation). */
  contentStart: number;
  /** Offset just after the last character of the line (before \r\n or \n). */
  contentEnd: number;
  /** Offset of the line break, or -1 on a last line without one. */
  breakAt: number;
  empty: boolean;
}

export interface BlockScalarResult extends MappedText {
  /** File offsets of the content: first content character to end of the last non-empty line. */
  contentStart: number;
  contentEnd: number;
}

/**
 * Decodes src[start, end) where start is the `|` or `>` of the header. `parentIndent` is the
 * indentation of the block that holds the scalar (the yaml CST token's `indent`).
 */
export function decodeBlockScalar(src: string, start: number, end: number, parentIndent: number): BlockScalarResult {
  const folded = src[start] === '>';
  let explicitIndent = 0;
  let chomp: 'strip' | 'clip' | 'keep' = 'clip';
  let i = start + 1;
  for (let k = 0; k < 2; k++) {
    const c = src[i];
    if (c >= '1' && c <= '9') explicitIndent = Number(c);
    else if (c === '-') chomp = 'strip';
    else if (c === '+') chomp = 'keep';
    else break;
    i++;
  }
  // The rest of the header line is whitespace and maybe a comment.
  while (i < end && src[i] !== '\n' && src[i] !== '\r') i++;
  if (src[i] === '\r' && src[i + 1] === '\n') i++;
  i++;

  const raw: Array<{ start: number; end: number; breakAt: number }> = [];
  while (i < end) {
    let e = i;
    while (e < end && src[e] !== '\n') e++; // the parser's range may end inside the next key's indentation
    const hasBreak = e < end;
    const contentEnd = e > i && src[e - 1] === '\r' ? e - 1 : e;
    raw.push({ start: i, end: contentEnd, breakAt: hasBreak ? (contentEnd < e ? contentEnd : e) : -1 });
    i = e + 1;
  }

  const spacesAt = (l: { start: number; end: number }): number => {
    let n = 0;
    while (l.start + n < l.end && src[l.start + n] === ' ') n++;
    return n;
  };
  // Only spaces: a tab after the indentation is content (YAML 1.2 §8.1.1.1, l-empty).
  const isBlank = (l: { start: number; end: number }): boolean => /^ *$/.test(src.slice(l.start, l.end));

  let indent: number;
  if (explicitIndent > 0) {
    indent = Math.max(parentIndent, 0) + explicitIndent;
  } else {
    // The first non-empty line decides (leading blank lines may not be more indented: §8.1.1.1).
    const first = raw.find((l) => !isBlank(l));
    // With no content at all, the longest blank line decides (the yaml package agrees).
    indent = first ? spacesAt(first) : Math.max(0, ...raw.map(spacesAt));
  }

  // With no content at all, every line is empty whatever its indentation (as the yaml package reads it).
  const allBlank = raw.every(isBlank);
  const lines: Line[] = [];
  for (const l of raw) {
    const sp = spacesAt(l);
    const blankLine = isBlank(l);
    if (!blankLine && sp < indent) break; // a less indented line ends the scalar
    const contentStart = Math.min(l.start + indent, l.end);
    lines.push({ contentStart, contentEnd: l.end, breakAt: l.breakAt, empty: allBlank || contentStart >= l.end });
  }

  const out = new MappedTextBuilder();
  let last = -1;
  for (let k = lines.length - 1; k >= 0; k--) {
    if (!lines[k].empty) {
      last = k;
      break;
    }
  }
  const pushBreak = (l: Line): void => {
    if (l.breakAt >= 0) out.pushAt('\n', l.breakAt);
  };
  const moreIndented = (l: Line): boolean => src[l.contentStart] === ' ' || src[l.contentStart] === '\t';

  let prev: Line | null = null;
  let emptiesSincePrev: Line[] = [];
  for (let k = 0; k <= last; k++) {
    const l = lines[k];
    if (l.empty) {
      if (prev === null) pushBreak(l); // leading empty lines are kept as line feeds
      else emptiesSincePrev.push(l);
      continue;
    }
    if (prev !== null) {
      if (folded && !moreIndented(prev) && !moreIndented(l)) {
        if (emptiesSincePrev.length === 0) out.pushAt(' ', prev.breakAt);
        else emptiesSincePrev.forEach(pushBreak);
      } else {
        pushBreak(prev);
        emptiesSincePrev.forEach(pushBreak);
      }
    }
    out.pushSpan(src.slice(l.contentStart, l.contentEnd), l.contentStart);
    prev = l;
    emptiesSincePrev = [];
  }
  if (prev !== null) {
    if (chomp !== 'strip') pushBreak(prev);
    if (chomp === 'keep') lines.slice(last + 1).forEach(pushBreak);
  } else if (chomp === 'keep') {
    // Only empty lines: their breaks were not pushed above (last === -1).
    lines.forEach(pushBreak);
  }
  const built = out.build();
  const firstContent = lines.find((l) => !l.empty);
  const contentStart = firstContent ? firstContent.contentStart : lines.length ? lines[0].contentStart : Math.min(i, end);
  const contentEnd = last >= 0 ? lines[last].contentEnd : contentStart;
  return { ...built, contentStart, contentEnd };
}
