// `groupBy`: a row per distinct combination of the "groupby" fields, in order of first appearance,
// and a column per calculation of each "aggregate" field, following
// packages/grafana-data/src/transformations/transformers/groupBy.ts.
//   - The grouped columns keep their name, type and config; calculated ones are named
//     "<display name> (<reducer id>)", typed as getFieldTypeForReducer says, with config {}.
//   - Frames without a grouped field are dropped; without any "groupby" field nothing changes.
import { fieldTypeForReducer, reduceField } from '../fieldReducers';
import { fieldDisplayName, type Field, type FieldValue, type Frame } from '../frames';
import { byNames } from './fieldMatchers';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function groupBy(frames: Frame[], options: Record<string, unknown>): Frame[] {
  const config = isRecord(options.fields) ? options.fields : {};
  const groupNames = Object.keys(config).filter((k) => isRecord(config[k]) && config[k].operation === 'groupby');
  if (groupNames.length === 0) return frames;
  const grouped = byNames(groupNames);
  /** The reducer ids of an "aggregate" field, by its display name (undefined: not aggregated). */
  const aggregations = (field: Field): string[] | undefined => {
    const c = config[fieldDisplayName(field)];
    if (!isRecord(c) || c.operation !== 'aggregate' || !Array.isArray(c.aggregations) || c.aggregations.length === 0) return undefined;
    return c.aggregations as string[];
  };
  const out: Frame[] = [];
  for (const frame of frames) {
    const keys = frame.fields.filter((f) => grouped(f, frame, frames));
    if (keys.length === 0) continue;
    const groups = groupRows(frame, keys);
    const fields: Field[] = keys.map((f) => ({ name: f.name, type: f.type, config: { ...f.config }, values: [...groups.values()].map((rows) => f.values[rows[0]]) }));
    for (const field of frame.fields) {
      const ids = aggregations(field);
      if (!ids) continue;
      const perGroup = [...groups.values()].map((rows) => reduceField({ type: field.type, values: rows.map((r) => field.values[r]) }, ids));
      const name = fieldDisplayName(field);
      for (const id of ids) {
        fields.push({ name: `${name} (${id})`, type: fieldTypeForReducer(id, field.type), config: {}, values: perGroup.map((calcs): FieldValue => calcs[id]) });
      }
    }
    out.push({ ...frame, fields, length: groups.size });
  }
  return out;
}

/** The rows of each group, keyed as Grafana does (String of the key values: "a,b"), in order of first appearance. */
function groupRows(frame: Frame, keys: Field[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (let row = 0; row < frame.length; row++) {
    const key = String(keys.map((f) => f.values[row]));
    const rows = groups.get(key);
    if (rows) rows.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
