// Re-extraction after a small edit without re-reading the whole YAML/JSON: when the edit lies well
// inside one expression's value and can change neither the file's structure nor how the value is
// decoded, only that expression is rebuilt and the ones after it are shifted. Anything else returns
// null and the caller extracts from scratch: being conservative costs a full parse, never a wrong map.
import { findGrafanaVariables, interpolateGrafanaVariables, type VariableValueKind } from './grafanaVariables';
import { offsetMapper } from './positionMap';
import type { EmbeddedExpression } from './types';

/** Characters an edit may remove or insert: none of them is YAML/JSON syntax, an escape or a quote. */
const SAFE_CHAR = /^[A-Za-z0-9_ .=~+\-/^()]*$/;
/** How far before the edit a backslash could still start an escape that the edit would change (\U + 8). */
const ESCAPE_REACH = 10;

const BLOCK = 4096;

interface Change {
  start: number;
  removed: string;
  inserted: string;
}

/** The one changed span of two texts, found by comparing from both ends. */
export function changedSpan(oldText: string, newText: string): Change | null {
  if (oldText === newText) return null;
  const max = Math.min(oldText.length, newText.length);
  const a = oldText.length;
  const b = newText.length;
  // Blocks first: comparing slices is a memory compare, much faster than charCodeAt on a concatenated string.
  let p = 0;
  while (p + BLOCK <= max && oldText.slice(p, p + BLOCK) === newText.slice(p, p + BLOCK)) p += BLOCK;
  while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  let s = 0;
  while (s + BLOCK <= max - p && oldText.slice(a - s - BLOCK, a - s) === newText.slice(b - s - BLOCK, b - s)) s += BLOCK;
  while (s < max - p && oldText.charCodeAt(a - 1 - s) === newText.charCodeAt(b - 1 - s)) s++;
  return { start: p, removed: oldText.slice(p, oldText.length - s), inserted: newText.slice(p, newText.length - s) };
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/**
 * The expressions of `newText`, given those of `oldText`; null when a full extraction is needed.
 * The result holds only the EmbeddedExpression fields (no dashboard JSON nodes).
 */
export function reextractIncrementally(
  oldText: string, oldExpressions: readonly EmbeddedExpression[], newText: string,
): EmbeddedExpression[] | null {
  const change = changedSpan(oldText, newText);
  if (!change) return oldExpressions.map(plain);
  const { start: p, removed, inserted } = change;
  if (!SAFE_CHAR.test(removed) || !SAFE_CHAR.test(inserted)) return null;
  const oldEnd = p + removed.length;
  const index = oldExpressions.findIndex((e) => e.range.start < p && oldEnd < e.range.end);
  if (index < 0) return null;
  const old = oldExpressions[index];
  if (old.kind === 'dashboard-variable') return null; // the query helper's regexes decide where the PromQL is
  if (old.kind === 'promql-file' && /[()]/.test(removed + inserted)) return null; // brackets decide the split
  if (!quietSurroundings(newText, p, p + inserted.length, old.range.start, old.range.end + inserted.length - removed.length)) return null;
  if (removed.length > 0 && !quietSurroundings(oldText, p, oldEnd, old.range.start, old.range.end)) return null;
  if ((old.kind === 'rule-expr' || old.kind === 'rule-test-expr') && (inKeyName(oldText, p) || inKeyName(newText, p))) return null;

  const rebuilt = rebuildOne(oldText, old, p, removed, inserted);
  if (!rebuilt) return null;
  const delta = inserted.length - removed.length;
  return oldExpressions.map((e, k) => (k < index ? plain(e) : k === index ? rebuilt : shifted(e, delta)));
}

/**
 * The edited span [from, to) in `text` sits mid-line with a non-blank character on both sides on
 * its line inside the value (so indentation, folding and trailing whitespace stay as they were), no
 * backslash shortly before it (escapes), no quote next to it ('' in single quotes), and it does not
 * form `: ` or ` #` (a YAML key or comment in a plain scalar).
 */
function quietSurroundings(text: string, from: number, to: number, valueStart: number, valueEnd: number): boolean {
  let before = false;
  for (let i = from - 1; i >= valueStart && !isBreak(text[i]); i--) if (!isSpace(text[i])) { before = true; break; }
  let after = false;
  for (let i = to; i < valueEnd && !isBreak(text[i]); i++) if (!isSpace(text[i])) { after = true; break; }
  if (!before || !after) return false;
  if (text.slice(Math.max(valueStart, from - ESCAPE_REACH), to).includes('\\')) return false;
  const window = text.slice(from - 1, to + 1);
  if (/['"`]/.test(window[0] + window[window.length - 1])) return false;
  return !/[ \t]#|:[ \t]/.test(window);
}

/**
 * Whether offset `at` lies in a `key:`-looking start of its line: YAML files are told apart by such
 * lines (detect.ts), even when one is, say, a line of a block scalar that starts `groups:`.
 */
function inKeyName(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const key = /^\s*[\w-]+\s*:/.exec(text.slice(lineStart, lineStart + 200));
  return key !== null && at <= lineStart + key[0].length;
}

/** Rebuilds the edited expression: its text, source and offset map, checked to be 1:1 around the edit. */
function rebuildOne(oldText: string, old: EmbeddedExpression, p: number, removed: string, inserted: string): EmbeddedExpression | null {
  const n = old.source.length;
  if (old.text.length !== n) return null;
  const offsets = new Array<number>(n);
  for (let k = 0; k < n; k++) offsets[k] = old.toFileOffset(k);
  // The text index of the character just before the edit; it and the edited characters and the one
  // after must each come from their own file character, in order, unchanged (no escape, no folding).
  const k0 = offsets.indexOf(p - 1);
  if (k0 < 0) return null;
  const del = removed.length;
  for (let j = 0; j <= del + 1; j++) {
    const k = k0 + j;
    if (k >= n || offsets[k] !== p - 1 + j || old.source[k] !== oldText[p - 1 + j]) return null;
  }
  if (offsets.indexOf(p - 1, k0 + 1) >= 0) return null;
  const at = k0 + 1;
  const delta = inserted.length - del;
  const source = old.source.slice(0, at) + inserted + old.source.slice(at + del);
  let text = source;
  if (old.kind === 'dashboard-target') {
    if (nearVariable(old.source, at, at + del) || nearVariable(source, at, at + inserted.length)) return null;
    const t = dashboardText(old, source);
    if (t === null) return null;
    text = t;
  }
  const newOffsets = offsets.slice(0, at);
  for (let j = 0; j < inserted.length; j++) newOffsets.push(p + j);
  for (let k = at + del; k < n; k++) newOffsets.push(offsets[k] + delta);
  const end = old.range.end + delta;
  return {
    kind: old.kind,
    text,
    source,
    range: { start: old.range.start, end },
    toFileOffset: offsetMapper(newOffsets, end),
    label: old.label,
  };
}

/**
 * The placeholder text of an edited dashboard query. A placeholder depends on the tokens around the
 * variable and on the dashboard's value hints, which are read back from the old placeholders; an
 * edit near a variable, or hints that do not reproduce the old text, need the full extraction.
 */
function dashboardText(old: EmbeddedExpression, source: string): string | null {
  if (findGrafanaVariables(source).length === 0) return source;
  const hints = new Map<string, VariableValueKind>();
  for (const r of findGrafanaVariables(old.source)) {
    const placeholder = old.text.slice(r.range.start, r.range.end).trimEnd();
    if (placeholder === '1') hints.set(r.name, 'number');
    else if (placeholder === '1m') hints.set(r.name, 'duration');
  }
  if (interpolateGrafanaVariables(old.source, hints) !== old.text) return null;
  return interpolateGrafanaVariables(source, hints);
}

/**
 * Whether [from, to] of `source` touches a variable or what its placeholder is chosen from: the
 * token before it (a word such as `offset`, or one character), and the next character after it.
 */
function nearVariable(source: string, from: number, to: number): boolean {
  const isWord = (c: string | undefined): boolean => c !== undefined && /\w/.test(c);
  return findGrafanaVariables(source).some((r) => {
    let a = r.range.start;
    while (a > 0 && /\s/.test(source[a - 1])) a--;
    if (isWord(source[a - 1])) while (a > 0 && isWord(source[a - 1])) a--;
    else a = Math.max(0, a - 1);
    let b = r.range.end;
    while (b < source.length && /\s/.test(source[b])) b++;
    return from <= b + 1 && to >= a - 1;
  });
}

/** A shifted map remembers what it shifts, so a shift of a shift points at the original: chains stay flat. */
interface ShiftedMap {
  (offset: number): number;
  shiftBase?: (offset: number) => number;
  shiftDelta?: number;
}

function shifted(e: EmbeddedExpression, delta: number): EmbeddedExpression {
  if (delta === 0) return plain(e);
  const prior = e.toFileOffset as ShiftedMap;
  const base = prior.shiftBase ?? prior;
  const total = (prior.shiftDelta ?? 0) + delta;
  const toFileOffset: ShiftedMap = (o: number): number => base(o) + total;
  toFileOffset.shiftBase = base;
  toFileOffset.shiftDelta = total;
  return { ...plain(e), range: { start: e.range.start + delta, end: e.range.end + delta }, toFileOffset };
}

function plain(e: EmbeddedExpression): EmbeddedExpression {
  return { kind: e.kind, text: e.text, source: e.source, range: e.range, toFileOffset: e.toFileOffset, label: e.label };
}
