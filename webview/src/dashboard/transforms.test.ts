// Frames and transformations against Grafana's behaviour. Expectations follow grafana/grafana:
//   packages/grafana-prometheus/src/result_transformer.ts (+ .test.ts: transformDFToTable)
//   packages/grafana-data/src/transformations/transformers/{merge,organize,joinByField,joinDataFrames,
//   labelsToFields,filterByName,sortBy}.ts and their tests. reduce, groupBy and calculateField have
//   their own tests in ./transformations/, the reducers in ./fieldReducers.test.ts.
import { strict as assert } from 'node:assert';
import { applyTransformations, fieldDisplayName, frameDisplayName, resultFrames, tableFrames, targetRefIds, type Frame, type TargetFrameInput } from './transforms';

/** A frame as rows: [field name, ...values] per field, for compact expectations. */
const cols = (f: Frame) => f.fields.map((x) => [fieldDisplayName(x, f), ...x.values]);

const T = 1_700_007_200_000;
const build: TargetFrameInput = {
  refId: 'A',
  format: 'table',
  series: [{ metric: { cluster: 'c1', instance: 'p:9090', job: 'prometheus', version: '2.45.0' }, values: [[T, '1']] }],
};
const uptime: TargetFrameInput = {
  refId: 'B',
  format: 'table',
  series: [{ metric: { cluster: 'c1', instance: 'p:9090', job: 'prometheus' }, values: [[T, '96.59']] }],
};

describe('transforms: Prometheus frames (transformDFToTable)', () => {
  const cases: Array<{ name: string; inputs: TargetFrameInput[]; expected: unknown[][][] }> = [
    {
      name: 'one table query: Time, sorted labels, "Value"',
      inputs: [{ refId: 'A', format: 'table', series: [{ metric: { job: 'b', a: 'x' }, values: [[T, '2']] }, { metric: { job: 'a', z: 'y' }, values: [[T, '+Inf']] }] }],
      expected: [[['Time', T, T], ['a', 'x', ''], ['job', 'b', 'a'], ['z', '', 'y'], ['Value', 2, Infinity]]],
    },
    {
      name: 'two table queries: a frame each, "Value #A" and "Value #B"',
      inputs: [build, uptime],
      expected: [
        [['Time', T], ['cluster', 'c1'], ['instance', 'p:9090'], ['job', 'prometheus'], ['version', '2.45.0'], ['Value #A', 1]],
        [['Time', T], ['cluster', 'c1'], ['instance', 'p:9090'], ['job', 'prometheus'], ['Value #B', 96.59]],
      ],
    },
    {
      name: 'a range result in table format: a row per sample',
      inputs: [{ refId: 'A', format: 'table', series: [{ metric: { i: '1' }, values: [[T, '1'], [T + 15000, '2']] }] }],
      expected: [[['Time', T, T + 15000], ['i', '1', '1'], ['Value', 1, 2]]],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(tableFrames(c.inputs).map(cols), c.expected));

  it('series of a time-series query: a frame each, named by the legend', () => {
    const frames = resultFrames([{ refId: 'A', legendName: (m) => m.instance, series: [{ metric: { instance: 'n1' }, values: [[T, 5]] }] }, build]);
    assert.deepEqual(frames.map((f) => [f.refId, frameDisplayName(f, frames)]), [['A', 'n1'], ['A', 'cluster, instance, job, version, Value']]);
    assert.deepEqual(frames[0].fields[1].labels, { instance: 'n1' });
  });

  it('assigns refIds to targets without one as Grafana does (first unused letter)', () => {
    assert.deepEqual(targetRefIds([{}, { refId: 'A' }, {}, { refId: 'C' }]), ['B', 'A', 'D', 'C']);
    assert.deepEqual(targetRefIds([{}, {}]), ['A', 'B']);
  });
});

describe('transforms: transformations', () => {
  const stats = tableFrames([build, uptime]);
  const frame = (fields: Array<[string, unknown[]]>, extra: Partial<Frame> = {}): Frame => ({
    ...extra,
    length: fields[0][1].length,
    fields: fields.map(([name, values]) => ({ name, type: typeof values.find((v) => v !== undefined) === 'number' ? 'number' : 'string', values: values as Array<string | number>, config: {} })),
  });
  const a = frame([['container', ['api', 'db', 'web']], ['cpu', [1, 2, 3]]], { refId: 'A' });
  const b = frame([['container', ['web', 'api', 'cache']], ['mem', [30, 10, 40]]], { refId: 'B' });

  const cases: Array<{ name: string; frames: Frame[]; transformations: unknown[]; expected: unknown[][][]; unsupported?: string[] }> = [
    {
      name: 'merge: rows of the two queries joined on the fields they share (Prometheus Stats)',
      frames: stats,
      transformations: [{ id: 'merge', options: {} }],
      expected: [[['Time', T], ['cluster', 'c1'], ['instance', 'p:9090'], ['job', 'prometheus'], ['version', '2.45.0'], ['Value #A', 1], ['Value #B', 96.59]]],
    },
    {
      name: 'merge + organize as the newer prometheus-mixin: Time and Value #A excluded, ordered, renamed',
      frames: stats,
      transformations: [
        { id: 'merge', options: {} },
        { id: 'organize', options: { excludeByName: { Time: true, 'Value #A': true, job: false }, indexByName: { cluster: 0, instance: 2, version: 3, job: 1, 'Value #B': 4 }, renameByName: { 'Value #B': 'Uptime' } } },
      ],
      expected: [[['cluster', 'c1'], ['job', 'prometheus'], ['instance', 'p:9090'], ['version', '2.45.0'], ['Uptime', 96.59]]],
    },
    {
      name: 'merge: rows that disagree on a shared field stay apart',
      frames: [frame([['k', ['x', 'y']], ['a', [1, 2]]]), frame([['k', ['y', 'z']], ['b', [3, 4]]])],
      transformations: [{ id: 'merge' }],
      expected: [[['k', 'x', 'y', 'z'], ['a', 1, 2, undefined], ['b', undefined, 3, 4]]],
    },
    {
      name: 'joinByField outer on a string field: keys in the order first seen, gaps empty',
      frames: [a, b],
      transformations: [{ id: 'joinByField', options: { byField: 'container', mode: 'outer' } }],
      expected: [[['container', 'api', 'db', 'web', 'cache'], ['cpu', 1, 2, 3, undefined], ['mem', 10, undefined, 30, 40]]],
    },
    {
      name: 'seriesToColumns is joinByField; inner keeps the keys of every frame',
      frames: [a, b],
      transformations: [{ id: 'seriesToColumns', options: { byField: 'container', mode: 'inner' } }],
      expected: [[['container', 'api', 'web'], ['cpu', 1, 3], ['mem', 10, 30]]],
    },
    {
      name: 'joinByField without byField joins on the time field, numbers ascending',
      frames: [
        { length: 2, fields: [{ name: 'Time', type: 'time', values: [3, 1], config: {} }, { name: 'x', type: 'number', values: [30, 10], config: {} }] },
        { length: 1, fields: [{ name: 'Time', type: 'time', values: [2], config: {} }, { name: 'y', type: 'number', values: [20], config: {} }] },
      ],
      transformations: [{ id: 'joinByField', options: {} }],
      expected: [[['Time', 1, 2, 3], ['x', 10, undefined, 30], ['y', undefined, 20, undefined]]],
    },
    {
      name: 'labelsToFields: the labels become string fields after the value; valueLabel names the value',
      frames: resultFrames([{ refId: 'A', series: [{ metric: { instance: 'n1', mode: 'idle' }, values: [[T, 5]] }] }]),
      transformations: [{ id: 'labelsToFields', options: { valueLabel: 'mode' } }],
      expected: [[['Time', T], ['idle', 5], ['instance', 'n1']]],
    },
    {
      name: 'labelsToFields keepLabels, then merge of the series',
      frames: resultFrames([{ refId: 'A', series: [{ metric: { instance: 'n1', job: 'j' }, values: [[T, 5]] }, { metric: { instance: 'n2', job: 'j' }, values: [[T, 6]] }] }]),
      transformations: [{ id: 'labelsToFields', options: { keepLabels: ['instance'] } }, { id: 'merge' }],
      expected: [[['Time', T, T], ['Value', 5, 6], ['instance', 'n1', 'n2']]],
    },
    {
      name: 'filterFieldsByName include by names and pattern',
      frames: stats.slice(0, 1),
      transformations: [{ id: 'filterFieldsByName', options: { include: { names: ['job'], pattern: '(ver|inst).*' } } }],
      expected: [[['instance', 'p:9090'], ['job', 'prometheus'], ['version', '2.45.0']]],
    },
    {
      name: 'filterFieldsByName: a bare pattern must match the whole name (stringToJsRegex), /re/ need not',
      frames: stats.slice(0, 1),
      transformations: [{ id: 'filterFieldsByName', options: { include: { pattern: '(ver|job)' } } }],
      expected: [[['job', 'prometheus']]],
    },
    {
      name: 'filterFieldsByName: /re/ is not anchored; a frame left with no field is dropped',
      frames: [stats[0], a],
      transformations: [{ id: 'filterFieldsByName', options: { exclude: { pattern: '/sion|^(c|T|i|j)/' } } }],
      expected: [[['Value #A', 1]]],
    },
    {
      name: 'filterFieldsByName: /re/flags',
      frames: stats.slice(0, 1),
      transformations: [{ id: 'filterFieldsByName', options: { include: { pattern: '/^VER/i' } } }],
      expected: [[['version', '2.45.0']]],
    },
    {
      name: 'filterFieldsByName exclude',
      frames: [a],
      transformations: [{ id: 'filterFieldsByName', options: { exclude: { names: ['cpu'] } } }],
      expected: [[['container', 'api', 'db', 'web']]],
    },
    {
      name: 'sortBy a field, descending',
      frames: [b],
      transformations: [{ id: 'sortBy', options: { sort: [{ field: 'mem', desc: true }] } }],
      expected: [[['container', 'cache', 'web', 'api'], ['mem', 40, 30, 10]]],
    },
    {
      name: 'unsupported transformations leave the data as it is and are noted; disabled ones are skipped',
      frames: [b],
      transformations: [{ id: 'partitionByValues', options: {} }, { id: 'sortBy', disabled: true, options: { sort: [{ field: 'mem' }] } }, { id: 'extractFields' }],
      expected: [[['container', 'web', 'api', 'cache'], ['mem', 30, 10, 40]]],
      unsupported: ['partitionByValues', 'extractFields'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = applyTransformations(c.frames, c.transformations);
      assert.deepEqual(r.frames.map(cols), c.expected);
      assert.deepEqual(r.unsupported, c.unsupported ?? []);
    });
  }
});
