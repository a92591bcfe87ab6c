// Small helpers over the `yaml` package's nodes: alias resolution, merge keys (`<<`), Go yaml.v3's
// tag names for type errors, and "the range to underline" for a node.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, Scalar } from 'yaml';
import type { PosRange } from '../../promql/ast';
import { goYamlShownValue } from '../config/goText';
import { resolveGoYamlNumber } from '../config/goYamlNumber';

export type YNode = Node | null;

export function resolve(doc: Document, n: unknown, depth = 0): YNode {
  if (n == null) return null;
  if (isAlias(n)) {
    if (depth > 20) return null;
    return resolve(doc, n.resolve(doc) ?? null, depth + 1);
  }
  return n as Node;
}

export function rangeOf(n: YNode, fallback: PosRange): PosRange {
  const r = n?.range;
  if (!r) return fallback;
  return { start: r[0], end: Math.max(r[0], r[1]) };
}

export interface Entry {
  key: string;
  keyNode: Node | null;
  keyRange: PosRange;
  value: YNode;
  /** The node as written (an alias keeps its own position). */
  written: YNode;
}

/** Pairs of a mapping in source order, with `<<` merge keys expanded as yaml.v3 does. */
export function mapEntries(doc: Document, map: Node, depth = 0): Entry[] {
  if (!isMap(map) || depth > 20) return [];
  const own: Entry[] = [];
  const merged: Entry[] = [];
  // Index loops, and no copy without merge keys: the linters call this for every mapping, mostly
  // interpreted in the CLI, where for-of, spreads and copies allocate.
  const items = map.items as Pair[];
  for (let i = 0; i < items.length; i++) {
    const p = items[i];
    const keyNode = resolve(doc, p.key);
    // A null key (~, null, nothing) decodes into no string: go-yaml leaves the entry out.
    if (keyNode == null || (isScalar(keyNode) && keyNode.value === null)) continue;
    const isMerge = isScalar(keyNode) && (typeof keyNode.value === 'symbol' || (keyNode.value === '<<' && keyNode.type === Scalar.PLAIN));
    const key = isMerge ? '<<' : isScalar(keyNode) ? String(keyNode.value ?? '') : '';
    const keyRange = rangeOf((p.key as Node | null) ?? null, rangeOf(map, { start: 0, end: 0 }));
    if (isMerge) {
      const src = resolve(doc, p.value);
      const sources = isSeq(src) ? src.items.map((i) => resolve(doc, i)) : [src];
      for (const s of sources) if (s && isMap(s)) merged.push(...mapEntries(doc, s, depth + 1));
      continue;
    }
    own.push({ key, keyNode, keyRange, value: resolve(doc, p.value), written: (p.value as Node | null) ?? null });
  }
  if (merged.length === 0) return own;
  const ownKeys = new Set(own.map((e) => e.key));
  return [...own, ...merged.filter((e) => !ownKeys.has(e.key))];
}

/** Go yaml.v3's short tag for a node: `!!map`, `!!seq`, `!!str`, `!!int`, ... */
export function goTag(n: YNode): string {
  if (n == null) return '!!null';
  if (isMap(n)) return '!!map';
  if (isSeq(n)) return '!!seq';
  if (isScalar(n)) {
    const v = n.value;
    if (v === null) return '!!null';
    if (typeof v === 'boolean') return '!!bool';
    const number = resolveGoYamlNumber(n);
    return number && 'tag' in number ? number.tag : '!!str';
  }
  return '!!str';
}

/** yaml.v3's wording of a type error: ``cannot unmarshal !!str `abc` into int``. */
export function cannotUnmarshal(n: YNode, into: string): string {
  const tag = goTag(n);
  const val = isScalar(n) && n.value !== null ? ` \`${goYamlShownValue(scalarString(n))}\`` : '';
  return `cannot unmarshal ${tag}${val} into ${into}`;
}

/** A scalar as Go reads it into a string: the text as written for numbers and booleans. */
export function scalarString(n: Scalar): string {
  if (n.value === null || n.value === undefined) return '';
  if (typeof n.value === 'string') return n.value;
  if (typeof n.source === 'string') return n.source;
  return String(n.value);
}
