// The time axis of the dashboard's graphs against Grafana's choices: formatTime's format per
// increment and range (grafana-ui UPlotAxisBuilder.ts) with the default system date formats
// (grafana-data datetime/formats.ts), and tick spacing of label width + 18 px (calculateSpace).
import { strict as assert } from 'node:assert';
import { TICK_LABEL_GAP, TIME_INCRS_S, timeTickFormat, timeTickIncr, timeTickLabels, timeTickSpace, timeTicks } from './timeAxis';

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

  // Ticks drawn without uPlot (the heatmap): on whole multiples of the increment on the zone's clock.
  const ticksOf = (startIso: string, hours: number, px: number, zone: string) => {
    const start = Date.parse(startIso);
    return timeTicks(start, start + hours * H, px, width, zone).map((t) => `${new Date(t.ms).toISOString().slice(5, 16)} ${t.label}`);
  };
  const ticks: Array<[start: string, hours: number, px: number, zone: string, expected: string[]]> = [
    // 6 hours on 300 px: hourly, on UTC's hours.
    ['2023-11-14T20:13:20Z', 6, 300, 'utc', ['11-14T21:00 21:00', '11-14T22:00 22:00', '11-14T23:00 23:00', '11-15T00:00 00:00', '11-15T01:00 01:00', '11-15T02:00 02:00']],
    // Kolkata (+05:30): its own full hours, i.e. UTC's half hours.
    ['2023-11-14T20:13:20Z', 6, 300, 'Asia/Kolkata', ['11-14T20:30 02:00', '11-14T21:30 03:00', '11-14T22:30 04:00', '11-14T23:30 05:00', '11-15T00:30 06:00', '11-15T01:30 07:00']],
    // Four days across New York's spring-forward: every midnight there, 05:00 UTC before, 04:00 after.
    ['2024-03-08T12:00:00Z', 96, 600, 'America/New_York', ['03-09T05:00 03/09 00:00', '03-10T05:00 03/10 00:00', '03-11T04:00 03/11 00:00', '03-12T04:00 03/12 00:00']],
    // Half a year in months: the first of each month in UTC (labelled MM/DD below a year's range, as Grafana does).
    ['2024-01-15T00:00:00Z', 24 * 182, 600, 'utc', ['02-01T00:00 02/01', '03-01T00:00 03/01', '04-01T00:00 04/01', '05-01T00:00 05/01', '06-01T00:00 06/01', '07-01T00:00 07/01']],
  ];
  for (const [start, hours, px, zone, expected] of ticks) {
    it(`ticks of ${hours} h from ${start} on ${px} px in ${zone}`, () => assert.deepEqual(ticksOf(start, hours, px, zone), expected));
  }
  it('gives no ticks for an empty range', () => assert.deepEqual(timeTicks(5, 5, 600, width, 'utc'), []));
});
