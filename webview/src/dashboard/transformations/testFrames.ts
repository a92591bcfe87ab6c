// Frames for the transformation tests, written compactly.
import { fieldDisplayName, type Field, type FieldType, type FieldValue, type Frame } from '../frames';

/** A frame of [name, type, values] fields. */
export function frame(fields: Array<[string, FieldType, FieldValue[]]>, extra: Partial<Frame> = {}): Frame {
  return { ...extra, length: fields[0]?.[2].length ?? 0, fields: fields.map(([name, type, values]): Field => ({ name, type, values, config: {} })) };
}

/** A frame as its fields: [display name, type, ...values]. */
export const columns = (f: Frame): unknown[][] => f.fields.map((x) => [fieldDisplayName(x, f), x.type, ...x.values]);
