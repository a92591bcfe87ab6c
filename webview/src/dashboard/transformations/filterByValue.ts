// `filterByValue`: the rows whose values match the filters, kept (include) or dropped (exclude),
// following packages/grafana-data/src/transformations/transformers/filterByValue.ts and
// matchers/valueMatchers/ (numeric, equal, null, range, regex, substring).
//   - A filter names a field by display name; one naming no field of a frame never matches.
//   - match "any" (default): a row matching one filter; "all": matching every filter.
//   - Each frame is filtered on its own; with "exclude", Grafana gives every frame the length of
//     the first one less its own matches (kept here, as a frame's length is what Grafana says).
import { fieldDisplayName, type Field, type FieldValue, type Frame } from '../frames';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

type ValueMatcher = (value: FieldValue) => boolean;

/** getValueMatcher: undefined for an id the preview does not know. */
function valueMatcher(config: Record<string, unknown>): ValueMatcher | undefined {
  const o = isRecord(config.options) ? config.options : {};
  // The values compare as JavaScript compares them (a "5" in the options is 5 to `>` and `==`),
  // as in Grafana's matchers; the casts only quiet the type checker.
  const value = o.value as number;
  // Global isNaN, as Grafana's numeric matchers: strings that are not numbers never match.
  const numeric = (test: (v: number) => boolean): ValueMatcher => (v) => !isNaN(v as number) && test(v as number);
  switch (config.id) {
    case 'greater':
      return numeric((v) => v > value);
    case 'greaterOrEqual':
      return numeric((v) => v >= value);
    case 'lower':
      return numeric((v) => v < value);
    case 'lowerOrEqual':
      return numeric((v) => v <= value);
    case 'between':
      return numeric((v) => v > (o.from as number) && v < (o.to as number));
    case 'equal':
      return (v) => v == (o.value as FieldValue);
    case 'notEqual':
      return (v) => v != (o.value as FieldValue);
    case 'isNull':
      return (v) => v === null || v === undefined;
    case 'isNotNull':
      return (v) => v !== null && v !== undefined;
    case 'regex': {
      let re: RegExp;
      try {
        re = new RegExp(o.value === undefined ? '' : String(o.value));
      } catch {
        return undefined;
      }
      return (v) => re.test(String(v));
    }
    case 'substring':
      return (v) => (typeof v === 'string' && v.includes(String(o.value))) || o.value === '';
    case 'notSubstring':
      return (v) => typeof v === 'string' && o.value !== '' && !v.includes(String(o.value));
    default:
      return undefined;
  }
}

/** undefined when a filter uses a matcher the preview does not know. */
export function filterByValue(frames: Frame[], options: Record<string, unknown>): Frame[] | undefined {
  const filters = Array.isArray(options.filters) ? options.filters.filter(isRecord) : [];
  if (filters.length === 0 || frames.length === 0) return frames;
  const matchAll = options.match === 'all';
  const include = (options.type ?? 'include') === 'include';
  const matchers: Array<{ fieldName: unknown; match: ValueMatcher }> = [];
  for (const f of filters) {
    const match = isRecord(f.config) ? valueMatcher(f.config) : undefined;
    if (!match) return undefined;
    matchers.push({ fieldName: f.fieldName, match });
  }
  return frames.map((frame) => {
    // The last field of a display name wins, as Grafana's index by name.
    const byName = new Map<string, Field>(frame.fields.map((f) => [fieldDisplayName(f, frame, frames), f]));
    const tests = matchers.map(({ fieldName, match }) => {
      const field = typeof fieldName === 'string' ? byName.get(fieldName) : undefined;
      return (row: number) => (field ? match(field.values[row]) : false);
    });
    const keep: number[] = [];
    let matched = 0;
    for (let row = 0; row < frame.length; row++) {
      const hit = matchAll ? tests.every((t) => t(row)) : tests.some((t) => t(row));
      if (hit) matched++;
      if (hit === include) keep.push(row);
    }
    // Grafana counts an excluding filter's length from the first frame, whatever this one holds.
    const length = include ? matched : frames[0].length - matched;
    return { ...frame, length, fields: frame.fields.map((f) => ({ ...f, values: keep.map((row) => f.values[row]) })) };
  });
}
