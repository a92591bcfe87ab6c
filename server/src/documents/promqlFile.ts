// A .promql file holds one or more PromQL expressions. Convention (documented for users): blank
// lines separate expressions, but only where every bracket is closed, so one expression may
// contain blank lines inside sum( ... ). `#` starts a comment to the end of the line, as in PromQL
// itself; a block of only comments is not an expression, and comment lines before or after an
// expression are not part of its range. `;` is not a separator (it is not PromQL).
import type { EmbeddedExpression } from './types';

interface Chunk {
  start: number;
  end: number;
}

/** Splits at blank lines outside brackets and strings. */
function chunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  let depth = 0;
  let quote: string | null = null;
  let chunkStart = 0;
  let lineStart = 0;
  let lineBlank = true;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (i === text.length || c === '\n') {
      if (lineBlank && depth === 0 && !quote) {
        out.push({ start: chunkStart, end: lineStart });
        chunkStart = i + 1;
      }
      lineStart = i + 1;
      lineBlank = true;
      if (quote !== '`') quote = null; // "..." strings cannot span lines
      continue;
    }
    if (c !== ' ' && c !== '\t' && c !== '\r') lineBlank = false;
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if ((c === ')' || c === '}' || c === ']') && depth > 0) depth--;
  }
  out.push({ start: chunkStart, end: text.length });
  return out;
}

/** Narrows a chunk to its expression: leading/trailing blank and comment-only lines removed. */
function trimChunk(text: string, c: Chunk): Chunk | null {
  const lines: Chunk[] = [];
  let s = c.start;
  while (s <= c.end && s < text.length + 1) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > c.end) e = c.end;
    lines.push({ start: s, end: e });
    if (e >= c.end) break;
    s = e + 1;
  }
  const isCode = (l: Chunk): boolean => {
    const t = text.slice(l.start, l.end).trim();
    return t !== '' && !t.startsWith('#');
  };
  const first = lines.findIndex(isCode);
  if (first < 0) return null;
  let last = lines.length - 1;
  while (!isCode(lines[last])) last--;
  let start = lines[first].start;
  while (/\s/.test(text[start])) start++;
  let end = lines[last].end;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

export function promqlFileExpressions(text: string): EmbeddedExpression[] {
  const out: EmbeddedExpression[] = [];
  for (const c of chunks(text)) {
    const t = trimChunk(text, c);
    if (!t) continue;
    const expr = text.slice(t.start, t.end);
    out.push({
      kind: 'promql-file',
      text: expr,
      source: expr,
      range: t,
      toFileOffset: (o: number) => t.start + Math.max(0, Math.min(o, expr.length)),
      label: `expression ${out.length + 1}`,
    });
  }
  return out;
}
