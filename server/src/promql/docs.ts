// Hover and completion text for PromQL's operators and keywords, as data: aggregation operators
// (with their parameter), binary operators and the modifiers and keywords around them.
// Functions live in functions.ts. Descriptions are ours; facts follow Prometheus 3.14.
import type { AggregateOp, BinaryOp, ValueType } from './ast';

/** The --enable-feature flag an experimental construct needs. */
export type FeatureFlag =
  | 'promql-experimental-functions'
  | 'promql-duration-expr'
  | 'promql-extended-range-selectors'
  | 'promql-binop-fill-modifiers';

export interface AggregatorDoc {
  name: AggregateOp;
  /** The leading parameter, for the aggregators that take one: topk(k, v). */
  param: { name: string; type: ValueType } | null;
  /** How it is written, e.g. `topk(k, v)`. */
  signature: string;
  description: string;
  experimental: FeatureFlag | null;
}

export type BinaryOperatorCategory = 'arithmetic' | 'comparison' | 'set' | 'trim';

export interface BinaryOperatorDoc {
  op: BinaryOp;
  category: BinaryOperatorCategory;
  /** 1 binds loosest (or), 6 tightest (^), as in generated_parser.y. */
  precedence: number;
  rightAssociative: boolean;
  description: string;
}

export type KeywordKind = 'aggregation modifier' | 'vector matching' | 'selector modifier' | 'at preprocessor' | 'duration';

export interface KeywordDoc {
  /** As typed; `@`, or a call form such as `start()`. */
  keyword: string;
  kind: KeywordKind;
  /** Usage pattern shown in hover. */
  syntax: string;
  description: string;
  experimental: FeatureFlag | null;
}

const AGGREGATOR_ROWS: AggregatorDoc[] = [
  { name: 'sum', param: null, signature: 'sum(v)', description: 'Adds up the values of the series in each group.', experimental: null },
  { name: 'avg', param: null, signature: 'avg(v)', description: 'Arithmetic mean of the values in each group.', experimental: null },
  { name: 'count', param: null, signature: 'count(v)', description: 'Number of series in each group.', experimental: null },
  { name: 'min', param: null, signature: 'min(v)', description: 'Smallest value in each group.', experimental: null },
  { name: 'max', param: null, signature: 'max(v)', description: 'Largest value in each group.', experimental: null },
  { name: 'group', param: null, signature: 'group(v)', description: 'One series with value 1 per group: which groups exist, not what they hold.', experimental: null },
  { name: 'stddev', param: null, signature: 'stddev(v)', description: 'Population standard deviation of the values in each group.', experimental: null },
  { name: 'stdvar', param: null, signature: 'stdvar(v)', description: 'Population variance of the values in each group.', experimental: null },
  {
    name: 'topk', param: { name: 'k', type: 'scalar' }, signature: 'topk(k, v)',
    description: 'The k series with the largest values in each group, keeping their labels.', experimental: null,
  },
  {
    name: 'bottomk', param: { name: 'k', type: 'scalar' }, signature: 'bottomk(k, v)',
    description: 'The k series with the smallest values in each group, keeping their labels.', experimental: null,
  },
  {
    name: 'count_values', param: { name: 'label', type: 'string' }, signature: 'count_values(label, v)',
    description: 'Counts the series per distinct value; each result carries the value in the label named by the string parameter.',
    experimental: null,
  },
  {
    name: 'quantile', param: { name: 'φ', type: 'scalar' }, signature: 'quantile(φ, v)',
    description: 'φ-quantile (0 ≤ φ ≤ 1) of the values in each group.', experimental: null,
  },
  {
    name: 'limitk', param: { name: 'k', type: 'scalar' }, signature: 'limitk(k, v)',
    description: 'Up to k series from each group, picked deterministically but not by value; for sampling.',
    experimental: 'promql-experimental-functions',
  },
  {
    name: 'limit_ratio', param: { name: 'ratio', type: 'scalar' }, signature: 'limit_ratio(ratio, v)',
    description: 'A deterministic sample of about ratio (between -1 and 1) of the series in each group; a negative ratio picks the complement.',
    experimental: 'promql-experimental-functions',
  },
];

const op = (o: BinaryOp, category: BinaryOperatorCategory, precedence: number, description: string): BinaryOperatorDoc => ({
  op: o, category, precedence, rightAssociative: o === '^', description,
});

const BINARY_OPERATOR_ROWS: BinaryOperatorDoc[] = [
  op('^', 'arithmetic', 6, 'Power. Binds tightest and groups from the right: 2 ^ 3 ^ 2 is 2 ^ 9.'),
  op('*', 'arithmetic', 5, 'Multiplication, between scalars, a vector and a scalar, or matched vector elements.'),
  op('/', 'arithmetic', 5, 'Division; dividing by zero gives +Inf, -Inf or NaN as in IEEE 754.'),
  op('%', 'arithmetic', 5, 'Modulo (remainder of the division).'),
  op('atan2', 'arithmetic', 5, 'Arc tangent of the left side over the right side, in radians, taking both signs into account.'),
  op('+', 'arithmetic', 4, 'Addition. Between vectors, elements with the same labels (or the on/ignoring labels) are paired.'),
  op('-', 'arithmetic', 4, 'Subtraction.'),
  op('==', 'comparison', 3, 'Equal: keeps the elements for which it holds; with bool, returns 1 or 0 instead.'),
  op('!=', 'comparison', 3, 'Not equal: keeps the elements for which it holds; with bool, returns 1 or 0 instead.'),
  op('>', 'comparison', 3, 'Greater than: keeps the elements for which it holds; with bool, returns 1 or 0 instead.'),
  op('<', 'comparison', 3, 'Less than: keeps the elements for which it holds; with bool, returns 1 or 0 instead.'),
  op('>=', 'comparison', 3, 'Greater than or equal: keeps the elements for which it holds; with bool, returns 1 or 0 instead.'),
  op('<=', 'comparison', 3, 'Less than or equal: keeps the elements for which it holds; with bool, returns 1 or 0 instead.'),
  op('</', 'trim', 3, 'Trim upper: cuts each native histogram on the left down to its observations below the value on the right.'),
  op('>/', 'trim', 3, 'Trim lower: cuts each native histogram on the left down to its observations above the value on the right.'),
  op('and', 'set', 2, 'Intersection: the left elements that have a matching element on the right.'),
  op('unless', 'set', 2, 'Complement: the left elements that have no matching element on the right.'),
  op('or', 'set', 1, 'Union: all left elements, plus the right elements that match none on the left. Binds loosest.'),
];

const KEYWORD_ROWS: KeywordDoc[] = [
  {
    keyword: 'by', kind: 'aggregation modifier', syntax: 'sum by (label, ...) (v)',
    description: 'Groups an aggregation by the listed labels; the result keeps only those labels.', experimental: null,
  },
  {
    keyword: 'without', kind: 'aggregation modifier', syntax: 'sum without (label, ...) (v)',
    description: 'Groups an aggregation by all labels except the listed ones, which are dropped from the result.', experimental: null,
  },
  {
    keyword: 'on', kind: 'vector matching', syntax: 'a + on(label, ...) b',
    description: 'Pairs the elements of both sides by the listed labels only.', experimental: null,
  },
  {
    keyword: 'ignoring', kind: 'vector matching', syntax: 'a + ignoring(label, ...) b',
    description: 'Pairs the elements of both sides by all labels except the listed ones.', experimental: null,
  },
  {
    keyword: 'group_left', kind: 'vector matching', syntax: 'a * on(label) group_left(extra, ...) b',
    description: 'Many-to-one matching: several left elements may pair with one right element; the listed labels are copied from the right.',
    experimental: null,
  },
  {
    keyword: 'group_right', kind: 'vector matching', syntax: 'a * on(label) group_right(extra, ...) b',
    description: 'One-to-many matching: one left element may pair with several right elements; the listed labels are copied from the left.',
    experimental: null,
  },
  {
    keyword: 'bool', kind: 'vector matching', syntax: 'a > bool b',
    description: 'Makes a comparison return 1 (true) or 0 (false) for every pair instead of filtering; required between two scalars.',
    experimental: null,
  },
  {
    keyword: 'fill', kind: 'vector matching', syntax: 'a + fill(0) b',
    description: 'Fills in the given value for an element missing on either side of a binary operation, instead of dropping the pair.',
    experimental: 'promql-binop-fill-modifiers',
  },
  {
    keyword: 'fill_left', kind: 'vector matching', syntax: 'a + fill_left(0) b',
    description: 'Like fill, for elements missing on the left side only.', experimental: 'promql-binop-fill-modifiers',
  },
  {
    keyword: 'fill_right', kind: 'vector matching', syntax: 'a + fill_right(0) b',
    description: 'Like fill, for elements missing on the right side only.', experimental: 'promql-binop-fill-modifiers',
  },
  {
    keyword: 'offset', kind: 'selector modifier', syntax: 'v offset 5m',
    description: 'Shifts the time a selector or subquery looks at back by the duration (forward if negative).', experimental: null,
  },
  {
    keyword: '@', kind: 'selector modifier', syntax: 'v @ 1700000000',
    description: 'Evaluates a selector or subquery at a fixed Unix time, or at start() / end() of the query.', experimental: null,
  },
  {
    keyword: 'start()', kind: 'at preprocessor', syntax: 'v @ start()',
    description: 'After @: the start time of the query range (the evaluation time for instant queries).', experimental: null,
  },
  {
    keyword: 'end()', kind: 'at preprocessor', syntax: 'v @ end()',
    description: 'After @: the end time of the query range (the evaluation time for instant queries).', experimental: null,
  },
  {
    keyword: 'anchored', kind: 'selector modifier', syntax: 'v[5m] anchored',
    description: 'Range selection that also takes the last sample before the window, so rate-like functions need no extrapolation.',
    experimental: 'promql-extended-range-selectors',
  },
  {
    keyword: 'smoothed', kind: 'selector modifier', syntax: 'v[5m] smoothed',
    description: 'Selection that interpolates values at the window boundaries from the samples around them.',
    experimental: 'promql-extended-range-selectors',
  },
  {
    keyword: 'step()', kind: 'duration', syntax: 'v[step() * 4]',
    description: 'In a duration: the resolution step of the range query.', experimental: 'promql-duration-expr',
  },
  {
    keyword: 'range()', kind: 'duration', syntax: 'v[range()]',
    description: 'In a duration: the length of the query range (end minus start).', experimental: 'promql-duration-expr',
  },
  {
    keyword: 'min_of', kind: 'duration', syntax: 'v[min_of(step(), 5m)]',
    description: 'In a duration: the shorter of two durations.', experimental: 'promql-duration-expr',
  },
  {
    keyword: 'max_of', kind: 'duration', syntax: 'v[max_of(step(), 5m)]',
    description: 'In a duration: the longer of two durations.', experimental: 'promql-duration-expr',
  },
];

export const AGGREGATORS: ReadonlyMap<string, AggregatorDoc> = new Map(AGGREGATOR_ROWS.map((a) => [a.name, a]));
export const BINARY_OPERATORS: ReadonlyMap<string, BinaryOperatorDoc> = new Map(BINARY_OPERATOR_ROWS.map((o) => [o.op, o]));
export const KEYWORDS: ReadonlyMap<string, KeywordDoc> = new Map(KEYWORD_ROWS.map((k) => [k.keyword, k]));
