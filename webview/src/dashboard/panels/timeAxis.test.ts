// The time axis of the dashboard's graphs against Grafana's choices: formatTime's format per
// increment and range (grafana-ui UPlotAxisBuilder.ts) with the default system date formats
// (grafana-data datetime/formats.ts), and tick spacing of label width + 18 px (calculateSpace).
import { strict as assert } from 'node:assert';
import { TICK_LABEL_GAP, TIME_INCRS_S, timeTickFormat, timeTickIncr, timeTickLabels, timeTickSpace } from './timeAxis';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
/** The widths of the 11 px sans-serif axis font in Chromium: 7 px a digit, 3.7 px a separator. */
const width = (text: string) => Array.from(text, (c) => (/\d/.test(c) ? 7 : 3.7)).reduce((a, b) => a + b, 0);

describe('time axis (Grafana formatTime, calculateSpace)', () => {
  const formats: Array<[incrMs: number, rangeMs: number, format: string]> = [
    [500, 10 * S, 'HH:mm:ss.SSS'],
    [S, 5 * M, 'HH:mm:ss'],
    [M, 5 * M, 'HH:mm:ss'], // Grafana: an increment of up to a minute shows seconds
    [2 * M, 5 * M, 'HH:mm'],
    [10 * M, H, 'HH:mm'],
    [4 * H, D, 'HH:mm'], // a range of one day: times only
    [6 * H, 2 * D, 'MM/DD HH:mm'],
    [D, 7 * D, 'MM/DD HH:mm'],
    [2 * D, 7 * D, 'MM/DD'],
    [5 * D, 30 * D, 'MM/DD'],
    [30 * D, 2 * 365 * D, 'YYYY-MM'],
    [365 * D, 10 * 365 * D, 'YYYY'],
  ];
  for (const [incr, range, format] of formats) {
    it(`ticks ${incr / 1000} s apart over ${range / 1000} s: ${format}`, () => assert.equal(timeTickFormat(incr, range), format));
  }

  const T = 1_700_000_000; // 2023-11-14 22:13:20 UTC
  it('labels ticks in 24-hour time (UTC here)', () => {
    assert.deepEqual(timeTickLabels([T - 200, T - 80, T + 40, null], 60, 300, 'utc'), ['22:10:00', '22:12:00', '22:14:00', '']);
    assert.deepEqual(timeTickLabels([T + 2 * 3600 - 80], 1200, 3600, 'utc'), ['00:12']);
    assert.deepEqual(timeTickLabels([T - 7 * 86400], 2 * 86400, 7 * 86400, 'utc'), ['11/07']);
    assert.deepEqual(timeTickLabels([T], 86400, 7 * 86400, 'utc'), ['11/14 22:13']);
  });

  it("labels ticks in the dashboard's zone: Asia/Kolkata (+05:30), New York's daylight saving", () => {
    assert.deepEqual(timeTickLabels([T - 200, T + 2 * 3600 - 80], 60, 300, 'Asia/Kolkata'), ['03:40:00', '05:42:00']);
    assert.deepEqual(timeTickLabels([T - 7 * 86400], 2 * 86400, 7 * 86400, 'Asia/Kolkata'), ['11/08']);
    const springForward = Date.parse('2024-03-10T06:00:00Z') / 1000;
    assert.deepEqual(timeTickLabels([springForward, springForward + 3600], 3600, 86400, 'America/New_York'), ['01:00', '03:00']);
  });

  const incrs: Array<[rangeS: number, plotPx: number, incrS: number]> = [
    [2 * 86400, 300, 86400], // 12 hours would need 67 px (MM/DD HH:mm) + 18: 2 ticks below 350 px
    [300, 156, 120], // 5 minutes on a 5-column panel: 2-minute steps (uPlot alone: 5 minutes, one tick)
    [300, 315, 120], // HH:mm:ss needs 56 + 18 px a minute
    [300, 465, 60],
    [300, 800, 30],
    [3600, 156, 1200], // an hour: 20-minute steps, 3 ticks
    [3600, 315, 600],
    [86400, 156, 8 * 3600],
    [86400, 474, 3 * 3600],
    [7 * 86400, 315, 2 * 86400], // one day would need the wider MM/DD HH:mm
    [7 * 86400, 800, 86400],
    [30 * 86400, 156, 10 * 86400],
    [30 * 86400, 800, 2 * 86400],
  ];
  for (const [range, px, incr] of incrs) {
    it(`over ${range} s on ${px} px: ticks every ${incr} s`, () => {
      assert.equal(timeTickIncr(T - range, T, px, width, 'utc'), incr);
      // The space given to uPlot makes it pick that increment and no smaller one.
      const space = timeTickSpace(T - range, T, px, width, 'utc');
      const chosen = TIME_INCRS_S.find((i) => (px * i) / range >= space);
      assert.equal(chosen, incr);
    });
  }

  it('never lets labels overlap: ticks at least a label width + 18 px apart, 5 minutes to 30 days, 150 to 1600 px', () => {
    for (const range of [300, 900, 3600, 6 * 3600, 86400, 2 * 86400, 7 * 86400, 30 * 86400]) {
      for (let px = 150; px <= 1600; px += 50) {
        const incr = timeTickIncr(T - range, T, px, width, 'utc');
        const label = timeTickLabels([T], incr, range, 'utc')[0];
        assert.ok((px * incr) / range >= width(label) + TICK_LABEL_GAP, `${range} s, ${px} px: ${incr} s, ${label}`);
        // …and at least 3 ticks from 250 px, but where Grafana's formats are wide: minute steps carry seconds
        // (HH:mm:ss) and steps of a day or less over more than a day carry the date (MM/DD HH:mm).
        if (px >= 250 && ![300, 2 * 86400].includes(range)) assert.ok(range / incr >= 2.9, `${range} s, ${px} px: ${incr} s`);
      }
    }
  });
});
