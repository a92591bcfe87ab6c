// Data frames as Grafana builds them from Prometheus results, and the panel transformations the
// corpus dashboards use, each following Grafana's implementation. Pure: no DOM.
//   Frames: packages/grafana-prometheus/src/result_transformer.ts (transformV2, transformDFToTable)
//     - format "table": ONE frame per refId: Time, the labels (sorted, in order of first appearance),
//       then "Value" (one table refId) or "Value #<refId>" (several); a row per sample.
//     - otherwise one frame per series: Time, Value (with the labels; the legend as its display name).
//   Transformations: packages/grafana-data/src/transformations/transformers/
//     merge.ts, organize.ts (filterByName + order + rename), joinByField.ts/joinDataFrames.ts
//     (alias seriesToColumns), labelsToFields.ts, filterByName.ts, sortBy.ts, here; and in
//     ./transformations/: reduce.ts, groupBy.ts, calculateField.ts (its ensureColumns.ts join is
//     here, beside joinByField), filterByValue.ts, convertFieldType.ts, renameByRegex.ts; Grafana's
//     reducers (fieldReducer.ts) are in ./fieldReducers.ts.
//   Any other transformation, or an option of these the preview does not apply, is reported in
//   `unsupported` and skipped: the data goes on as it was.
import type { Labels } from '../protocol';
import { toNumber } from '../query/legend';
import { fieldDisplayName, type Field, type FieldValue, type Frame } from './frames';
import { stringToJsRegex } from './regexp';
import { calculateField, needsSingleFrame } from './transformations/calculateField';
import { convertFieldType } from './transformations/convertFieldType';
import { filterByValue } from './transformations/filterByValue';
import { groupBy } from './transformations/groupBy';
import { reduce } from './transformations/reduce';
import { renameByRegex } from './transformations/renameByRegex';

export { stringToJsRegex } from './regexp';
export { fieldDisplayName, frameDisplayName, type Field, type FieldConfig, type FieldType, type FieldValue, type Frame } from './frames';

/** One query's result, with the target's format. */
export interface TargetFrameInput {
  refId: string;
  format?: string;
  legendName?: (labels: Labels) => string | undefined;
  series: Array<{ metric: Labels; values: Array<[number, number | string]> }>;
}

const parseSample = toNumber;

/** The frames Grafana's Prometheus data source hands to a panel. */
export function resultFrames(inputs: TargetFrameInput[]): Frame[] {
  const table = inputs.filter((t) => t.format === 'table');
  const other: Frame[] = [];
  for (const t of inputs) {
    if (t.format === 'table') continue;
    for (const s of t.series) {
      const legend = t.legendName?.(s.metric);
      other.push({
        refId: t.refId,
        name: legend,
        length: s.values.length,
        fields: [
          { name: 'Time', type: 'time', values: s.values.map((v) => v[0]), config: {} },
          { name: 'Value', type: 'number', values: s.values.map((v) => parseSample(v[1])), labels: { ...s.metric }, config: legend ? { displayNameFromDS: legend } : {} },
        ],
      });
    }
  }
  return [...other, ...tableFrames(table)];
}

/** transformDFToTable: the table-format results, one frame per refId. */
export function tableFrames(inputs: TargetFrameInput[]): Frame[] {
  const refIds = [...new Set(inputs.map((t) => t.refId))];
  return refIds.map((refId) => {
    const series = inputs.filter((t) => t.refId === refId).flatMap((t) => t.series);
    const labels: string[] = [];
    for (const s of series) for (const l of Object.keys(s.metric).sort()) if (!labels.includes(l)) labels.push(l);
    const time: Field = { name: 'Time', type: 'time', values: [], config: {} };
    const value: Field = { name: refIds.length > 1 ? `Value #${refId}` : 'Value', type: 'number', values: [], config: {} };
    const labelFields: Field[] = labels.map((l) => ({ name: l, type: l === 'le' ? 'number' : 'string', values: [], config: { custom: { filterable: true } } }));
    for (const s of series) {
      for (const [ts, v] of s.values) {
        time.values.push(ts);
        value.values.push(parseSample(v));
        labelFields.forEach((f, i) => {
          const lv = s.metric[labels[i]];
          f.values.push(lv === undefined ? '' : f.type === 'number' ? Number(lv) : lv);
        });
      }
    }
    return { refId, fields: [time, ...labelFields, value], length: time.values.length };
  });
}

// ---- transformations ----

export interface Transformation {
  id: string;
  options?: Record<string, unknown>;
  disabled?: boolean;
}

export interface TransformResult {
  frames: Frame[];
  /** The ids of the transformations the preview does not apply (the data goes on as it was). */
  unsupported: string[];
}

/** The transformed frames; undefined when the options ask for what the preview does not apply. */
type Transformer = (frames: Frame[], options: Record<string, unknown>) => Frame[] | undefined;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const TRANSFORMERS: Record<string, Transformer> = {
  merge: (frames) => merge(frames),
  organize: (frames, o) => organize(frames, o),
  joinByField: (frames, o) => joinByField(frames, o),
  seriesToColumns: (frames, o) => joinByField(frames, o),
  labelsToFields: (frames, o) => labelsToFields(frames, o),
  filterFieldsByName: (frames, o) => filterFieldsByName(frames, o),
  sortBy: (frames, o) => sortBy(frames, o),
  reduce: (frames, o) => reduce(frames, o),
  groupBy: (frames, o) => groupBy(frames, o),
  calculateField: (frames, o) => calculateField(needsSingleFrame(o) ? ensureColumns(frames) : frames, o),
  filterByValue: (frames, o) => filterByValue(frames, o),
  convertFieldType: (frames, o) => convertFieldType(frames, o),
  renameByRegex: (frames, o) => renameByRegex(frames, o),
};

export function isSupportedTransformation(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(TRANSFORMERS, id);
}

/** The panel's `transformations` in order; disabled ones skipped, unknown ones noted and skipped. */
export function applyTransformations(frames: Frame[], transformations: unknown): TransformResult {
  const unsupported: string[] = [];
  let out = frames;
  if (!Array.isArray(transformations)) return { frames, unsupported };
  for (const t of transformations) {
    if (!isRecord(t) || typeof t.id !== 'string' || t.disabled === true) continue;
    const next = TRANSFORMERS[t.id]?.(out, isRecord(t.options) ? t.options : {});
    if (!next) {
      unsupported.push(t.id);
      continue;
    }
    out = next;
  }
  return { frames: out, unsupported };
}

const copyStructure = (f: Field): Field => {
  const config = { ...f.config };
  delete config.displayName;
  return { name: f.name, type: f.type, values: [], config };
};

/** mergeTransformer: one frame; rows whose fields common to all frames agree are combined. */
export function merge(frames: Frame[]): Frame[] {
  if (frames.length <= 1) return frames;
  const data = frames.filter((f) => f.fields.length > 0);
  if (data.length === 0) return [frames[0]];
  const fieldNames: string[] = [];
  const out: Field[] = [];
  const indexByName: Record<string, Record<number, number>> = {};
  const keyNames: string[] = [];
  data.forEach((frame, fi) => {
    frame.fields.forEach((field, i) => {
      if (!fieldNames.includes(field.name)) {
        out.push(copyStructure(field));
        fieldNames.push(field.name);
      }
      (indexByName[field.name] ??= {})[fi] = i;
      if (fi === data.length - 1 && Object.keys(indexByName[field.name]).length === data.length) keyNames.push(field.name);
    });
  });
  if (keyNames.length === 0) return frames;
  const keyOf = (fi: number, row: number) => keyNames.map((n) => String(data[fi].fields[indexByName[n][fi]].values[row])).join('');
  const valueOf = (fi: number, row: number) => {
    const v: Record<string, FieldValue> = {};
    for (const n of fieldNames) {
      const i = indexByName[n][fi];
      if (typeof i === 'number') v[n] = data[fi].fields[i].values[row];
    }
    return v;
  };
  const mergeable = (existing: Record<string, FieldValue>, value: Record<string, FieldValue>) => {
    for (const p in value) {
      if (existing[p] === undefined || existing[p] === null) continue;
      if (existing[p] !== value[p]) return false;
    }
    return true;
  };
  const byKey = new Map<string, Array<Record<string, FieldValue>>>();
  const order: Array<{ key: string; index: number }> = [];
  data.forEach((frame, fi) => {
    for (let row = 0; row < frame.length; row++) {
      const key = keyOf(fi, row);
      const value = valueOf(fi, row);
      const list = byKey.get(key);
      if (!list) {
        byKey.set(key, [value]);
        order.push({ key, index: 0 });
        continue;
      }
      let merged = false;
      byKey.set(
        key,
        list.map((existing) => {
          if (!mergeable(existing, value)) return existing;
          merged = true;
          return { ...existing, ...value };
        }),
      );
      if (!merged) {
        byKey.get(key)!.push(value);
        order.push({ key, index: byKey.get(key)!.length - 1 });
      }
    }
  });
  for (const p of order) {
    const row = byKey.get(p.key)![p.index];
    out.forEach((f) => f.values.push(row[f.name]));
  }
  return [{ fields: out, length: order.length }];
}

const namesMatcher = (names: unknown, pattern: unknown): ((name: string) => boolean) => {
  const list = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  let re: RegExp | undefined;
  if (typeof pattern === 'string' && pattern) re = stringToJsRegex(pattern);
  return (name) => list.includes(name) || (re ? re.test(name) : false);
};

/**
 * filterFieldsByName: include / exclude { names, pattern } by display name; a frame left with no
 * field is dropped (filterFieldsTransformer).
 */
export function filterFieldsByName(frames: Frame[], options: Record<string, unknown>): Frame[] {
  const inc = isRecord(options.include) && (options.include.names || options.include.pattern) ? namesMatcher(options.include.names, options.include.pattern) : undefined;
  const exc = isRecord(options.exclude) && (options.exclude.names || options.exclude.pattern) ? namesMatcher(options.exclude.names, options.exclude.pattern) : undefined;
  if (!inc && !exc) return frames;
  return frames.map((frame) => {
    const fields = frame.fields.filter((f) => {
      const name = fieldDisplayName(f, frame, frames);
      if (inc && !inc(name)) return false;
      if (exc && exc(name)) return false;
      return true;
    });
    return { ...frame, fields };
  }).filter((frame) => frame.fields.length > 0); // Grafana drops a frame left without fields
}

/** organize: exclude (excludeByName), order (indexByName), rename (renameByName), all by display name. */
export function organize(frames: Frame[], options: Record<string, unknown>): Frame[] {
  const exclude = isRecord(options.excludeByName) ? Object.keys(options.excludeByName).filter((k) => (options.excludeByName as Record<string, unknown>)[k] === true) : [];
  let out = exclude.length ? filterFieldsByName(frames, { exclude: { names: exclude } }) : frames;
  const indexByName = isRecord(options.indexByName) ? (options.indexByName as Record<string, unknown>) : {};
  if (Object.keys(indexByName).length && (options.fieldOrder === undefined || options.fieldOrder === 'manual')) {
    const idx = (n: string) => (Number.isInteger(indexByName[n]) ? (indexByName[n] as number) : Number.MAX_SAFE_INTEGER);
    out = out.map((frame) => ({ ...frame, fields: [...frame.fields].sort((a, b) => idx(fieldDisplayName(a, frame, out)) - idx(fieldDisplayName(b, frame, out))) }));
  }
  const rename = isRecord(options.renameByName) ? (options.renameByName as Record<string, unknown>) : {};
  if (Object.keys(rename).length) {
    out = out.map((frame) => ({
      ...frame,
      fields: frame.fields.map((f) => {
        const to = rename[fieldDisplayName(f, frame, out)];
        return typeof to === 'string' && to !== '' ? { ...f, config: { ...f.config, displayName: to } } : f;
      }),
    }));
  }
  return out;
}

/** labelsToFields (columns mode): each label of a field becomes a string field; valueLabel names the value field. */
export function labelsToFields(frames: Frame[], options: Record<string, unknown>): Frame[] {
  const keep = Array.isArray(options.keepLabels) && options.keepLabels.length ? new Set(options.keepLabels as string[]) : undefined;
  if (options.mode === 'rows') {
    const out: Frame[] = [];
    for (const frame of frames) {
      for (const field of frame.fields) {
        if (!field.labels) continue;
        const keys = keep ? [...keep] : Object.keys(field.labels);
        const vals = keys.map((k) => field.labels![k]);
        if (vals.length) {
          out.push({ ...frame, name: fieldDisplayName(field, frame, frames), length: vals.length, fields: [
            { name: 'label', type: 'string', values: keys, config: {} },
            { name: 'value', type: 'string', values: vals, config: {} },
          ] });
        }
      }
    }
    return out;
  }
  return frames.map((frame) => {
    const fields: Field[] = [];
    const unique = new Map<string, Set<string>>();
    for (const field of frame.fields) {
      if (!field.labels) {
        fields.push(field);
        continue;
      }
      const sans: Field = { ...field, labels: undefined, config: { ...field.config, displayName: undefined, displayNameFromDS: undefined } };
      fields.push(sans);
      for (const [k, v] of Object.entries(field.labels)) {
        if (keep && !keep.has(k)) continue;
        if (options.valueLabel === k) {
          sans.name = v;
          continue;
        }
        if (!unique.has(k)) unique.set(k, new Set());
        unique.get(k)!.add(v);
      }
    }
    for (const [k, vs] of unique) for (const v of vs) fields.push({ name: k, type: 'string', values: new Array(frame.length).fill(v), config: {} });
    return { ...frame, fields };
  }).filter((frame) => frame.fields.length > 0); // Grafana drops a frame left without fields
}

/** joinByField (seriesToColumns): one frame joined on a field (default the first time field). */
export function joinByField(frames: Frame[], options: Record<string, unknown>): Frame[] {
  if (frames.length <= 1) return frames;
  const byField = typeof options.byField === 'string' && options.byField ? options.byField : undefined;
  const mode = options.mode === 'inner' ? 'inner' : options.mode === 'outerTabular' ? 'outerTabular' : 'outer';
  const isJoin = (f: Field, frame: Frame) => (byField ? fieldDisplayName(f, frame, frames) === byField : f.type === 'time');
  const tables: Array<{ join: Field; fields: Field[] }> = [];
  for (const frame of frames) {
    if (!frame.fields.length) continue;
    let join: Field | undefined;
    const fields: Field[] = [];
    for (const f of frame.fields) {
      if (!join && isJoin(f, frame)) join = f;
      else fields.push({ ...f, labels: frame.name ? { ...(f.labels ?? {}), name: frame.name } : f.labels });
    }
    if (join) tables.push({ join, fields });
  }
  if (tables.length === 0) return frames;
  const outFields: Field[] = [{ ...tables[0].join, values: [] }];
  for (const t of tables) for (const f of t.fields) outFields.push({ ...f, values: [] });

  if (mode === 'outerTabular') {
    // SQL-like full outer join on the key: duplicated keys give one row per combination.
    let rows: Array<{ key: FieldValue; cells: FieldValue[] }> = [];
    let width = 0;
    tables.forEach((t, ti) => {
      const next: typeof rows = [];
      const used = new Set<number>();
      for (const r of rows) {
        let hit = false;
        t.join.values.forEach((k, i) => {
          if (k === r.key) {
            hit = true;
            used.add(i);
            next.push({ key: r.key, cells: [...r.cells, ...t.fields.map((f) => f.values[i])] });
          }
        });
        if (!hit) next.push({ key: r.key, cells: [...r.cells, ...t.fields.map(() => undefined)] });
      }
      t.join.values.forEach((k, i) => {
        if (!used.has(i)) next.push({ key: k, cells: [...new Array(width).fill(undefined), ...t.fields.map((f) => f.values[i])] });
      });
      rows = next;
      width += t.fields.length;
      void ti;
    });
    outFields[0].values = rows.map((r) => r.key);
    rows.forEach((r) => r.cells.forEach((c, i) => outFields[i + 1].values.push(c)));
    return [{ fields: outFields, length: rows.length }];
  }

  // joinDataFrames' join(): the union (outer) or intersection (inner) of the keys, sorted with
  // (a, b) => a - b, which orders numbers and leaves strings in the order first seen.
  let keys: FieldValue[];
  if (mode === 'inner') {
    keys = [...new Set(tables[0].join.values)].filter((k) => tables.every((t) => t.join.values.includes(k)));
  } else {
    const set = new Set<FieldValue>();
    for (const t of tables) for (const k of sortedKeys(t.join)) set.add(k);
    keys = [...set];
  }
  keys.sort((a, b) => {
    const d = (a as number) - (b as number);
    return Number.isNaN(d) ? 0 : d;
  });
  const at = new Map(keys.map((k, i) => [k, i]));
  outFields[0].values = keys;
  let col = 1;
  for (const t of tables) {
    for (const f of t.fields) {
      const vals: FieldValue[] = new Array(keys.length).fill(undefined);
      t.join.values.forEach((k, i) => {
        const j = at.get(k);
        if (j !== undefined && f.values[i] !== null && f.values[i] !== undefined) vals[j] = f.values[i];
      });
      outFields[col++].values = vals;
    }
  }
  return [{ fields: outFields, length: keys.length }];
}

/** ensureColumns: time series (every frame with a time field of the same name) joined on it, as one frame. */
export function ensureColumns(frames: Frame[]): Frame[] {
  const names = new Set(frames.map((f) => f.fields.find((x) => x.type === 'time')?.name));
  const [name] = names;
  return frames.length > 1 && names.size === 1 && name !== undefined ? joinByField(frames, { byField: name }) : frames;
}

/** maybeSortFrame: non-string join fields not already ascending are sorted first. */
function sortedKeys(join: Field): FieldValue[] {
  if (join.type === 'string') return join.values;
  return [...join.values].sort((a, b) => compareValues(a, b));
}

function compareValues(a: FieldValue, b: FieldValue): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** sortBy: the rows of each frame by its first sort field (display name), descending if asked. */
export function sortBy(frames: Frame[], options: Record<string, unknown>): Frame[] {
  const sort = Array.isArray(options.sort) ? options.sort.filter(isRecord) : [];
  const s = sort[0];
  if (!s || typeof s.field !== 'string') return frames;
  return frames.map((frame) => {
    const idx = frame.fields.findIndex((f) => fieldDisplayName(f, frame, frames) === s.field);
    if (idx < 0) return frame;
    const order = [...Array(frame.length).keys()];
    const key = frame.fields[idx].values;
    order.sort((a, b) => compareValues(key[a], key[b]));
    if (s.desc === true) order.reverse();
    return { ...frame, fields: frame.fields.map((f) => ({ ...f, values: order.map((i) => f.values[i]) })) };
  });
}

/** Grafana's getNextRefId: targets without a refId get the first unused letter, in order. */
export function targetRefIds(targets: unknown[]): string[] {
  const used = new Set(targets.map((t) => (isRecord(t) && typeof t.refId === 'string' && t.refId ? t.refId : '')).filter(Boolean));
  return targets.map((t) => {
    if (isRecord(t) && typeof t.refId === 'string' && t.refId) return t.refId;
    for (let i = 0; i < 26; i++) {
      const id = String.fromCharCode(65 + i);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
    return '';
  });
}
