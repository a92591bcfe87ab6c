// Legend options and order of time series panels against Grafana: options.legend of timeseries,
// the legacy graph's legend as Grafana migrates it (alignAsTable, rightSide, sideWidth, values,
// min/max/avg/current/total, sort/sortDesc), and VizLegendTable's sort and header clicks.
import { strict as assert } from 'node:assert';
import { CALC_NAMES } from './common';
import { legendOptions, sortItems, toggleSort, type LegendItem } from './tsLegend';

const calcName = (c: string) => CALC_NAMES[c] ?? c;

describe('time series legend options (Grafana VizLegend)', () => {
  const cases: Array<[string, Record<string, unknown>, ReturnType<typeof legendOptions>]> = [
    ['timeseries defaults', { type: 'timeseries' }, { show: true, mode: 'list', placement: 'bottom', calcs: [], sortBy: undefined, sortDesc: undefined, width: undefined }],
    [
      'timeseries table on the right',
      { type: 'timeseries', options: { legend: { displayMode: 'table', placement: 'right', calcs: ['min', 'max', 7], sortBy: 'Max', sortDesc: true, width: 300, showLegend: true } } },
      { show: true, mode: 'table', placement: 'right', calcs: ['min', 'max'], sortBy: 'Max', sortDesc: true, width: 300 },
    ],
    ['timeseries hidden', { type: 'timeseries', options: { legend: { displayMode: 'hidden' } } }, { show: false, mode: 'list', placement: 'bottom', calcs: [], sortBy: undefined, sortDesc: undefined, width: undefined }],
    ['timeseries showLegend false', { type: 'timeseries', options: { legend: { showLegend: false, displayMode: 'table' } } }, { show: false, mode: 'table', placement: 'bottom', calcs: [], sortBy: undefined, sortDesc: undefined, width: undefined }],
    [
      'graph as table on the right side, values in the fixed column order',
      { type: 'graph', legend: { show: true, alignAsTable: true, rightSide: true, sideWidth: 360, values: true, current: true, avg: true, max: true, min: false, total: true, sort: 'current', sortDesc: true } },
      { show: true, mode: 'table', placement: 'right', calcs: ['max', 'mean', 'lastNotNull', 'sum'], sortBy: 'Last *', sortDesc: true, width: 360 },
    ],
    [
      'graph values off: no calcs',
      { type: 'graph', legend: { show: true, values: false, max: true, sort: 'max', sortDesc: false } },
      { show: true, mode: 'list', placement: 'bottom', calcs: [], sortBy: 'Max', sortDesc: false, width: undefined },
    ],
    ['graph legend hidden', { type: 'graph', legend: { show: false } }, { show: false, mode: 'list', placement: 'bottom', calcs: [], sortBy: undefined, sortDesc: undefined, width: undefined }],
  ];
  for (const [name, panel, expected] of cases) it(name, () => assert.deepEqual(legendOptions(panel, calcName), expected));

  const item = (name: string, ...values: Array<number | null>): LegendItem => ({ name, color: '', values: values.map((v) => ({ numeric: v, text: String(v) })) });
  const items = [item('b 10', 1, 5), item('b 9', null, 7), item('a', 3, NaN), item('B 100', 2, 6)];
  const order: Array<[string | undefined, boolean | undefined, string[]]> = [
    [undefined, undefined, ['b 10', 'b 9', 'a', 'B 100']],
    ['Min', true, ['a', 'B 100', 'b 10', 'b 9']], // null lowest
    ['Min', false, ['b 9', 'b 10', 'B 100', 'a']],
    ['Max', true, ['b 9', 'B 100', 'b 10', 'a']], // NaN lowest
    ['Name', false, ['a', 'b 9', 'b 10', 'B 100']], // natural order, case-insensitive
    ['Name', true, ['B 100', 'b 10', 'b 9', 'a']],
    ['Mean', true, ['b 10', 'b 9', 'a', 'B 100']], // not a column: order kept
  ];
  for (const [sortBy, desc, names] of order) {
    it(`sorts by ${sortBy} ${desc ? 'descending' : 'ascending'}`, () => assert.deepEqual(sortItems(items, ['Min', 'Max'], sortBy, desc).map((i) => i.name), names));
  }

  it('header clicks: a new column descending, then ascending, then unsorted', () => {
    assert.deepEqual(toggleSort(undefined, undefined, 'Max'), { sortBy: 'Max', sortDesc: true });
    assert.deepEqual(toggleSort('Max', true, 'Max'), { sortBy: 'Max', sortDesc: false });
    assert.deepEqual(toggleSort('Max', false, 'Max'), {});
    assert.deepEqual(toggleSort('Max', false, 'Name'), { sortBy: 'Name', sortDesc: true });
  });
});
