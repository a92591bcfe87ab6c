// `convertFieldType` and `renameByRegex`, expectations from grafana/grafana
// packages/grafana-data/src/transformations/transformers/{convertFieldType,renameByRegex}.test.ts
// and their sources.
import { strict as assert } from 'node:assert';
import { applyTransformations, type Frame } from '../transforms';
import { columns, frame } from './testFrames';

describe('transforms: convertFieldType', () => {
  const cases: Array<{ name: string; frames: Frame[]; conversions: unknown[]; expected: unknown[][][] }> = [
    {
      name: 'string to number: commas stripped, what is not a number null',
      frames: [frame([['n', 'string', ['1,000', '2.5', 'x', '']]])],
      conversions: [{ targetField: 'n', destinationType: 'number' }],
      expected: [[['n', 'number', 1000, 2.5, null, 0]]],
    },
    {
      name: 'number to string, to boolean',
      frames: [frame([['a', 'number', [0, 1.5, null]], ['b', 'number', [0, 2, null]]])],
      conversions: [{ targetField: 'a', destinationType: 'string' }, { targetField: 'b', destinationType: 'boolean' }],
      expected: [[['a', 'string', '0', '1.5', 'null'], ['b', 'boolean', false, true, false]]],
    },
    {
      name: 'numbers to time as they are; ISO 8601 strings parsed, empty ones null',
      frames: [frame([['t', 'number', [1_700_000_000_000]], ['s', 'string', ['2021-11-11T19:45:00.000Z', '']]])],
      conversions: [{ targetField: 't', destinationType: 'time' }, { targetField: 's', destinationType: 'time' }],
      expected: [[['t', 'time', 1_700_000_000_000], ['s', 'time', Date.UTC(2021, 10, 11, 19, 45), null]]],
    },
    {
      name: 'a conversion without a target or a type changes nothing',
      frames: [frame([['n', 'string', ['1']]])],
      conversions: [{}, { targetField: 'n' }],
      expected: [[['n', 'string', '1']]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = applyTransformations(c.frames, [{ id: 'convertFieldType', options: { conversions: c.conversions } }]);
      assert.deepEqual(r.unsupported, []);
      assert.deepEqual(r.frames.map(columns), c.expected);
    });
  }

  it('dates in other formats, times to text, enum and other: noted, not applied', () => {
    const frames = [frame([['s', 'string', ['11/11/2021']], ['t', 'time', [1000]]])];
    for (const conversion of [{ targetField: 's', destinationType: 'time', dateFormat: 'MM/DD/YYYY' }, { targetField: 't', destinationType: 'string' }, { targetField: 's', destinationType: 'enum' }]) {
      assert.deepEqual(applyTransformations(frames, [{ id: 'convertFieldType', options: { conversions: [conversion] } }]), { frames, unsupported: ['convertFieldType'] });
    }
  });
});

describe('transforms: renameByRegex', () => {
  const series = frame([['Time', 'time', [1]], ['Value', 'number', [1]]], { refId: 'A' });
  series.fields[1].config.displayNameFromDS = 'node_memory_used_bytes{instance="n1"}';
  const cases: Array<{ name: string; options: Record<string, unknown>; expected: string[] }> = [
    { name: 'a bare pattern matches the whole display name; groups in the replacement', options: { regex: 'node_(.*)_bytes.*', renamePattern: '$1' }, expected: ['Time', 'memory_used'] },
    { name: 'a /regex/ replaces the matching part only', options: { regex: '/_bytes/', renamePattern: '' }, expected: ['Time', 'node_memory_used{instance="n1"}'] },
    { name: 'no match: the name stays', options: { regex: 'cpu.*', renamePattern: 'x' }, expected: ['Time', 'node_memory_used_bytes{instance="n1"}'] },
    { name: 'the defaults ((.*) → $1) keep every name', options: {}, expected: ['Time', 'node_memory_used_bytes{instance="n1"}'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = applyTransformations([series], [{ id: 'renameByRegex', options: c.options }]);
      assert.deepEqual(r.unsupported, []);
      assert.deepEqual(r.frames[0].fields.map((f) => columns({ ...r.frames[0], fields: [f] })[0][0]), c.expected);
    });
  }

  it('the new name is the field\'s displayName; an invalid regex is noted, not applied', () => {
    const r = applyTransformations([series], [{ id: 'renameByRegex', options: { regex: 'Time', renamePattern: 'When' } }]);
    assert.deepEqual(r.frames[0].fields.map((f) => [f.name, f.config.displayName]), [['Time', 'When'], ['Value', undefined]]);
    assert.deepEqual(applyTransformations([series], [{ id: 'renameByRegex', options: { regex: '/(/' } }]).unsupported, ['renameByRegex']);
  });
});
