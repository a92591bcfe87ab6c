// `convertFieldType`: fields, by display name, converted to another type, following
// packages/grafana-data/src/transformations/transformers/convertFieldType.ts.
//   - number: strings lose their commas, then `+v`; what is not finite becomes null.
//   - string: `${v}`; boolean: truthiness; time: numbers are taken as epoch ms, ISO 8601 strings
//     parsed, empty values null.
//   - Not applied (the transformation is reported): times to strings and strings in other date
//     formats (Grafana formats and parses them with moment), "enum" and "other" (JSON values).
import { fieldDisplayName, type Field, type FieldValue, type Frame } from '../frames';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// Grafana's iso8601Regex: 2021-11-11T19:45:00.000Z, with optional fraction and an offset.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3,})?(?:Z|[-+]\d{2}:?\d{2})$/;

export function convertFieldType(frames: Frame[], options: Record<string, unknown>): Frame[] | undefined {
  const conversions = Array.isArray(options.conversions) ? options.conversions.filter(isRecord) : [];
  let out = frames.map((f) => ({ ...f }));
  for (const c of conversions) {
    if (typeof c.targetField !== 'string' || !c.targetField) continue;
    const next: Frame[] = [];
    for (const frame of out) {
      const fields: Field[] = [];
      for (const field of frame.fields) {
        const converted = fieldDisplayName(field, frame, out) === c.targetField ? convert(field, c) : field;
        if (!converted) return undefined;
        fields.push(converted);
      }
      next.push({ ...frame, fields });
    }
    out = next;
  }
  return out;
}

/** The field converted; undefined for a conversion the preview does not make. */
function convert(field: Field, c: Record<string, unknown>): Field | undefined {
  switch (c.destinationType) {
    case 'number': {
      const strings = field.values.some((v) => typeof v === 'string');
      const values = field.values.map((v) => {
        const n = +(strings && typeof v === 'string' ? v.replace(/,/g, '') : (v as number));
        return Number.isFinite(n) ? n : null;
      });
      return { ...field, type: 'number', values };
    }
    case 'string':
      return field.type === 'time' || field.type === 'other' ? undefined : { ...field, type: 'string', values: field.values.map((v) => `${v}`) };
    case 'boolean':
      return { ...field, type: 'boolean', values: field.values.map((v) => Boolean(v)) };
    case 'time':
      return toTime(field, c.dateFormat);
    case 'enum':
    case 'other':
      return undefined;
    default:
      return field;
  }
}

/** ensureTimeField: numbers become times as they are; ISO 8601 strings are parsed. */
function toTime(field: Field, dateFormat: unknown): Field | undefined {
  if (typeof field.values[0] === 'number') return field.type === 'time' ? field : { ...field, type: 'time' };
  const first = field.values.find((v) => v !== null && v !== undefined);
  const iso = typeof first === 'string' && ISO_8601.test(first);
  if (!iso && (dateFormat || field.values.some((v) => v))) return undefined;
  const values = field.values.map((v): FieldValue => {
    if (!v) return null;
    const t = Date.parse(String(v));
    return Number.isFinite(t) ? t : null;
  });
  return { ...field, type: 'time', values };
}
