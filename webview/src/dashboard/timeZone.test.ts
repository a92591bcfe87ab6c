// The dashboard's `timezone` as Grafana reads it ("", "browser", "utc", an IANA name, an unknown
// name: the browser's zone) and instants formatted in it, across daylight saving changes.
import { strict as assert } from 'node:assert';
import { formatValue, formattedValueToString } from './units';
import { formatDate } from './timeUnits';
import { dashboardTimeZone, wallClock, wallClockDate } from './timeZone';

const at = (iso: string): number => Date.parse(iso);

describe('dashboard time zone', () => {
  const zones: Array<[unknown, string]> = [
    [undefined, 'browser'],
    ['', 'browser'],
    ['browser', 'browser'],
    ['utc', 'utc'],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Mars/Olympus_Mons', 'browser'], // unknown: the browser's zone, no error
    [42, 'browser'],
  ];
  for (const [timezone, zone] of zones) it(`timezone ${JSON.stringify(timezone)} → ${zone}`, () => assert.equal(dashboardTimeZone(timezone), zone));

  const FORMAT = 'YYYY-MM-DD HH:mm:ss Z ddd';
  const formatted: Array<[iso: string, zone: string, text: string]> = [
    ['2024-03-10T07:00:00Z', 'utc', '2024-03-10 07:00:00 +00:00 Sun'],
    ['2024-03-10T07:00:00Z', 'Asia/Kolkata', '2024-03-10 12:30:00 +05:30 Sun'],
    // New York springs forward at 02:00 on 2024-03-10: 01:59:59 EST is followed by 03:00:00 EDT.
    ['2024-03-10T06:59:59Z', 'America/New_York', '2024-03-10 01:59:59 -05:00 Sun'],
    ['2024-03-10T07:00:00Z', 'America/New_York', '2024-03-10 03:00:00 -04:00 Sun'],
    // …and falls back on 2024-11-03: 01:30 twice, an hour apart.
    ['2024-11-03T05:30:00Z', 'America/New_York', '2024-11-03 01:30:00 -04:00 Sun'],
    ['2024-11-03T06:30:00Z', 'America/New_York', '2024-11-03 01:30:00 -05:00 Sun'],
    ['2024-03-10T00:00:00Z', 'America/New_York', '2024-03-09 19:00:00 -05:00 Sat'],
    ['2024-03-10T12:00:00Z', 'Pacific/Kiritimati', '2024-03-11 02:00:00 +14:00 Mon'],
    ['2024-03-10T23:59:59.999Z', 'Europe/Berlin', '2024-03-11 00:59:59 +01:00 Mon'],
  ];
  for (const [iso, zone, text] of formatted) it(`${iso} in ${zone}: ${text}`, () => assert.equal(formatDate(at(iso), FORMAT, zone), text));

  it("'browser' and an unknown zone read the runtime's local clock (here Asia/Tokyo, +09:00)", () => {
    // Node applies a change of TZ at once; the runtime's own zone is put back after.
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      const ms = at('2024-03-10T07:00:00.123Z');
      const tokyo = { year: 2024, month: 2, day: 10, weekday: 0, hour: 16, minute: 0, second: 0, ms: 123, offsetMinutes: 540 };
      assert.deepEqual(wallClock(ms, 'browser'), tokyo);
      assert.deepEqual(wallClock(ms, 'Mars/Olympus_Mons'), tokyo);
      assert.equal(formatDate(ms, FORMAT, 'Mars/Olympus_Mons'), '2024-03-10 16:00:00 +09:00 Sun');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('keeps the milliseconds in a named zone', () => assert.equal(formatDate(at('2024-03-10T07:00:00.045Z'), 'HH:mm:ss.SSS', 'Asia/Kolkata'), '12:30:00.045'));

  it("gives uPlot a Date whose local fields are the zone's wall clock (tzDate)", () => {
    const d = wallClockDate(at('2024-03-10T07:00:00Z'), 'Asia/Kolkata');
    assert.deepEqual([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()], [2024, 2, 10, 12, 30]);
  });

  it('date units format in the zone, and "today" is the zone\'s today', () => {
    const now = at('2024-03-10T20:00:00Z'); // 01:30 on the 11th in Kolkata
    const value = at('2024-03-11T01:00:00Z');
    const show = (unit: string, timeZone: string) => formattedValueToString(formatValue(value, unit, undefined, { timeZone, now }));
    assert.equal(show('dateTimeAsIso', 'utc'), '2024-03-11 01:00:00');
    assert.equal(show('dateTimeAsIso', 'Asia/Kolkata'), '2024-03-11 06:30:00');
    assert.equal(show('dateTimeAsIsoNoDateIfToday', 'utc'), '2024-03-11 01:00:00');
    assert.equal(show('dateTimeAsIsoNoDateIfToday', 'Asia/Kolkata'), '06:30:00');
    assert.equal(show('time:YYYY-MM-DD HH:mm', 'America/New_York'), '2024-03-10 21:00');
  });
});
