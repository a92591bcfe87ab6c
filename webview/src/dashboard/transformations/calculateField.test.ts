// `calculateField`, expectations from grafana/grafana
// packages/grafana-data/src/transformations/transformers/calculateField.test.ts and calculateField.ts.
import { strict as assert } from 'node:assert';
import { applyTransformations, resultFrames, type Frame } from '../transforms';
import { columns, frame } from './testFrames';

const seriesA = frame([['TheTime', 'time', [1000, 2000]], ['A', 'number', [1, 100]]]);
const seriesBC = frame([['TheTime', 'time', [1000, 2000]], ['B', 'number', [2, 200]], ['C', 'number', [3, 300]], ['D', 'string', ['first', 'second']], ['E', 'boolean', [true, false]]]);

describe('transforms: calculateField', () => {
  const cases: Array<{ name: string; frames: Frame[]; options: Record<string, unknown>; expected: unknown[][][] }> = [
    {
      name: 'default (reduceRow sum) with an alias: time series joined on time first, the number fields summed',
      frames: [seriesA, seriesBC],
      options: { alias: 'The Total' },
      expected: [[['TheTime', 'time', 1000, 2000], ['A', 'number', 1, 100], ['B', 'number', 2, 200], ['C', 'number', 3, 300], ['D', 'string', 'first', 'second'], ['E', 'boolean', true, false], ['The Total', 'number', 6, 600]]],
    },
    {
      name: 'no options at all: "Total"',
      frames: [seriesA],
      options: {},
      expected: [[['TheTime', 'time', 1000, 2000], ['A', 'number', 1, 100], ['Total', 'number', 1, 100]]],
    },
    {
      name: 'replaceFields: the time field and the new one ("Mean")',
      frames: [seriesA, seriesBC],
      options: { mode: 'reduceRow', reduce: { reducer: 'mean' }, replaceFields: true },
      expected: [[['TheTime', 'time', 1000, 2000], ['Mean', 'number', 2, 200]]],
    },
    {
      name: 'reduceRow of the included fields only',
      frames: [seriesBC],
      options: { mode: 'reduceRow', reduce: { include: ['B'], reducer: 'mean' }, replaceFields: true },
      expected: [[['TheTime', 'time', 1000, 2000], ['Mean', 'number', 2, 200]]],
    },
    {
      name: 'reduceRow without a reducer in its options: sums, named "math" as Grafana does',
      frames: [seriesBC],
      options: { mode: 'reduceRow', reduce: { include: ['B', 'C'] }, replaceFields: true },
      expected: [[['TheTime', 'time', 1000, 2000], ['math', 'number', 5, 500]]],
    },
    {
      name: 'binary math of two fields: "B + C"',
      frames: [seriesBC],
      options: { mode: 'binary', binary: { left: 'B', operator: '+', right: 'C' }, replaceFields: true },
      expected: [[['TheTime', 'time', 1000, 2000], ['B + C', 'number', 5, 500]]],
    },
    {
      name: 'field + static number',
      frames: [seriesBC],
      options: { mode: 'binary', binary: { left: 'B', operator: '+', right: '2' }, replaceFields: true },
      expected: [[['TheTime', 'time', 1000, 2000], ['B + 2', 'number', 4, 202]]],
    },
    {
      name: 'several queries + a static number: no join, the frame without the field dropped (replaceFields)',
      frames: [seriesA, seriesBC],
      options: { mode: 'binary', binary: { left: 'B', operator: '+', right: '2' }, replaceFields: true },
      expected: [[['TheTime', 'time', 1000, 2000], ['B + 2', 'number', 4, 202]]],
    },
    {
      name: 'all number fields + a static number (left byType), each frame on its own',
      frames: [seriesA, seriesBC],
      options: { mode: 'binary', binary: { left: { matcher: { id: 'byType', options: 'number' } }, operator: '+', right: '2' }, replaceFields: true },
      expected: [
        [['TheTime', 'time', 1000, 2000], ['A + 2', 'number', 3, 102]],
        [['TheTime', 'time', 1000, 2000], ['B + 2', 'number', 4, 202], ['C + 2', 'number', 5, 302]],
      ],
    },
    {
      name: 'all number fields + a field',
      frames: [seriesBC],
      options: { mode: 'binary', binary: { left: { matcher: { id: 'byType', options: 'number' } }, operator: '+', right: 'C' }, replaceFields: true },
      expected: [[['TheTime', 'time', 1000, 2000], ['B + C', 'number', 5, 500], ['C + C', 'number', 6, 600]]],
    },
    {
      name: 'a boolean field counts as 1 and 0',
      frames: [seriesBC],
      options: { mode: 'binary', binary: { left: 'E', operator: '*', right: '1' }, replaceFields: true },
      expected: [[['TheTime', 'time', 1000, 2000], ['E * 1', 'number', 1, 0]]],
    },
    {
      name: 'the new value structure ({ matcher } / { fixed }); operators - / % ^',
      frames: [seriesBC],
      options: { mode: 'binary', binary: { left: { matcher: { id: 'byName', options: 'C' } }, operator: '%', right: { fixed: '7' } }, replaceFields: true },
      expected: [[['TheTime', 'time', 1000, 2000], ['C % 7', 'number', 3, 6]]],
    },
    {
      name: 'exponent',
      frames: [seriesBC],
      options: { mode: 'binary', binary: { left: 'B', operator: '^', right: '2' } },
      expected: [[['TheTime', 'time', 1000, 2000], ['B', 'number', 2, 200], ['C', 'number', 3, 300], ['D', 'string', 'first', 'second'], ['E', 'boolean', true, false], ['B ^ 2', 'number', 4, 40000]]],
    },
    {
      name: 'unary math: "abs(A)"',
      frames: [frame([['TheTime', 'time', [1000, 2000, 3000, 4000]], ['A', 'number', [1, -10, -200, 300]]])],
      options: { mode: 'unary', unary: { fieldName: 'A', operator: 'abs' }, replaceFields: true },
      expected: [[['TheTime', 'time', 1000, 2000, 3000, 4000], ['abs(A)', 'number', 1, 10, 200, 300]]],
    },
    {
      name: 'index field',
      frames: [seriesBC],
      options: { mode: 'index', replaceFields: true },
      expected: [[['Row', 'number', 0, 1]]],
    },
    {
      name: 'index as percentile',
      frames: [frame([['TheTime', 'time', [1, 2, 3, 4]], ['F', 'number', [2, 200, 3, 6]]])],
      options: { mode: 'index', index: { asPercentile: true }, replaceFields: true },
      expected: [[['Row', 'number', 0, 0.25, 0.5, 0.75]]],
    },
    {
      name: 'cumulative sum of a field',
      frames: [seriesA],
      options: { mode: 'cumulativeFunctions', cumulative: { field: 'A', reducer: 'sum' }, replaceFields: true },
      expected: [[['TheTime', 'time', 1000, 2000], ['cumulative sum(A)', 'number', 1, 101]]],
    },
    {
      name: 'Prometheus series: joined on Time, then the legends summed per timestamp',
      frames: resultFrames([{ refId: 'A', legendName: (m) => m.i, series: [{ metric: { i: 'a' }, values: [[1000, '1'], [2000, '2']] }, { metric: { i: 'b' }, values: [[2000, '5']] }] }]),
      options: { mode: 'binary', binary: { left: 'a', operator: '+', right: 'b' }, alias: 'a+b' },
      expected: [[['Time', 'time', 1000, 2000], ['a', 'number', 1, 2], ['b', 'number', undefined, 5], ['a+b', 'number', NaN, 7]]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = applyTransformations(c.frames, [{ id: 'calculateField', options: c.options }]);
      assert.deepEqual(r.unsupported, []);
      assert.deepEqual(r.frames.map(columns), c.expected);
    });
  }

  it('an alias becomes the display name; the percentile index is in percentunit', () => {
    const [withAlias] = applyTransformations([seriesA], [{ id: 'calculateField', options: { alias: 'Sum' } }]).frames;
    assert.deepEqual(withAlias.fields[2].config, { displayName: 'Sum' });
    const [index] = applyTransformations([seriesA], [{ id: 'calculateField', options: { mode: 'index', index: { asPercentile: true } } }]).frames;
    assert.deepEqual(index.fields[2].config, { unit: 'percentunit' });
  });

  it('window functions, template expressions and unknown reducers are noted, not applied', () => {
    for (const options of [{ mode: 'windowFunctions' }, { mode: 'templateExpression', template: { expression: '${A}' } }, { mode: 'reduceRow', reduce: { reducer: 'nope' } }]) {
      assert.deepEqual(applyTransformations([seriesA], [{ id: 'calculateField', options }]), { frames: [seriesA], unsupported: ['calculateField'] });
    }
  });
});
