// `filterByValue`, expectations from grafana/grafana
// packages/grafana-data/src/transformations/transformers/filterByValue.test.ts (its frames are
// named, "A value"; ours are unnamed) and matchers/valueMatchers/*.ts.
import { strict as assert } from 'node:assert';
import { applyTransformations, type Frame } from '../transforms';
import { columns, frame } from './testFrames';

const numbers = frame([['time', 'time', [1000, 2000, 3000, 4000, 5000, 6000, 7000]], ['numbers', 'number', [1, 2, 3, 4, 5, 6, 7]]]);
const filter = (id: string, options: Record<string, unknown>, fieldName = 'numbers') => ({ fieldName, config: { id, options } });

describe('transforms: filterByValue', () => {
  const cases: Array<{ name: string; frames: Frame[]; options: Record<string, unknown>; expected: unknown[][][]; lengths?: number[] }> = [
    {
      name: 'exclude values lower than 6',
      frames: [numbers],
      options: { type: 'exclude', match: 'all', filters: [filter('lower', { value: 6 })] },
      expected: [[['time', 'time', 6000, 7000], ['numbers', 'number', 6, 7]]],
    },
    {
      name: 'include values lower or equal to 5',
      frames: [numbers],
      options: { type: 'include', match: 'all', filters: [filter('lowerOrEqual', { value: 5 })] },
      expected: [[['time', 'time', 1000, 2000, 3000, 4000, 5000], ['numbers', 'number', 1, 2, 3, 4, 5]]],
    },
    {
      name: 'match any condition (the defaults: include, any)',
      frames: [numbers],
      options: { filters: [filter('lowerOrEqual', { value: 4 }), filter('equal', { value: 7 })] },
      expected: [[['time', 'time', 1000, 2000, 3000, 4000, 7000], ['numbers', 'number', 1, 2, 3, 4, 7]]],
    },
    {
      name: 'match all conditions',
      frames: [numbers],
      options: { match: 'all', filters: [filter('lowerOrEqual', { value: 5 }), filter('greaterOrEqual', { value: 4 })] },
      expected: [[['time', 'time', 4000, 5000], ['numbers', 'number', 4, 5]]],
    },
    {
      name: 'does not cross frame boundaries: a frame without the field keeps its rows',
      frames: [frame([['time', 'time', [1000, 2000, 3000]], ['a', 'number', [1, 0, 1]]]), frame([['time', 'time', [5000, 6000, 7000]], ['b', 'number', [0, 1, 1]]])],
      options: { type: 'exclude', filters: [filter('greater', { value: 0 }, 'a')] },
      expected: [[['time', 'time', 2000], ['a', 'number', 0]], [['time', 'time', 5000, 6000, 7000], ['b', 'number', 0, 1, 1]]],
    },
    {
      name: 'between (exclusive), greater',
      frames: [numbers],
      options: { filters: [filter('between', { from: 2, to: 4 }), filter('greater', { value: 6 })] },
      expected: [[['time', 'time', 3000, 7000], ['numbers', 'number', 3, 7]]],
    },
    {
      name: 'isNull / isNotNull, notEqual (loose: "2" equals 2)',
      frames: [frame([['k', 'string', ['a', 'b', 'c', 'd']], ['v', 'number', [null, 2, undefined, 4]]])],
      options: { match: 'all', filters: [filter('isNotNull', {}, 'v'), filter('notEqual', { value: '2' }, 'v')] },
      expected: [[['k', 'string', 'd'], ['v', 'number', 4]]],
    },
    {
      name: 'regex and substring on a label column',
      frames: [frame([['instance', 'string', ['api-1:8080', 'web-1:80', 'api-2:8080']], ['v', 'number', [1, 2, 3]]])],
      options: { filters: [filter('regex', { value: '^web' }, 'instance'), filter('substring', { value: '-2' }, 'instance')] },
      expected: [[['instance', 'string', 'web-1:80', 'api-2:8080'], ['v', 'number', 2, 3]]],
    },
    {
      name: 'numeric matchers never match text that is not a number (isNaN)',
      frames: [frame([['v', 'string', ['x', '5', '9']]])],
      options: { filters: [filter('greater', { value: 4 }, 'v')] },
      expected: [[['v', 'string', '5', '9']]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = applyTransformations(c.frames, [{ id: 'filterByValue', options: c.options }]);
      assert.deepEqual(r.unsupported, []);
      assert.deepEqual(r.frames.map(columns), c.expected);
      assert.deepEqual(r.frames.map((f) => f.length), c.expected.map((f) => f[0].length - 2));
    });
  }

  it('no filters: the data as it was; an unknown matcher: noted, not applied', () => {
    assert.deepEqual(applyTransformations([numbers], [{ id: 'filterByValue', options: { filters: [] } }]).frames, [numbers]);
    assert.deepEqual(applyTransformations([numbers], [{ id: 'filterByValue', options: { filters: [filter('nope', {})] } }]), { frames: [numbers], unsupported: ['filterByValue'] });
  });
});
