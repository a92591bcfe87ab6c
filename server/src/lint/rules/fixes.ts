// Mechanical quick fixes: renaming a mistyped key, deleting a `key: value` line.
import type { PosRange } from '../../promql/ast';
import type { QuickFix } from '../types';

/** Levenshtein distance, for "did you mean" on mistyped keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

export function renameKeyFix(key: string, keyRange: PosRange, known: readonly string[]): QuickFix[] | undefined {
  let best: string | null = null;
  let bestD = 3;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  if (!best || keyRange.end - keyRange.start !== key.length) return undefined; // quoted keys: no fix
  return [{ title: `Rename to '${best}'`, edits: [{ range: keyRange, newText: best }] }];
}

/** Deletes the whole line(s) of a block-mapping entry; undefined when it is not alone on its line. */
export function deleteEntryFix(text: string, title: string, keyRange: PosRange, valueRange: PosRange): QuickFix[] | undefined {
  const start = text.lastIndexOf('\n', keyRange.start - 1) + 1;
  if (text.slice(start, keyRange.start).trim() !== '') return undefined;
  const nl = text.indexOf('\n', Math.max(valueRange.end, keyRange.end));
  const end = nl < 0 ? text.length : nl + 1;
  const rest = text.slice(Math.max(valueRange.end, keyRange.end), nl < 0 ? text.length : nl);
  if (rest.trim() !== '' && !rest.trim().startsWith('#')) return undefined;
  return [{ title, edits: [{ range: { start, end }, newText: '' }] }];
}
