// `reduce`: each field to the values of the chosen calculations, following
// packages/grafana-data/src/transformations/transformers/reduce.ts.
//   - mode "seriesToRows" (the default): ONE frame, a row per field of every frame: "Field" (its
//     display name, or its name with labelsToFields), the label columns (labelsToFields), then a
//     column per reducer named as the reducer ("Max", "Last *"), typed from its values, config {}.
//     The frames' tables are stacked as Grafana's mergeResults does: a column of a later frame is
//     appended only to the first frame's column of the same name and type.
//   - mode "reduceFields": each frame keeps its fields (config, labels), one row of the reduced
//     value each; several reducers give a copy of the field per reducer, labelled "reducer".
import { listReducers, reduceField } from '../fieldReducers';
import { guessFieldTypeForField, guessFieldTypeFromValue } from '../fieldTypes';
import { fieldDisplayName, type Field, type FieldValue, type Frame } from '../frames';
import { anyField, fieldMatcher, notTimeField, type FieldMatcher } from './fieldMatchers';

/** The frames reduced; undefined when `fields` names a matcher the preview does not know. */
export function reduce(frames: Frame[], options: Record<string, unknown>): Frame[] | undefined {
  // Grafana's default options ({ reducers: ["max"] }) under the panel's.
  const reducers = 'reducers' in options ? options.reducers : ['max'];
  if (!Array.isArray(reducers) || reducers.length === 0) return frames;
  const reduceFields = options.mode === 'reduceFields';
  let matcher: FieldMatcher | undefined = reduceFields && options.includeTimeField === true ? anyField : notTimeField;
  if (options.fields) matcher = fieldMatcher(options.fields);
  if (!matcher) return undefined;
  if (reduceFields) return reduceEachField(frames, matcher, reducers);
  const rows = seriesToRows(frames, matcher, reducers, options.labelsToFields === true);
  return rows ? [rows] : [];
}

function seriesToRows(frames: Frame[], matcher: FieldMatcher, reducerIds: unknown[], labelsToFields: boolean): Frame | undefined {
  const calculators = listReducers(reducerIds);
  const labelKeys = labelsToFields ? distinctLabelKeys(frames) : [];
  const tables = frames.map((frame): Frame => {
    const source = frame.fields.filter((f) => matcher(f, frame, frames));
    const names: Field = { name: 'Field', type: 'string', values: [], config: {} };
    const labels: Field[] = labelKeys.map((k) => ({ name: k, type: 'string', values: [], config: {} }));
    const calcs: Field[] = calculators.map((c) => ({ name: c.name, type: 'other', values: [], config: {} }));
    for (const field of source) {
      const results = reduceField(field, reducerIds);
      names.values.push(labelsToFields ? field.name : fieldDisplayName(field, frame, frames));
      labelKeys.forEach((k, i) => labels[i].values.push(field.labels?.[k]));
      calculators.forEach((c, i) => calcs[i].values.push(results[c.id]));
    }
    // A reduced column's type is unknown until its values are: guessed from the first one.
    for (const f of calcs) f.type = guessFieldTypeForField(f) ?? f.type;
    return { ...frame, fields: [names, ...labels, ...calcs], length: source.length };
  });
  return mergeResults(tables);
}

function distinctLabelKeys(frames: Frame[]): string[] {
  const keys = new Set<string>();
  for (const frame of frames) for (const f of frame.fields) for (const k of Object.keys(f.labels ?? {})) keys.add(k);
  return [...keys];
}

/** mergeResults: the first frame's columns, each extended by the same-named, same-typed column of the others. */
function mergeResults(tables: Frame[]): Frame | undefined {
  if (tables.length === 0) return undefined;
  const base = tables[0].fields.map((f) => ({ ...f, values: [...f.values] }));
  for (const t of tables.slice(1)) {
    base.forEach((b, bi) => {
      t.fields.forEach((f, fi) => {
        // The first columns ("Field") always stack, whatever their types.
        if ((bi === 0 && fi === 0) || (b.type === f.type && b.name === f.name)) b.values.push(...f.values);
      });
    });
  }
  return { ...tables[0], name: undefined, fields: base, length: base[0].values.length };
}

function reduceEachField(frames: Frame[], matcher: FieldMatcher, reducerIds: unknown[]): Frame[] {
  const reducers = listReducers(reducerIds);
  const ids = reducers.map((r) => r.id);
  const label = (i: number) => reducers[i].name;
  const out: Frame[] = [];
  for (const frame of frames) {
    const fields: Field[] = [];
    for (const field of frame.fields) {
      if (!matcher(field, frame, frames)) continue;
      const results = reduceField(field, reducerIds);
      // Grafana writes "reducer" into the labels object its copies share, so every copy of a
      // labelled field ends up with the last reducer's name; a field without labels gets its own.
      const shared = field.labels && ids.length > 1 ? { ...field.labels, reducer: label(ids.length - 1) } : undefined;
      ids.forEach((id, i) => {
        const value: FieldValue = results[id];
        const copy: Field = { ...field, type: guessFieldTypeFromValue(value), values: [value] };
        if (ids.length > 1) copy.labels = shared ?? { reducer: label(i) };
        fields.push(copy);
      });
    }
    if (fields.length) out.push({ ...frame, fields, length: 1 });
  }
  return out;
}
