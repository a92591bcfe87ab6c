// `reduce`, expectations from grafana/grafana
// packages/grafana-data/src/transformations/transformers/reduce.test.ts (its frames are named, so
// its display names read "A temperature"; ours are unnamed: "temperature") and reduce.ts.
import { strict as assert } from 'node:assert';
import { applyTransformations, resultFrames, type Frame } from '../transforms';
import { columns, frame } from './testFrames';

const T = 1_700_007_200_000;
const A = frame([['time', 'time', [3000, 4000, 5000, 6000]], ['temperature', 'number', [3, 4, 5, 6]], ['humidity', 'number', [10000.3, 10000.4, 10000.5, 10000.6]]]);
const B = frame([['time', 'time', [1000, 3000, 5000, 7000]], ['temperature', 'number', [1, 3, 5, 7]], ['humidity', 'number', [11000.1, 11000.3, 11000.5, 11000.7]]]);
// Two series of a range query with a legend, as the Prometheus data source gives them.
const series = resultFrames([
  {
    refId: 'A',
    legendName: (m) => m.instance,
    series: [
      { metric: { instance: 'n1', job: 'node' }, values: [[T, '1'], [T + 15000, '5'], [T + 30000, '3']] },
      { metric: { instance: 'n2', job: 'node' }, values: [[T, '2'], [T + 15000, 'NaN'], [T + 30000, '4']] },
    ],
  },
]);

describe('transforms: reduce', () => {
  const cases: Array<{ name: string; frames: Frame[]; options: Record<string, unknown>; expected: unknown[][][] }> = [
    {
      name: 'seriesToRows, several frames of several fields: a row per field, a column per reducer',
      frames: [A, B],
      options: { reducers: ['first', 'min', 'max', 'last'] },
      expected: [[
        ['Field', 'string', 'temperature', 'humidity', 'temperature', 'humidity'],
        ['First', 'number', 3, 10000.3, 1, 11000.1],
        ['Min', 'number', 3, 10000.3, 1, 11000.1],
        ['Max', 'number', 6, 10000.6, 7, 11000.7],
        ['Last', 'number', 6, 10000.6, 7, 11000.7],
      ]],
    },
    {
      name: 'seriesToRows is the default mode; without reducers Grafana\'s default ["max"]',
      frames: [A],
      options: {},
      expected: [[['Field', 'string', 'temperature', 'humidity'], ['Max', 'number', 6, 10000.6]]],
    },
    {
      name: 'Prometheus series: the legends name the rows; NaN skipped by Last * and Max',
      frames: series,
      options: { reducers: ['max', 'mean', 'lastNotNull'] },
      expected: [[['Field', 'string', 'n1', 'n2'], ['Max', 'number', 5, 4], ['Mean', 'number', 3, 3], ['Last *', 'number', 3, 4]]],
    },
    {
      name: 'labelsToFields: the field name, then a column per label of any field',
      frames: series,
      options: { reducers: ['last'], labelsToFields: true },
      expected: [[['Field', 'string', 'Value', 'Value'], ['instance', 'string', 'n1', 'n2'], ['job', 'string', 'node', 'node'], ['Last', 'number', 3, 4]]],
    },
    {
      name: 'column types from the values: booleans, strings; all empty stays "other"',
      frames: [frame([['s', 'string', ['x', 'y']], ['n', 'number', [null, null]]])],
      options: { reducers: ['allIsNull', 'lastNotNull', 'max'] },
      expected: [[['Field', 'string', 's', 'n'], ['All Nulls', 'boolean', true, true], ['Last *', 'string', 'y', null], ['Max', 'other', null, null]]],
    },
    {
      name: 'a later frame\'s column of another type is not stacked (mergeResults)',
      frames: [frame([['a', 'number', [1, 2]]]), frame([['b', 'string', ['x']]])],
      options: { reducers: ['lastNotNull'] },
      expected: [[['Field', 'string', 'a', 'b'], ['Last *', 'number', 2]]],
    },
    {
      name: 'reduceFields: each frame keeps its fields, one row; time fields left out',
      frames: [A, B],
      options: { mode: 'reduceFields', reducers: ['max'] },
      expected: [
        [['temperature', 'number', 6], ['humidity', 'number', 10000.6]],
        [['temperature', 'number', 7], ['humidity', 'number', 11000.7]],
      ],
    },
    {
      name: 'reduceFields with includeTimeField',
      frames: [A],
      options: { mode: 'reduceFields', reducers: ['last'], includeTimeField: true },
      expected: [[['time', 'number', 6000], ['temperature', 'number', 6], ['humidity', 'number', 10000.6]]],
    },
    {
      name: 'reduceFields, several reducers: a copy per reducer, labelled "reducer"',
      frames: [frame([['temperature', 'number', [3, 6]]])],
      options: { mode: 'reduceFields', reducers: ['min', 'max'] },
      expected: [[['temperature {reducer="Min"}', 'number', 3], ['temperature {reducer="Max"}', 'number', 6]]],
    },
    {
      name: 'fields matcher (byName) picks the fields to reduce',
      frames: [A],
      options: { reducers: ['min'], fields: { id: 'byName', options: 'humidity' } },
      expected: [[['Field', 'string', 'humidity'], ['Min', 'number', 10000.3]]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = applyTransformations(c.frames, [{ id: 'reduce', options: c.options }]);
      assert.deepEqual(r.unsupported, []);
      assert.deepEqual(r.frames.map(columns), c.expected);
    });
  }

  it('reduceFields keeps config and refId; a labelled field\'s copies all carry the last reducer (Grafana shares the labels)', () => {
    const frames = series.slice(0, 1).map((f) => ({ ...f, fields: f.fields.map((x) => ({ ...x, config: { ...x.config, unit: 'bytes' } })) }));
    const r = applyTransformations(frames, [{ id: 'reduce', options: { mode: 'reduceFields', reducers: ['min', 'max'] } }]);
    assert.deepEqual(r.frames.map((f) => [f.refId, f.length, f.fields.map((x) => [x.name, x.config.unit, x.labels, x.values])]), [
      ['A', 1, [['Value', 'bytes', { instance: 'n1', job: 'node', reducer: 'Max' }, [1]], ['Value', 'bytes', { instance: 'n1', job: 'node', reducer: 'Max' }, [5]]]],
    ]);
  });

  it('no reducers: the data as it was; a matcher the preview does not know: noted, not applied', () => {
    assert.deepEqual(applyTransformations([A], [{ id: 'reduce', options: { reducers: [] } }]).frames, [A]);
    assert.deepEqual(applyTransformations([A], [{ id: 'reduce', options: { reducers: ['max'], fields: { id: 'byValue', options: {} } } }]), { frames: [A], unsupported: ['reduce'] });
  });
});
