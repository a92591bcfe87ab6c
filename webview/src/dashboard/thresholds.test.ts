// Thresholds and colours against Grafana's own expectations. Cases from grafana/grafana:
//   packages/grafana-data/src/field/thresholds.test.ts            (find active, percent-based thresholds)
//   packages/grafana-data/src/field/scale.test.ts                 (percent/threshold/color; min = max)
//   packages/grafana-data/src/field/fieldColor.test.ts            (continuous-GrYlRd at 0.5; seriesBy last/min/max)
//   packages/grafana-data/src/themes/createVisualizationColors.test.ts (named colours, CSS names, transparent)
// Hue values and the classic palette order are those of createVisualizationColors.ts.
import { strict as assert } from 'node:assert';
import { contrastRatio, interpolateRgbBasis, luminance, stringHash } from './colors';
import { CLASSIC_PALETTE, colorByName, getActiveThreshold, normalizeSteps, percentOf, seriesColor, thresholdFor, valueColor, type ThresholdStep } from './thresholds';

describe('thresholds (Grafana thresholds.test.ts)', () => {
  const steps: ThresholdStep[] = [
    { color: 'ONE', value: 1 },
    { color: 'TEN', value: 10 },
    { color: 'HHH', value: 100 },
  ];
  const cases: Array<[number, string]> = [
    [-1, 'ONE'],
    [1, 'ONE'],
    [5, 'ONE'],
    [10, 'TEN'],
    [11, 'TEN'],
    [99, 'TEN'],
    [100, 'HHH'],
    [1000, 'HHH'],
  ];
  for (const [value, color] of cases) {
    it(`find active: ${value} → ${color} (first step becomes -Infinity)`, () => {
      assert.equal(thresholdFor(value, { mode: 'absolute', steps }).color, color);
    });
  }

  const graded: ThresholdStep[] = [
    { value: null, color: '#7EB26D' },
    { value: 50, color: '#EAB839' },
    { value: 75, color: '#6ED0E0' },
  ];
  it('single threshold: its colour', () => {
    assert.deepEqual(thresholdFor(49, { steps: [{ value: null, color: '#7EB26D' }] }), { value: -Infinity, color: '#7EB26D', index: 0 });
  });
  it('value equal to a threshold takes that threshold', () => {
    assert.equal(thresholdFor(50, { mode: 'absolute', steps: graded }).index, 1);
  });
  it('value between thresholds takes the lower one', () => {
    assert.equal(thresholdFor(55, { mode: 'absolute', steps: graded }).index, 1);
  });
  it('percentage thresholds use the percent of min..max', () => {
    const pct = { mode: 'percentage' as const, steps: [{ value: 0, color: '#7EB26D' }, ...graded.slice(1)] };
    // Grafana's test passes percent directly: 0.9 → step 2, 0.5 → step 1, 0.2 → step 0
    assert.equal(thresholdFor(90, pct, 0, 100).index, 2);
    assert.equal(thresholdFor(50, pct, 0, 100).index, 1);
    assert.equal(thresholdFor(20, pct, 0, 100).index, 0);
    // 55 of 0..1000 is 5.5 %: the base step, though 55 ≥ 50 in absolute terms
    assert.equal(thresholdFor(55, pct, 0, 1000).index, 0);
    assert.equal(thresholdFor(800, pct, 0, 1000).index, 2);
  });
  it('no steps: the fallback grey', () => {
    assert.equal(thresholdFor(5, { steps: [] }).color, '#808080');
    assert.equal(thresholdFor(5, undefined).color, '#808080');
  });
  it('NaN stays in the base step', () => {
    assert.equal(thresholdFor(NaN, { steps: graded }).index, 0);
  });
  it('steps are used in JSON order, as Grafana does (no sorting when loading)', () => {
    const steps = normalizeSteps([{ value: null, color: 'a' }, { value: 80, color: 'b' }, { value: 20, color: 'c' }]);
    assert.equal(getActiveThreshold(90, steps).color, 'c');
    assert.equal(getActiveThreshold(30, steps).color, 'a');
  });
});

describe('scale (Grafana scale.test.ts)', () => {
  it('70 in 0..100 with -Inf/50/75 thresholds: percent 0.7, threshold 50, #EAB839', () => {
    const thresholds = { mode: 'absolute' as const, steps: [{ value: null, color: '#7EB26D' }, { value: 50, color: '#EAB839' }, { value: 75, color: '#6ED0E0' }] };
    assert.equal(percentOf(70, 0, 100), 0.7);
    assert.equal(thresholdFor(70, thresholds, 0, 100).value, 50);
    assert.equal(valueColor(70, undefined, { theme: 'dark', thresholds, min: 0, max: 100 }), '#EAB839');
  });
  it('min = max: percent 0, the first colour of the scheme', () => {
    assert.equal(percentOf(1, 1, 1), 0);
    assert.equal(valueColor(1, { mode: 'continuous-GrYlRd' }, { theme: 'dark', min: 1, max: 1 }), 'rgb(115, 191, 105)');
  });
  it('-Infinity is 0 percent; min > max is swapped', () => {
    assert.equal(percentOf(-Infinity, 0, 10), 0);
    assert.equal(percentOf(25, 100, 0), 0.25);
  });
});

describe('colour modes (Grafana fieldColor.test.ts)', () => {
  it('continuous-GrYlRd interpolates: 0.5 → rgb(226, 192, 61)', () => {
    assert.equal(valueColor(50, { mode: 'continuous-GrYlRd' }, { theme: 'dark', min: 0, max: 100 }), 'rgb(226, 192, 61)');
  });
  it('palette-classic by series index', () => {
    assert.equal(valueColor(70, { mode: 'palette-classic' }, { theme: 'dark', seriesIndex: 0 }), '#73BF69');
    assert.equal(valueColor(70, { mode: 'palette-classic' }, { theme: 'dark', seriesIndex: 1 }), '#FADE2A');
    assert.equal(valueColor(70, { mode: 'palette-classic' }, { theme: 'light', seriesIndex: 0 }), '#56A64B');
    assert.equal(valueColor(0, { mode: 'palette-classic' }, { theme: 'dark', seriesIndex: CLASSIC_PALETTE.length + 2 }), '#5794F2');
  });
  const values = [0, -10, 5, 10, 2, 5];
  it('seriesBy last: the last value (75 % of -10..10)', () => {
    assert.equal(seriesColor(values, { mode: 'continuous-GrYlRd', seriesBy: 'last' }, { theme: 'dark' }), valueColor(75, { mode: 'continuous-GrYlRd' }, { theme: 'dark', min: 0, max: 100 }));
  });
  it('seriesBy max / min', () => {
    assert.equal(seriesColor(values, { mode: 'continuous-GrYlRd', seriesBy: 'max' }, { theme: 'dark' }), valueColor(1, { mode: 'continuous-GrYlRd' }, { theme: 'dark', min: 0, max: 1 }));
    assert.equal(seriesColor(values, { mode: 'continuous-GrYlRd', seriesBy: 'min' }, { theme: 'dark' }), valueColor(0, { mode: 'continuous-GrYlRd' }, { theme: 'dark', min: 0, max: 1 }));
  });
  it('by-series modes ignore the values', () => {
    assert.equal(seriesColor(values, { mode: 'palette-classic' }, { theme: 'dark', seriesIndex: 2 }), '#5794F2');
    assert.equal(seriesColor(values, { mode: 'fixed', fixedColor: 'semi-dark-orange' }, { theme: 'dark' }), '#FF780A');
  });
  it('thresholds mode for a series uses the last value', () => {
    const thresholds = { steps: [{ value: null, color: 'green' }, { value: 80, color: 'red' }] };
    assert.equal(seriesColor([90, 10], { mode: 'thresholds' }, { theme: 'dark', thresholds }), '#73BF69');
    assert.equal(seriesColor([10, 90], undefined, { theme: 'dark', thresholds }), '#F2495C');
  });
  it('fixed colour, with the grey fallback', () => {
    assert.equal(valueColor(1, { mode: 'fixed', fixedColor: 'purple' }, { theme: 'light' }), '#A352CC');
    assert.equal(valueColor(1, { mode: 'fixed' }, { theme: 'light' }), '#808080');
  });
  it('unknown and unsupported modes are thresholds mode', () => {
    const thresholds = { steps: [{ value: null, color: 'blue' }] };
    assert.equal(valueColor(1, { mode: 'no-such-mode' }, { theme: 'dark', thresholds }), '#5794F2');
    assert.equal(valueColor(1, { mode: 'continuous-viridis' }, { theme: 'dark', thresholds }), '#5794F2');
  });
  it('palette-classic-by-name: stable per name, only colours readable on the background', () => {
    const a = valueColor(0, { mode: 'palette-classic-by-name' }, { theme: 'dark', seriesName: 'cpu' });
    assert.equal(a, valueColor(0, { mode: 'palette-classic-by-name' }, { theme: 'dark', seriesName: 'cpu' }));
    for (const name of ['cpu', 'memory', 'disk', 'network', 'a', 'b', 'c']) {
      const c = valueColor(0, { mode: 'palette-classic-by-name' }, { theme: 'dark', seriesName: name });
      assert.ok(contrastRatio(c, '#181b1f') >= 3, `${name}: ${c}`);
    }
  });
});

describe('named colours (Grafana createVisualizationColors.test.ts)', () => {
  const cases: Array<[string, 'dark' | 'light', string]> = [
    ['green', 'dark', '#73BF69'],
    ['dark-green', 'dark', '#37872D'],
    ['red', 'dark', '#F2495C'],
    ['red', 'light', '#E02F44'],
    ['semi-dark-red', 'dark', '#E02F44'],
    ['super-light-blue', 'dark', '#C0D8FF'],
    ['light-yellow', 'light', '#FADE2A'],
    ['orange', 'dark', '#FF9830'],
    ['dark-purple', 'light', '#7C2EA3'],
    ['#ff0000', 'dark', '#ff0000'],
    ['#FF0000', 'dark', '#FF0000'],
    ['#CCC', 'dark', '#CCC'],
    ['rgb(0,0,0)', 'dark', 'rgb(0,0,0)'],
    ['rgba(0,0,0,1)', 'dark', 'rgba(0,0,0,1)'],
    ['lime', 'dark', '#00ff00'],
    ['grey', 'dark', '#808080'],
    ['gray', 'dark', '#808080'],
    ['darkgrey', 'dark', '#a9a9a9'],
    ['darkslategrey', 'dark', '#2f4f4f'],
    ['dimgrey', 'dark', '#696969'],
    ['lightgray', 'dark', '#d3d3d3'],
    ['lightgrey', 'dark', '#d3d3d3'],
    ['lightslategrey', 'dark', '#778899'],
    ['slategrey', 'dark', '#708090'],
    ['indianred', 'dark', '#cd5c5c'],
    ['Grey', 'dark', '#808080'],
    ['transparent', 'dark', 'rgba(0,0,0,0)'],
    ['Transparent', 'dark', 'rgba(0,0,0,0)'],
    ['TRANSPARENT', 'light', 'rgba(255, 255, 255, 0)'],
    ['text', 'dark', 'rgb(204, 204, 220)'],
    ['text', 'light', 'rgba(36, 41, 46, 1)'],
    ['panel-bg', 'dark', '#181b1f'],
    ['hsl(0, 100%, 50%)', 'dark', 'hsl(0, 100%, 50%)'],
    ['not-a-color', 'dark', 'not-a-color'],
    ['constructor', 'dark', 'constructor'],
    ['', 'dark', '#808080'],
  ];
  for (const [name, theme, expected] of cases) {
    it(`${name || '(empty)'} (${theme}) → ${expected}`, () => assert.equal(colorByName(name, theme), expected));
  }
  it('classic palette: 64 colours, Grafana order, all resolvable', () => {
    assert.equal(CLASSIC_PALETTE.length, 64);
    assert.deepEqual(CLASSIC_PALETTE.slice(0, 6), ['green', 'yellow', 'blue', 'orange', 'red', 'purple']);
    for (const c of CLASSIC_PALETTE) assert.match(colorByName(c, 'dark'), /^#[0-9A-F]{6}$/i);
  });
});

describe('colour maths', () => {
  it('luminance and contrast (WCAG)', () => {
    assert.equal(luminance('#FFFFFF'), 1);
    assert.equal(luminance('#000'), 0);
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(luminance('rgba(255, 255, 255, 0.5)', '#000000'), luminance('rgb(127.5, 127.5, 127.5)'));
  });
  it('interpolateRgbBasis: ends are the end colours, like d3', () => {
    const f = interpolateRgbBasis(['#000000', '#ffffff']);
    assert.equal(f(0), 'rgb(0, 0, 0)');
    assert.equal(f(1), 'rgb(255, 255, 255)');
    assert.equal(f(0.5), 'rgb(128, 128, 128)');
  });
  it('string-hash', () => {
    assert.equal(stringHash(''), 5381);
    assert.equal(stringHash('a'), (5381 * 33) ^ 97);
  });
});
