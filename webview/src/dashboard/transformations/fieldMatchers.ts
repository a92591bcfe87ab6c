// The field matchers transformations take in their options (`fields`, calculateField's include),
// following packages/grafana-data/src/transformations/matchers/ (fieldNameMatchers.ts,
// fieldTypeMatcher.ts, predicates.ts). Names are display names, as Grafana matches them.
import { fieldDisplayName, type Field, type Frame } from '../frames';
import { stringToJsRegex } from '../regexp';

export type FieldMatcher = (field: Field, frame: Frame, all: Frame[]) => boolean;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const notTimeField: FieldMatcher = (f) => f.type !== 'time';
export const anyField: FieldMatcher = () => true;
export const numericField: FieldMatcher = (f) => f.type === 'number';

/** byNames: the display name is one of `names`; mode "exclude" inverts. */
export function byNames(names: string[], exclude = false): FieldMatcher {
  const set = new Set(names);
  return (f, frame, all) => set.has(fieldDisplayName(f, frame, all)) !== exclude;
}

/**
 * A MatcherConfig ({ id, options }) of the ids dashboards use; undefined for one the preview does
 * not know, which its transformation then reports as not applied.
 */
export function fieldMatcher(config: unknown): FieldMatcher | undefined {
  if (!isRecord(config)) return undefined;
  const o = config.options;
  switch (config.id) {
    case 'byName':
      return typeof o === 'string' ? byNames([o]) : undefined;
    case 'byNames': {
      if (!isRecord(o)) return undefined;
      const names = Array.isArray(o.names) ? o.names.filter((n): n is string => typeof n === 'string') : [];
      return byNames(names, o.mode === 'exclude');
    }
    case 'byRegexp': {
      // Grafana's patternToRegex: an invalid pattern matches nothing.
      const re = typeof o === 'string' && o ? stringToJsRegex(o) : undefined;
      return (f, frame, all) => re !== undefined && re.test(fieldDisplayName(f, frame, all));
    }
    case 'byType':
      return typeof o === 'string' ? (f) => f.type === o : undefined;
    case 'numeric':
      return numericField;
    case 'time':
      return (f) => f.type === 'time';
    default:
      return undefined;
  }
}
