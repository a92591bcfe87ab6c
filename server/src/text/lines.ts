// Offset ↔ line/character conversion over one text, with the line starts computed once.

export interface LineCol {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units (LSP's default). */
  character: number;
}

export interface LineIndex {
  position(offset: number): LineCol;
  offset(pos: LineCol): number;
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // Only \n line ends (the usual case): native searches instead of a loop over every character.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
  }
  const index: LineIndex = {
    position(offset: number): LineCol {
      const o = Math.max(0, Math.min(offset, text.length));
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, character: o - starts[lo] };
    },
    offset(pos: LineCol): number {
      if (pos.line < 0) return 0;
      if (pos.line >= starts.length) return text.length;
      const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length;
      return Math.min(starts[pos.line] + Math.max(0, pos.character), lineEnd);
    },
  };
  return index;
}
