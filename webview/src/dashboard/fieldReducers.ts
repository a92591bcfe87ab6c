// Grafana's field reducers (the "calculations" of reduce, groupBy, calculateField), following
// packages/grafana-data/src/transformations/fieldReducer.ts: the same ids, aliases, display names,
// empty-input results and null handling, so a reduced frame holds exactly Grafana's values.
//   - Empty input: every reducer gives its emptyInputResult, which is `undefined` unless set
//     (sum and count 0, allIsNull true, allIsZero false).
//   - One reducer with its own function runs alone; otherwise the one-pass standard calcs run and
//     the others add theirs.
//   - Nulls: fields carry no nullValueMode here, so transformations reduce with Grafana's default,
//     "ignore" (null and undefined skipped); calculateField's row reducer passes its own mode.
import type { FieldType, FieldValue } from './frames';

export type Calcs = Record<string, FieldValue>;

/** The values to reduce and whether they are numbers (number or time fields, as Grafana asks). */
export interface ReducerInput {
  values: FieldValue[];
  type: FieldType;
}

type ReduceFn = (input: ReducerInput, ignoreNulls: boolean, nullAsZero: boolean) => Calcs;

export interface ReducerInfo {
  id: string;
  name: string;
  aliasIds?: string[];
  emptyInputResult?: FieldValue;
  reduce?: ReduceFn;
}

const isNumberType = (t: FieldType) => t === 'number' || t === 'time';
const isNum = (v: unknown): v is number => typeof v === 'number';

/** doStandardCalcs: every standard reducer in one pass. */
export function standardCalcs(input: ReducerInput, ignoreNulls: boolean, nullAsZero: boolean): Calcs {
  let sum = 0;
  let max = -Number.MAX_VALUE;
  let min = Number.MAX_VALUE;
  let logmin = Number.MAX_VALUE;
  let step = Number.MAX_VALUE;
  let delta = 0;
  let count = 0;
  let nonNullCount = 0;
  let allIsNull = true;
  let allIsZero = true;
  let first: FieldValue = null;
  let last: FieldValue = null;
  let firstNotNull: FieldValue = null;
  let lastNotNull: FieldValue = null;
  let previousDeltaUp = true;
  const numeric = isNumberType(input.type);
  const data = input.values;
  for (let i = 0; i < data.length; i++) {
    let v = data[i];
    if (i === 0) first = v;
    last = v;
    if (v === null || v === undefined) {
      if (ignoreNulls) continue;
      if (nullAsZero) v = 0;
    }
    count++;
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    const isFirst = firstNotNull === null;
    if (isFirst) firstNotNull = v;
    if (numeric) {
      const n = v as number;
      sum += n || 0;
      allIsNull = false;
      nonNullCount++;
      if (!isFirst) {
        const prev = lastNotNull as number;
        if (n - prev < step) step = n - prev;
        if (prev > n) {
          // A counter reset: the value after it counts from zero.
          previousDeltaUp = false;
          if (i === data.length - 1) delta += n;
        } else {
          delta += previousDeltaUp ? n - prev : n;
          previousDeltaUp = true;
        }
      }
      if (n > max) max = n;
      if (n < min) min = n;
      if (n < logmin && n > 0) logmin = n;
    }
    if (v !== 0) allIsZero = false;
    lastNotNull = v;
  }
  const maxOut = max === -Number.MAX_VALUE ? null : max;
  const minOut = min === Number.MAX_VALUE ? null : min;
  const diff = isNum(firstNotNull) && isNum(lastNotNull) ? lastNotNull - firstNotNull : null;
  return {
    sum,
    max: maxOut,
    min: minOut,
    logmin,
    mean: nonNullCount > 0 ? sum / nonNullCount : null,
    last,
    first,
    lastNotNull,
    firstNotNull,
    count,
    nonNullCount,
    allIsNull,
    allIsZero: allIsNull ? false : allIsZero,
    range: maxOut !== null && minOut !== null ? maxOut - minOut : null,
    diff,
    delta,
    step: step === Number.MAX_VALUE ? null : step,
    diffperc: isNum(firstNotNull) && isNum(diff) ? (diff / firstNotNull) * 100 : 0,
  };
}

const notNull = (v: FieldValue) => v !== null && v !== undefined && !Number.isNaN(v);

function firstNotNullOf(input: ReducerInput): Calcs {
  return { firstNotNull: input.values.find(notNull) ?? null };
}

function lastNotNullOf(input: ReducerInput): Calcs {
  for (let i = input.values.length - 1; i >= 0; i--) if (notNull(input.values[i])) return { lastNotNull: input.values[i] };
  return { lastNotNull: null };
}

/** Welford's running variance over the non-null values (population variance, as Grafana's). */
function stdDevOf(input: ReducerInput): Calcs {
  if (!isNumberType(input.type)) return { variance: 0, stdDev: 0 };
  let squareSum = 0;
  let mean = 0;
  let n = 0;
  for (const v of input.values) {
    if (v === null || v === undefined) continue;
    n++;
    const old = mean;
    mean += ((v as number) - old) / n;
    squareSum += ((v as number) - old) * ((v as number) - mean);
  }
  if (n === 0) return { variance: 0, stdDev: 0 };
  return { variance: squareSum / n, stdDev: Math.sqrt(squareSum / n) };
}

/** The values a null-aware reducer walks: nulls skipped, zeroed, or kept. */
function withNulls(values: FieldValue[], ignoreNulls: boolean, nullAsZero: boolean): FieldValue[] {
  const out: FieldValue[] = [];
  for (const v of values) {
    if (v === null) {
      if (ignoreNulls) continue;
      out.push(nullAsZero ? 0 : v);
    } else out.push(v);
  }
  return out;
}

function changeCountOf(input: ReducerInput, ignoreNulls: boolean, nullAsZero: boolean): Calcs {
  const values = withNulls(input.values, ignoreNulls, nullAsZero);
  let count = 0;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) count++;
  return { changeCount: count };
}

function distinctCountOf(input: ReducerInput, ignoreNulls: boolean, nullAsZero: boolean): Calcs {
  return { distinctCount: new Set(withNulls(input.values, ignoreNulls, nullAsZero)).size };
}

function medianOf(input: ReducerInput, ignoreNulls: boolean, nullAsZero: boolean): Calcs {
  // Unlike the others, median also skips undefined when ignoring nulls (`== null` in Grafana).
  const numbers: FieldValue[] = [];
  for (let v of input.values) {
    if (v === null || v === undefined) {
      if (ignoreNulls) continue;
      if (nullAsZero) v = 0;
    }
    numbers.push(v);
  }
  numbers.sort((a, b) => (a as number) - (b as number));
  const mid = Math.floor(numbers.length / 2);
  if (numbers.length % 2 === 0) return { median: ((numbers[mid - 1] as number) + (numbers[mid] as number)) / 2 };
  return { median: numbers[mid] };
}

/** calculatePercentile: the value at round((n - 1) × p) of the sorted values. */
function percentileOf(p: number, input: ReducerInput, ignoreNulls: boolean, nullAsZero: boolean): FieldValue {
  let data = input.values;
  if (ignoreNulls) data = data.filter((v) => v !== null);
  if (nullAsZero) data = data.map((v) => (v === null ? 0 : v));
  const sorted = [...data].sort((a, b) => (a as number) - (b as number));
  return sorted[Math.round((sorted.length - 1) * p)];
}

/** "1st %", "2nd %", "23rd %", "11th %". */
function ordinal(n: number): string {
  const suffix = n > 3 && n < 21 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

const percentiles: ReducerInfo[] = Array.from({ length: 99 }, (_, i) => {
  const p = i + 1;
  const id = `p${p}`;
  return { id, name: `${ordinal(p)} %`, reduce: (input, ignoreNulls, nullAsZero) => ({ [id]: percentileOf(p / 100, input, ignoreNulls, nullAsZero) }) };
});

/** In Grafana's registry order (it is the order of the reduce transformation's columns only via the options). */
const REDUCERS: ReducerInfo[] = [
  { id: 'lastNotNull', name: 'Last *', aliasIds: ['current'], reduce: lastNotNullOf },
  { id: 'last', name: 'Last', reduce: (input) => ({ last: input.values[input.values.length - 1] }) },
  { id: 'firstNotNull', name: 'First *', reduce: firstNotNullOf },
  { id: 'first', name: 'First', reduce: (input) => ({ first: input.values[0] }) },
  { id: 'min', name: 'Min' },
  { id: 'max', name: 'Max' },
  { id: 'mean', name: 'Mean', aliasIds: ['avg'] },
  { id: 'median', name: 'Median', reduce: medianOf },
  { id: 'variance', name: 'Variance', reduce: stdDevOf },
  { id: 'stdDev', name: 'StdDev', reduce: stdDevOf },
  { id: 'sum', name: 'Total', aliasIds: ['total'], emptyInputResult: 0 },
  { id: 'count', name: 'Count', emptyInputResult: 0 },
  { id: 'countAll', name: 'Count all', emptyInputResult: 0, reduce: (input) => ({ countAll: input.values.length }) },
  { id: 'range', name: 'Range' },
  { id: 'delta', name: 'Delta' },
  { id: 'step', name: 'Step' },
  { id: 'diff', name: 'Difference' },
  { id: 'logmin', name: 'Min (above zero)' },
  { id: 'allIsZero', name: 'All Zeros', emptyInputResult: false },
  { id: 'allIsNull', name: 'All Nulls', emptyInputResult: true },
  { id: 'changeCount', name: 'Change Count', reduce: changeCountOf },
  { id: 'distinctCount', name: 'Distinct Count', reduce: distinctCountOf },
  { id: 'diffperc', name: 'Difference percent' },
  ...percentiles,
];

const byId = new Map<string, ReducerInfo>();
for (const r of REDUCERS) for (const id of [r.id, ...(r.aliasIds ?? [])]) byId.set(id, r);

/** The reducer of an id or alias ("avg", "current", "total"); undefined for unknown ids. */
export function fieldReducer(id: unknown): ReducerInfo | undefined {
  return typeof id === 'string' ? byId.get(id) : undefined;
}

/** fieldReducers.list: the known reducers of the ids, in the ids' order, unknown ones dropped. */
export function listReducers(ids: unknown): ReducerInfo[] {
  return Array.isArray(ids) ? ids.map(fieldReducer).filter((r): r is ReducerInfo => r !== undefined) : [];
}

/** reduceField: the calcs of the reducers over a field's values, keyed by reducer id. */
export function reduceField(input: ReducerInput, ids: unknown): Calcs {
  const queue = listReducers(ids);
  if (queue.length === 0) return {};
  if (input.values.length === 0) return Object.fromEntries(queue.map((r) => [r.id, r.emptyInputResult]));
  const only = queue.length === 1 ? queue[0].reduce : undefined;
  if (only) return only(input, true, false);
  let calcs = standardCalcs(input, true, false);
  for (const r of queue) if (!(r.id in calcs) && r.reduce) calcs = { ...calcs, ...r.reduce(input, true, false) };
  return calcs;
}

/** getFieldTypeForReducer: counts are numbers, allIsNull/allIsZero booleans, the rest keep the field's type. */
export function fieldTypeForReducer(id: string, fallback: FieldType): FieldType {
  if (id === 'count' || id === 'distinctCount' || id === 'changeCount' || id === 'countAll') return 'number';
  if (id === 'allIsNull' || id === 'allIsZero') return 'boolean';
  return fallback;
}

/** The row reducer of calculateField: the reducer's own function, or the standard calcs. */
export function rowReducer(info: ReducerInfo): ReduceFn {
  return info.reduce ?? standardCalcs;
}
