// PromQL words that are not functions, for completion and hover: aggregations, keywords,
// operators (their docs live in promql/docs.ts), label matcher operators and duration units.
// Functions come from the catalogue in promql/functions.ts.
import { AGGREGATORS, BINARY_OPERATORS, KEYWORDS, type FeatureFlag } from '../promql/docs';

export interface AggregationInfo {
  name: string;
  /** The first argument some aggregations take before the vector, e.g. topk's k. */
  param?: { name: string; type: string };
  experimental: boolean;
  description: string;
}

export const AGGREGATIONS: readonly AggregationInfo[] = [...AGGREGATORS.values()].map((a) => ({
  name: a.name,
  param: a.param ?? undefined,
  experimental: a.experimental !== null,
  description: a.description,
}));

export const AGGREGATION_NAMES: ReadonlySet<string> = new Set(AGGREGATIONS.map((a) => a.name));

export function getAggregation(name: string): AggregationInfo | undefined {
  return AGGREGATIONS.find((a) => a.name === name);
}

export type WordKind = 'keyword' | 'operator' | 'matcher';

export interface WordInfo {
  word: string;
  kind: WordKind;
  description: string;
  /** A usage example, e.g. `sum by (label, ...) (v)`. */
  syntax?: string;
  /** The --enable-feature flag the word needs, if any. */
  experimental?: FeatureFlag;
}

export const SET_OPERATORS = ['and', 'or', 'unless'] as const;
export const ARITHMETIC_OPERATORS = ['+', '-', '*', '/', '%', '^'] as const;
export const COMPARISON_OPERATORS = ['==', '!=', '>', '<', '>=', '<='] as const;
export const MATCH_OPERATORS = ['=', '!=', '=~', '!~'] as const;

const MATCHERS: Record<string, string> = {
  '=': 'Label matcher: the label value equals the string exactly.',
  '!=': 'Label matcher: the label value is not equal to the string.',
  '=~': 'Label matcher: the label value matches the RE2 regular expression, anchored at both ends.',
  '!~': 'Label matcher: the label value does not match the RE2 regular expression, anchored at both ends.',
};

/** Docs of a keyword or operator; `matcher` asks for the meaning inside a selector's braces. */
export function getWord(word: string, matcher = false): WordInfo | undefined {
  if (matcher && MATCHERS[word]) return { word, kind: 'matcher', description: MATCHERS[word] };
  const kw = KEYWORDS.get(word) ?? KEYWORDS.get(`${word}()`);
  if (kw) return { word: kw.keyword, kind: 'keyword', description: kw.description, syntax: kw.syntax, experimental: kw.experimental ?? undefined };
  const op = BINARY_OPERATORS.get(word);
  if (op) return { word, kind: 'operator', description: op.description };
  if (MATCHERS[word]) return { word, kind: 'matcher', description: MATCHERS[word] };
  return undefined;
}

export interface DurationUnit {
  unit: string;
  singular: string;
  plural: string;
  ms: number;
}

/** Prometheus' model.ParseDuration units, largest first. A year is always 365 days. */
export const DURATION_UNITS: readonly DurationUnit[] = [
  { unit: 'y', singular: 'year', plural: 'years', ms: 365 * 24 * 3600 * 1000 },
  { unit: 'w', singular: 'week', plural: 'weeks', ms: 7 * 24 * 3600 * 1000 },
  { unit: 'd', singular: 'day', plural: 'days', ms: 24 * 3600 * 1000 },
  { unit: 'h', singular: 'hour', plural: 'hours', ms: 3600 * 1000 },
  { unit: 'm', singular: 'minute', plural: 'minutes', ms: 60 * 1000 },
  { unit: 's', singular: 'second', plural: 'seconds', ms: 1000 },
  { unit: 'ms', singular: 'millisecond', plural: 'milliseconds', ms: 1 },
];

/** `1h30m` → `1 hour 30 minutes`; undefined when the text is not a duration literal. */
export function durationInWords(text: string): string | undefined {
  const parts = [...text.matchAll(/([0-9]+)(ms|[smhdwy])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts
    .map(([, n, u]) => {
      const unit = DURATION_UNITS.find((d) => d.unit === u)!;
      return `${Number(n)} ${Number(n) === 1 ? unit.singular : unit.plural}`;
    })
    .join(' ');
}

/** Total milliseconds of a duration literal, e.g. `1h30m` → 5400000. */
export function durationMs(text: string): number | undefined {
  if (durationInWords(text) === undefined) return undefined;
  let total = 0;
  for (const [, n, u] of text.matchAll(/([0-9]+)(ms|[smhdwy])/g)) {
    total += Number(n) * DURATION_UNITS.find((d) => d.unit === u)!.ms;
  }
  return total;
}
