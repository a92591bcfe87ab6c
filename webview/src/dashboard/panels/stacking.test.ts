// Stacks of time series: running sums (or shares) in series order per mode and group, bands
// between neighbours, and hidden series left out so that what is drawn stacks from zero.
import { strict as assert } from 'node:assert';
import { stackSeries, type SeriesStacking } from './stacking';

const X = [1, 2, 3];
const cols = (...ys: Array<Array<number | null>>) => [X, ...ys];
const plain = (data: ReadonlyArray<ArrayLike<number | null>>) => data.map((c) => Array.from(c));

describe('stacking (Grafana getStackingGroups)', () => {
  const normal: SeriesStacking = { stacking: 'normal', group: 'A' };
  const cases: Array<[string, Array<Array<number | null>>, SeriesStacking[], boolean[], Array<Array<number | null>>, Array<[number, number]>]> = [
    ['two series stacked', [[1, 2, null], [10, 20, 30]], [normal, normal], [true, true], [[1, 2, null], [11, 22, 30]], [[2, 1]]],
    ['the first hidden: the second from zero, no band', [[1, 2, 3], [10, 20, 30]], [normal, normal], [false, true], [[1, 2, 3], [10, 20, 30]], []],
    ['the middle one hidden: the band skips it', [[1, 1, 1], [5, 5, 5], [10, 10, 10]], [normal, normal, normal], [true, false, true], [[1, 1, 1], [5, 5, 5], [11, 11, 11]], [[3, 1]]],
    ['another group stacks apart', [[1, 1, 1], [5, 5, 5]], [normal, { stacking: 'normal', group: 'B' }], [true, true], [[1, 1, 1], [5, 5, 5]], []],
    ['not stacked', [[1, 1, 1], [5, 5, 5]], [{ stacking: 'none', group: 'A' }, { stacking: 'none', group: 'A' }], [true, true], [[1, 1, 1], [5, 5, 5]], []],
    [
      'percent: shares of the shown series only',
      [[1, 3, 0], [3, 1, 0], [4, 4, 4]],
      Array(3).fill({ stacking: 'percent', group: 'A' }),
      [true, true, false],
      [[0.25, 0.75, 0], [1, 1, 0], [4, 4, 4]],
      [[2, 1]],
    ],
  ];
  for (const [title, ys, stacking, shown, want, bands] of cases) {
    it(title, () => {
      const r = stackSeries(cols(...ys), stacking, shown);
      assert.deepEqual(plain(r.data), [X, ...want]);
      assert.deepEqual(r.bands.map((b) => b.series), bands);
    });
  }
});
