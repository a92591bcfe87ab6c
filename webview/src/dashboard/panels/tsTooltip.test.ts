// The time series tooltip's choices (Grafana's TooltipPlugin2): which series, in which order.
import { strict as assert } from 'node:assert';
import { tooltipOptions, tooltipRows } from './tsTooltip';

describe('time series tooltip', () => {
  it('reads the panel options, the legacy graph panel\'s shared/sort too', () => {
    assert.deepEqual(tooltipOptions({ type: 'timeseries' }), { mode: 'single', sort: 'none' });
    assert.deepEqual(tooltipOptions({ type: 'timeseries', options: { tooltip: { mode: 'multi', sort: 'desc' } } }), { mode: 'multi', sort: 'desc' });
    assert.deepEqual(tooltipOptions({ type: 'timeseries', options: { tooltip: { mode: 'none' } } }), { mode: 'none', sort: 'none' });
    assert.deepEqual(tooltipOptions({ type: 'graph' }), { mode: 'multi', sort: 'none' });
    assert.deepEqual(tooltipOptions({ type: 'graph', tooltip: { shared: false, sort: 2 } }), { mode: 'single', sort: 'asc' });
  });

  // Three series: values 5, null, 1, drawn at 10, -, 90 px; the cursor at `top`.
  const values = [5, null, 1];
  const drawn = (i: number) => [10, undefined, 90][i];
  // [mode, sort, shown, cursor top, series listed]
  const cases: Array<['single' | 'multi' | 'none', 'none' | 'asc' | 'desc', boolean[], number, number[]]> = [
    ['single', 'none', [true, true, true], 0, [0]],
    ['single', 'none', [true, true, true], 80, [2]],
    ['single', 'none', [false, true, true], 0, [2]], // a hidden series is never picked
    ['multi', 'none', [true, true, true], 0, [0, 2]], // no value: left out
    ['multi', 'asc', [true, true, true], 0, [2, 0]],
    ['multi', 'desc', [true, true, false], 0, [0]],
    ['none', 'none', [true, true, true], 0, []],
  ];
  for (const [mode, sort, shown, top, want] of cases) {
    it(`${mode}, sort ${sort}, shown ${shown.join('/')}, cursor at ${top} px → ${JSON.stringify(want)}`, () => {
      assert.deepEqual(tooltipRows(values, shown, mode, sort, drawn, top).map((r) => r.series), want);
    });
  }
});
