// Test support: checks that an EmbeddedExpression maps every character back to its source.
import assert from 'node:assert/strict';
import type { EmbeddedExpression } from './types';

/** What the source characters at `off` can decode to when they are an escape (JSON or YAML). */
function escapeDecodes(file: string, off: number): string {
  if (file[off] !== '\\') return '';
  const n = file[off + 1];
  const hex = (len: number): string => {
    const h = file.slice(off + 2, off + 2 + len);
    return /^[0-9a-fA-F]+$/.test(h) && h.length === len ? String.fromCodePoint(parseInt(h, 16)) : '';
  };
  if (n === 'u') {
    const first = parseInt(file.slice(off + 2, off + 6), 16);
    // JSON writes astral characters as two \u escapes; each half maps to its own escape.
    return String.fromCharCode(first);
  }
  if (n === 'x') return hex(2);
  if (n === 'U') return hex(8);
  const table: Record<string, string> = {
    '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
    ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
  };
  return table[n] ?? '';
}

/**
 * For every offset i of `chars` (the expression's text or source), the file at toFileOffset(i)
 * starts with chars[i], or holds the escape / folded line break / '' that produced it.
 * Offsets never go backwards.
 */
export function assertExactMapping(file: string, e: EmbeddedExpression, chars: string = e.text): void {
  let prev = -1;
  for (let i = 0; i < chars.length; i++) {
    const off = e.toFileOffset(i);
    const ch = chars[i];
    const ok =
      file.startsWith(ch, off) ||
      escapeDecodes(file, off).includes(ch) ||
      (ch === ' ' && (file[off] === '\n' || file[off] === '\r')) ||
      (ch === '\n' && file[off] === '\r') ||
      (ch === "'" && file.startsWith("''", off));
    assert.ok(ok, `${e.label}: text[${i}]=${JSON.stringify(ch)} maps to ${off}: ${JSON.stringify(file.slice(off, off + 12))}`);
    assert.ok(off >= prev, `${e.label}: offset of text[${i}] goes backwards (${off} < ${prev})`);
    prev = off;
  }
  assert.equal(e.toFileOffset(chars.length), e.range.end, `${e.label}: end maps to range.end`);
  assert.ok(e.range.start <= e.range.end);
}
