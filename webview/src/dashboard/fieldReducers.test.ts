// Grafana's reducers, expectations from grafana/grafana
// packages/grafana-data/src/transformations/fieldReducer.test.ts ("Stats Calculators").
import { strict as assert } from 'node:assert';
import { fieldReducer, fieldTypeForReducer, reduceField } from './fieldReducers';
import type { FieldType, FieldValue } from './frames';

const num = (values: FieldValue[], type: FieldType = 'number') => ({ type, values });

describe('fieldReducers: reduceField as Grafana', () => {
  const cases: Array<{ name: string; values: FieldValue[]; type?: FieldType; expected: Record<string, FieldValue> }> = [
    { name: 'basic stats', values: [10, 20], expected: { first: 10, last: 20, mean: 15, count: 2, diffperc: 100 } },
    { name: 'non standard stats', values: [10, 20], expected: { distinctCount: 2, changeCount: 1, variance: 25, stdDev: 5 } },
    { name: 'step and delta', values: [100, 200, 300, 400], expected: { step: 100, delta: 300 } },
    { name: 'sum, min, max, range, diff, logmin', values: [4, -2, 0, 7], expected: { sum: 9, min: -2, max: 7, range: 9, diff: 3, logmin: 4 } },
    { name: 'first/last with null: first/last null, *NotNull 200', values: [null, 200, null], expected: { first: null, last: null, firstNotNull: 200, lastNotNull: 200, diffperc: 0 } },
    { name: 'first/last with NaN: *NotNull skip NaN', values: [NaN, 200, NaN], expected: { first: NaN, last: NaN, firstNotNull: 200, lastNotNull: 200 } },
    { name: 'all null: *NotNull null, allIsNull, not allIsZero', values: [null, null, null], expected: { firstNotNull: null, lastNotNull: null, allIsNull: true, allIsZero: false, mean: null, max: null, min: null, range: null, sum: 0 } },
    { name: 'all undefined: allIsNull', values: [undefined, undefined], expected: { allIsNull: true, lastNotNull: null } },
    { name: 'all zero: allIsZero', values: [0, 0, 0, 0], expected: { allIsZero: true, allIsNull: false } },
    // reducerTestCases([3, null, 2, 1, 4]) with the default nullValueMode (ignore).
    { name: 'nulls ignored: min', values: [3, null, 2, 1, 4], expected: { min: 1 } },
    { name: 'nulls ignored: mean', values: [3, null, 2, 1, 4], expected: { mean: 2.5 } },
    { name: 'nulls ignored: median', values: [3, null, 2, 1, 4], expected: { median: 2.5 } },
    { name: 'nulls ignored: count', values: [3, null, 2, 1, 4], expected: { count: 4 } },
    { name: 'nulls ignored: range', values: [3, null, 2, 1, 4], expected: { range: 3 } },
    { name: 'nulls ignored: delta (a counter reset counts from zero)', values: [3, null, 2, 1, 4], expected: { delta: 4 } },
    { name: 'nulls ignored: distinctCount', values: [3, null, 2, 1, 4], expected: { distinctCount: 4 } },
    { name: 'nulls ignored: step', values: [3, null, 2, 1, 4], expected: { step: -1 } },
    { name: 'nulls ignored: changeCount', values: [3, null, 2, 1, 4], expected: { changeCount: 3 } },
    { name: 'median of an odd count', values: [5, 1, 3], expected: { median: 3 } },
    { name: 'countAll counts the nulls', values: [1, null, 2], expected: { countAll: 3 } },
    { name: 'a string field: first/last values, no sums', values: ['a', 'b'], type: 'string', expected: { lastNotNull: 'b', firstNotNull: 'a', sum: 0, max: null, mean: null, count: 2 } },
    { name: 'variance of a string field is 0', values: ['a', 'b'], type: 'string', expected: { variance: 0, stdDev: 0 } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const ids = Object.keys(c.expected);
      const calcs = reduceField(num(c.values, c.type), ids);
      assert.deepEqual(Object.fromEntries(ids.map((id) => [id, calcs[id]])), c.expected);
      // Alone, a reducer with a function of its own gives the same value as within the standard pass.
      for (const id of ids) assert.deepEqual(reduceField(num(c.values, c.type), [id])[id], c.expected[id], id);
    });
  }

  it('empty input: each reducer its emptyInputResult (undefined unless set)', () => {
    assert.deepEqual(reduceField(num([]), ['sum', 'count', 'allIsNull', 'allIsZero', 'max', 'lastNotNull', 'mean']), {
      sum: 0, count: 0, allIsNull: true, allIsZero: false, max: undefined, lastNotNull: undefined, mean: undefined,
    });
  });

  it('percentiles p1..p99 of 0..100 are their rank', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    for (let p = 1; p <= 99; p++) assert.equal(reduceField(num(values), [`p${p}`])[`p${p}`], p);
  });

  it('unknown ids are dropped; aliases find their reducer', () => {
    assert.deepEqual(reduceField(num([1, 2]), ['not a stat']), {});
    assert.equal(reduceField(num([1, 3]), ['avg', 'max']).mean, 2);
    assert.equal(fieldReducer('current')?.id, 'lastNotNull');
    assert.equal(fieldReducer('total')?.id, 'sum');
  });

  it('names as Grafana shows them', () => {
    const names = ['lastNotNull', 'last', 'firstNotNull', 'first', 'min', 'max', 'mean', 'sum', 'count', 'range', 'delta', 'diff', 'logmin', 'allIsNull', 'allIsZero', 'changeCount', 'distinctCount', 'stdDev', 'median', 'p1', 'p2', 'p3', 'p11', 'p21', 'p95'];
    assert.deepEqual(names.map((id) => fieldReducer(id)?.name), [
      'Last *', 'Last', 'First *', 'First', 'Min', 'Max', 'Mean', 'Total', 'Count', 'Range', 'Delta', 'Difference', 'Min (above zero)', 'All Nulls', 'All Zeros', 'Change Count', 'Distinct Count', 'StdDev', 'Median', '1st %', '2nd %', '3rd %', '11th %', '21st %', '95th %',
    ]);
  });

  it('field type of a reducer (getFieldTypeForReducer)', () => {
    assert.deepEqual(['count', 'distinctCount', 'changeCount', 'allIsNull', 'allIsZero', 'max', 'last'].map((id) => fieldTypeForReducer(id, 'time')), ['number', 'number', 'number', 'boolean', 'boolean', 'time', 'time']);
  });
});
