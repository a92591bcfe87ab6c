// Walks a YAML tree against the schema tables, reporting what Go's strict decoder would reject
// (unknown or repeated fields, wrong node kinds, bad scalar values), then runs each block's
// whole-block check once its fields are known.
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { ObjView } from './objView';
import { advertisedFields, allFields, type FieldType, type StructDef } from './schema/types';
import { suggestKey } from './suggest';
import { checkScalar } from './validators';
import { report, type WalkContext } from './walkContext';
import { goTag, isNull, mapEntries, rangeOf, resolve, sourceText, type Range } from './yamlNodes';
import { goYamlShownValue } from './goText';

export interface Walker {
  doc: Document;
  ctx: WalkContext;
}

function typeName(type: FieldType): string {
  switch (type.kind) {
    case 'struct':
      return type.def().goType;
    case 'list':
      // Prometheus' config holds lists of structs as slices of pointers ([]*config.ScrapeConfig).
      return type.goType ?? (type.of.kind === 'struct' ? `[]*${typeName(type.of)}` : `[]${typeName(type.of)}`);
    case 'map':
      return type.goType ?? `map[string]${typeName(type.value)}`;
    case 'int':
      return type.goType;
    case 'bool':
      return 'bool';
    case 'float':
      return 'float64';
    case 'string':
      return type.goType ?? 'string';
    default:
      return 'string';
  }
}

function kindError(w: Walker, node: Node, type: FieldType): void {
  const shown = isScalar(node) ? ` \`${goYamlShownValue(sourceText(node))}\`` : '';
  report(w.ctx, 'config/type', rangeOf(node), `cannot unmarshal ${goTag(node)}${shown} into ${typeName(type)}`);
}

/** Thrown when alias expansion makes the walk far larger than the text (a "billion laughs"). */
export class WalkBudgetExceeded extends Error {}

export function walk(w: Walker, node: Node | null, type: FieldType, anchor: Range): void {
  if (isNull(node) || !node) return;
  if (++w.ctx.visits > w.ctx.maxVisits) throw new WalkBudgetExceeded(`more than ${w.ctx.maxVisits} values after expanding aliases`);
  switch (type.kind) {
    case 'any':
      return;
    case 'struct':
      if (!isMap(node)) return kindError(w, node, type);
      walkStruct(w, node, type.def(), anchor);
      return;
    case 'list': {
      if (!isSeq(node)) return kindError(w, node, type);
      // Index loops here and below: the walk runs mostly interpreted in the CLI, where each
      // for-of step allocates.
      for (let i = 0; i < node.items.length; i++) {
        const raw = node.items[i];
        const item = resolve(raw, w.doc);
        const itemRange = rangeOf(item) ?? rangeOf(raw as Node) ?? anchor;
        if (isNull(item)) {
          if (type.nullItem) report(w.ctx, 'config/empty-section', nullItemRange(w, itemRange, anchor), type.nullItem);
          continue;
        }
        const firstKey = isMap(item) && item.items.length > 0 ? rangeOf(resolve(item.items[0].key, w.doc)) : undefined;
        walk(w, item, type.of, firstKey ?? itemRange);
      }
      return;
    }
    case 'map': {
      if (!isMap(node)) return kindError(w, node, type);
      const { entries, keyErrors, overriding } = mapEntries(node, w.doc);
      for (const e of keyErrors) report(w.ctx, 'config/type', rangeOf(e.keyNode), `cannot unmarshal ${goTag(e.keyNode)} into string`);
      for (const e of overriding ?? []) report(w.ctx, 'config/duplicate-key', rangeOf(e.keyNode), `key ${JSON.stringify(e.keyText)} already set in map`);
      const seen = new Set<string>();
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i];
        if (seen.has(e.keyText)) {
          report(w.ctx, 'config/duplicate-key', rangeOf(e.keyNode), `key ${JSON.stringify(e.keyText)} already set in map`);
        }
        seen.add(e.keyText);
        walk(w, e.value, type.value, rangeOf(e.keyNode) ?? anchor);
      }
      return;
    }
    default:
      checkScalar(node, type, w.ctx);
  }
}

/** A null list item (`-` alone) has an empty range; point at the dash instead. */
function nullItemRange(w: Walker, itemRange: Range, anchor: Range): Range {
  const [start, end] = itemRange;
  if (end > start) return itemRange;
  const dash = w.ctx.text.lastIndexOf('-', start);
  return dash >= 0 && start - dash < 200 ? [dash, dash + 1] : anchor;
}

export function walkStruct(w: Walker, node: Node, def: StructDef, anchor: Range): ObjView {
  const fields = allFields(def);
  const { entries, keyErrors } = mapEntries(node, w.doc);
  for (const e of keyErrors) report(w.ctx, 'config/type', rangeOf(e.keyNode), `cannot unmarshal ${goTag(e.keyNode)} into string`);
  const seen = new Set<string>();
  let unknown = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const keyRange = rangeOf(e.keyNode) ?? anchor;
    const fieldType = Object.prototype.hasOwnProperty.call(fields, e.keyText) ? fields[e.keyText] : undefined;
    if (!fieldType) {
      unknown++;
      reportUnknown(w, e.keyText, keyRange, def, advertisedFields(def));
      continue;
    }
    if (seen.has(e.keyText)) {
      report(w.ctx, 'config/duplicate-key', keyRange, `field ${e.keyText} already set in type ${def.goType}`);
      continue;
    }
    seen.add(e.keyText);
    walk(w, e.value, fieldType, keyRange);
  }
  const known = unknown === 0 ? entries : entries.filter((e) => Object.prototype.hasOwnProperty.call(fields, e.keyText));
  const view = new ObjView(node, known, anchor, w.doc, w.ctx.views);
  w.ctx.views.set(node, view);
  for (const inc of def.include ?? []) inc.check?.(view, w.ctx);
  def.check?.(view, w.ctx);
  return view;
}

function reportUnknown(w: Walker, key: string, range: Range, def: StructDef, known: string[]): void {
  const guess = suggestKey(key, known);
  const message = `field ${key} not found in type ${def.goType}${guess ? `; did you mean \`${guess}\`?` : ''}`;
  const fixes = guess ? [{ title: `Rename to \`${guess}\``, edits: [{ range: { start: range[0], end: range[1] }, newText: guess }] }] : undefined;
  report(w.ctx, 'config/unknown-key', range, message, 'error', fixes);
}
