// `groupBy`, expectations from grafana/grafana
// packages/grafana-data/src/transformations/transformers/groupBy.test.ts and groupBy.ts.
import { strict as assert } from 'node:assert';
import { applyTransformations, tableFrames, type Frame } from '../transforms';
import { columns, frame } from './testFrames';

const T = 1_700_007_200_000;
const messages = (values: number[]) => frame([['time', 'time', [3000, 4000, 5000, 6000, 7000, 8000]], ['message', 'string', ['one', 'two', 'two', 'three', 'three', 'three']], ['values', 'number', values]]);
// An instant query in table format: a row per series, the labels as columns.
const memory = tableFrames([
  {
    refId: 'A',
    format: 'table',
    series: [
      { metric: { instance: 'n1', job: 'node', mode: 'used' }, values: [[T, '30']] },
      { metric: { instance: 'n2', job: 'node', mode: 'used' }, values: [[T, '10']] },
      { metric: { instance: 'p1', job: 'prometheus', mode: 'used' }, values: [[T, '5']] },
    ],
  },
]);

describe('transforms: groupBy', () => {
  const group = { operation: 'groupby', aggregations: [] };
  const cases: Array<{ name: string; frames: Frame[]; fields: Record<string, unknown>; expected: unknown[][][] }> = [
    {
      name: 'group values by message: the distinct values in order of first appearance',
      frames: [messages([1, 2, 2, 3, 3, 3])],
      fields: { message: group },
      expected: [[['message', 'string', 'one', 'two', 'three']]],
    },
    {
      name: 'group by message and sum the values: "values (sum)"',
      frames: [messages([1, 2, 2, 3, 3, 3])],
      fields: { message: group, values: { operation: 'aggregate', aggregations: ['sum'] } },
      expected: [[['message', 'string', 'one', 'two', 'three'], ['values (sum)', 'number', 1, 4, 9]]],
    },
    {
      name: 'several calculations, in the frame\'s field order; count is a number, last keeps the time type',
      frames: [messages([1, 2, 2, 3, 3, 3])],
      fields: { message: group, time: { operation: 'aggregate', aggregations: ['count', 'last'] }, values: { operation: 'aggregate', aggregations: ['sum'] } },
      expected: [[['message', 'string', 'one', 'two', 'three'], ['time (count)', 'number', 1, 2, 3], ['time (last)', 'time', 3000, 5000, 8000], ['values (sum)', 'number', 1, 4, 9]]],
    },
    {
      name: 'each frame grouped on its own',
      frames: [messages([1, 2, 2, 3, 3, 3]), messages([0, 2, 5, 3, 3, 2])],
      fields: { message: group, values: { operation: 'aggregate', aggregations: ['sum'] } },
      expected: [
        [['message', 'string', 'one', 'two', 'three'], ['values (sum)', 'number', 1, 4, 9]],
        [['message', 'string', 'one', 'two', 'three'], ['values (sum)', 'number', 0, 7, 8]],
      ],
    },
    {
      name: 'Prometheus table: by job, Value summed and averaged, allIsNull a boolean',
      frames: memory,
      fields: { job: group, Value: { operation: 'aggregate', aggregations: ['sum', 'mean', 'allIsNull'] } },
      expected: [[['job', 'string', 'node', 'prometheus'], ['Value (sum)', 'number', 40, 5], ['Value (mean)', 'number', 20, 5], ['Value (allIsNull)', 'boolean', false, false]]],
    },
    {
      name: 'two group fields: a row per combination',
      frames: [frame([['a', 'string', ['x', 'x', 'y', 'x']], ['b', 'string', ['1', '2', '1', '1']], ['v', 'number', [1, 2, 3, 4]]])],
      fields: { a: group, b: group, v: { operation: 'aggregate', aggregations: ['max'] } },
      expected: [[['a', 'string', 'x', 'x', 'y'], ['b', 'string', '1', '2', '1'], ['v (max)', 'number', 4, 2, 3]]],
    },
    {
      name: 'frames without a grouped field are dropped',
      frames: [messages([1, 1, 1, 1, 1, 1]), frame([['other', 'number', [1]]])],
      fields: { message: group },
      expected: [[['message', 'string', 'one', 'two', 'three']]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = applyTransformations(c.frames, [{ id: 'groupBy', options: { fields: c.fields } }]);
      assert.deepEqual(r.unsupported, []);
      assert.deepEqual(r.frames.map(columns), c.expected);
    });
  }

  it('the corpus\' "Persistent Volumes - Usage in GB" (dotdc k8s-views-nodes): groupBy per query, joined, renamed', () => {
    const pvc = (refId: string, used: string[]) => ({
      refId,
      format: 'table',
      series: used.map((v, i) => ({ metric: { persistentvolumeclaim: `data-${i}` }, values: [[T, v]] as Array<[number, string]> })),
    });
    const frames = tableFrames([pvc('A', ['5', '7']), pvc('B', ['10', '20'])]);
    const last = { aggregations: ['lastNotNull'], operation: 'aggregate' };
    const r = applyTransformations(frames, [
      { id: 'groupBy', options: { fields: { Value: last, 'Value #A': last, 'Value #B': last, persistentvolumeclaim: { aggregations: [], operation: 'groupby' } } } },
      { id: 'seriesToColumns', options: { byField: 'persistentvolumeclaim' } },
      { id: 'organize', options: { excludeByName: {}, indexByName: {}, renameByName: { 'Value #A (lastNotNull)': 'Used', 'Value #B (lastNotNull)': 'Total', persistentvolumeclaim: 'Persistent Volume Claim' } } },
    ]);
    assert.deepEqual(r.unsupported, []);
    assert.deepEqual(r.frames.map(columns), [[['Persistent Volume Claim', 'string', 'data-0', 'data-1'], ['Used', 'number', 5, 7], ['Total', 'number', 10, 20]]]);
  });

  it('no "groupby" field: the data as it was', () => {
    const frames = [messages([1, 2, 2, 3, 3, 3])];
    assert.equal(applyTransformations(frames, [{ id: 'groupBy', options: { fields: { message: { operation: 'aggregate', aggregations: ['count'] } } } }]).frames, frames);
  });

  it('grouped fields keep their config; calculated ones have none', () => {
    const f = frame([['k', 'string', ['a']], ['v', 'number', [1]]]);
    f.fields.forEach((x) => (x.config = { unit: 'bytes' }));
    const r = applyTransformations([f], [{ id: 'groupBy', options: { fields: { k: { operation: 'groupby' }, v: { operation: 'aggregate', aggregations: ['max'] } } } }]);
    assert.deepEqual(r.frames[0].fields.map((x) => x.config), [{ unit: 'bytes' }, {}]);
  });
});
