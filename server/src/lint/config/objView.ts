// A checked YAML mapping seen as a Go struct: typed reads of its fields and their source ranges,
// for the whole-block rules (Prometheus' UnmarshalYAML / Validate) to use.
import { isScalar, type Document, type Node } from 'yaml';
import { goString, isNull, mapEntries, rangeOf, seqItems, type MapEntry, type Range } from './yamlNodes';

export class ObjView {
  private readonly byKey = new Map<string, MapEntry>();

  constructor(
    readonly node: Node,
    entries: MapEntry[],
    /** Where to point at the block as a whole: its key in the parent, or its first key. */
    readonly anchor: Range,
    private readonly doc: Document,
    private readonly views: WeakMap<Node, ObjView>,
  ) {
    for (const e of entries) if (!this.byKey.has(e.keyText)) this.byKey.set(e.keyText, e);
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  /** The field is present with a non-null value (Go: not left at its zero value by YAML null). */
  has(key: string): boolean {
    const e = this.byKey.get(key);
    return !!e && !isNull(e.value);
  }

  /** The field is written at all, even as null. */
  written(key: string): boolean {
    return this.byKey.has(key);
  }

  value(key: string): Node | null {
    return this.byKey.get(key)?.value ?? null;
  }

  /** The Go string the field holds ('' when absent or invalid). */
  str(key: string): string {
    const r = goString(this.value(key));
    return r.ok ? r.value : '';
  }

  num(key: string): number | undefined {
    const v = this.value(key);
    if (!isScalar(v)) return undefined;
    if (typeof v.value === 'number') return v.value;
    if (typeof v.value === 'string' && v.value.trim() !== '' && !Number.isNaN(Number(v.value))) return Number(v.value);
    return undefined;
  }

  bool(key: string): boolean | undefined {
    const v = this.value(key);
    return isScalar(v) && typeof v.value === 'boolean' ? v.value : undefined;
  }

  sub(key: string): ObjView | undefined {
    const v = this.value(key);
    return v ? this.views.get(v) : undefined;
  }

  items(key: string): (Node | null)[] {
    return seqItems(this.value(key), this.doc);
  }

  subList(key: string): ObjView[] {
    return this.items(key)
      .map((n) => (n ? this.views.get(n) : undefined))
      .filter((v): v is ObjView => !!v);
  }

  strList(key: string): string[] {
    return this.strItems(this.value(key));
  }

  /** The Go strings of a sequence node of this document (e.g. a map entry's value). */
  strItems(node: Node | null): string[] {
    return seqItems(node, this.doc).map((n) => {
      const r = goString(n);
      return r.ok ? r.value : '';
    });
  }

  /** The entries of a map-valued field (e.g. `headers`, `external_labels`). */
  mapOf(key: string): MapEntry[] {
    const value = this.value(key);
    return value && this.has(key) ? mapEntries(value, this.doc).entries : [];
  }

  keyRange(key: string): Range {
    return rangeOf(this.byKey.get(key)?.keyNode) ?? this.anchor;
  }

  valueRange(key: string): Range {
    const e = this.byKey.get(key);
    if (!e) return this.anchor;
    return rangeOf(e.value) ?? rangeOf(e.keyNode) ?? this.anchor;
  }
}
