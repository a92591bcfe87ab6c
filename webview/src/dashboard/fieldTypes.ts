// How Grafana guesses the type of a field it builds from computed values (reduce's columns,
// convertFieldType's auto), following packages/grafana-data/src/dataframe/processDataFrame.ts.
import type { Field, FieldType, FieldValue } from './frames';

// PapaParse's dynamic typing, as Grafana's NUMBER: "12", "-1.5e3", " 7 ", "NaN" read as numbers.
const NUMBER = /^\s*(-?(\d*\.?\d+|\d+\.?\d*)(e[-+]?\d+)?|NAN)\s*$/i;

/** guessFieldTypeFromValue: numbers (and numeric strings), "true"/"false" booleans, strings, else "other". */
export function guessFieldTypeFromValue(v: FieldValue): FieldType {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') {
    if (NUMBER.test(v)) return 'number';
    if (['true', 'TRUE', 'True', 'false', 'FALSE', 'False'].includes(v)) return 'boolean';
    return 'string';
  }
  if (typeof v === 'boolean') return 'boolean';
  return 'other';
}

/** guessFieldTypeForField: "time"/"date" by name, else the type of the first value that is not empty. */
export function guessFieldTypeForField(field: Pick<Field, 'name' | 'values'>): FieldType | undefined {
  const name = field.name.toLowerCase();
  if (name === 'date' || name === 'time') return 'time';
  const v = field.values.find((x) => x !== null && x !== undefined);
  return v === undefined ? undefined : guessFieldTypeFromValue(v);
}
