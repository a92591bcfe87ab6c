// Small, typed accessors over `yaml` nodes that answer the questions Go's yaml.v2 decoder asks:
// what tag does this node have, what string would a Go string field receive, which keys does a
// mapping have once aliases and `<<` merges are resolved.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import { bytesToGoString, decodeBase64Strict } from './goText';
import { resolveGoYamlNumber } from './goYamlNumber';

export type Range = [number, number];

const binaryTag = 'tag:yaml.org,2002:binary';

export function resolve(node: unknown, doc: Document): Node | null {
  let current = node;
  for (let depth = 0; depth < 32 && isAlias(current); depth++) current = current.resolve(doc);
  return (current as Node | undefined) ?? null;
}

export function rangeOf(node: Node | null | undefined): Range | undefined {
  const r = node?.range;
  return r ? [r[0], r[1]] : undefined;
}

export function isNull(node: Node | null | undefined): boolean {
  return !node || (isScalar(node) && node.value === null);
}

export function isBinary(node: Node | null): node is Scalar {
  return isScalar(node) && node.tag === binaryTag;
}

/** The YAML tag Go prints in "cannot unmarshal !!str `x` into int". */
export function goTag(node: Node | null): string {
  if (!node) return '!!null';
  if (isMap(node)) return '!!map';
  if (isSeq(node)) return '!!seq';
  if (!isScalar(node)) return '!!str';
  if (node.tag === binaryTag) return '!!binary';
  const v = node.value;
  if (v === null) return '!!null';
  if (typeof v === 'boolean') return '!!bool';
  const n = resolveGoYamlNumber(node);
  return n && 'tag' in n ? n.tag : '!!str';
}

/** The scalar's text as written (plain scalars) or as unescaped (quoted and block scalars). */
export function sourceText(node: Scalar): string {
  if (node.type === 'PLAIN' && typeof node.source === 'string') return node.source;
  if (node.value instanceof Uint8Array) return node.source ?? '';
  return String(node.value ?? '');
}

export type GoStringResult = { ok: true; value: string } | { ok: false; error: string };

/** What a Go `string` field receives from this node; binary values may hold raw bytes. */
export function goString(node: Node | null): GoStringResult {
  if (!node) return { ok: true, value: '' };
  if (!isScalar(node)) return { ok: false, error: `cannot unmarshal ${goTag(node)} into string` };
  if (node.tag === binaryTag) {
    const raw = typeof node.source === 'string' ? node.source : '';
    const bytes = decodeBase64Strict(raw);
    if (!bytes) return { ok: false, error: '!!binary value contains invalid base64 data' };
    return { ok: true, value: bytesToGoString(bytes) };
  }
  if (node.value === null) return { ok: true, value: '' };
  return { ok: true, value: sourceText(node) };
}

export interface MapEntry {
  keyText: string;
  keyNode: Node;
  value: Node | null;
}

/** The entries of a mapping, `<<` merges expanded (explicit keys win, as in Go's decoder). */
export function mapEntries(node: Node, doc: Document): { entries: MapEntry[]; keyErrors: MapEntry[]; overriding?: MapEntry[] } {
  const entries: MapEntry[] = [];
  const keyErrors: MapEntry[] = [];
  if (!isMap(node)) return { entries, keyErrors };
  const merged: MapEntry[] = [];
  // Index loops, and no key set without merges: this runs for every mapping, mostly interpreted
  // in the CLI, where for-of steps and copies allocate.
  const items = node.items;
  for (let i = 0; i < items.length; i++) {
    const pair = items[i];
    const keyNode = resolve(pair.key, doc);
    const value = resolve(pair.value, doc);
    if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
      const sources = isSeq(value) ? value.items.map((i) => resolve(i, doc)) : [value];
      for (const src of sources) if (src && isMap(src)) merged.push(...mapEntries(src, doc).entries);
      continue;
    }
    if (!keyNode) continue;
    const text = goString(keyNode);
    const entry: MapEntry = { keyText: text.ok ? text.value : '', keyNode, value };
    if (!text.ok || !isScalar(keyNode)) keyErrors.push(entry);
    else entries.push(entry);
  }
  if (merged.length === 0) return { entries, keyErrors };
  const explicit = new Set(entries.map((e) => e.keyText));
  const mergedKeys = new Set(merged.map((m) => m.keyText));
  for (const m of merged) if (!explicit.has(m.keyText)) entries.push(m);
  // In a Go map (not a struct), yaml.v2's strict decoding refuses a key a merge already set.
  const overriding = entries.filter((e) => mergedKeys.has(e.keyText) && !merged.includes(e));
  return { entries, keyErrors, overriding };
}

export function seqItems(node: Node | null, doc: Document): (Node | null)[] {
  return isSeq(node) ? node.items.map((i) => resolve(i, doc)) : [];
}
