import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDashboard } from '../documents/dashboardModel';
import { clearVariableCache, dashboardPreview, ensureQueryIds, evaluateVariables, panelPaths, panelQuery, panelRange, parseGrafanaTime, refIdAt, timeRangeOf } from './dashboardPreview';

const FIXTURES = join(__dirname, '..', '..', '..', 'test-fixtures');
const read = (rel: string): string => readFileSync(join(FIXTURES, rel), 'utf8');
const NOW = Date.UTC(2024, 2, 15, 13, 45, 30, 250); // Fri 2024-03-15 13:45:30.250 UTC
const H = 3_600_000;

describe('dashboard preview', () => {
  beforeEach(() => clearVariableCache());

  describe('parseGrafanaTime (Grafana date math, UTC)', () => {
    const cases: Array<[string, boolean, number | undefined]> = [
      ['now', false, NOW],
      ['now-6h', false, NOW - 6 * H],
      ['now-15m', false, NOW - 15 * 60_000],
      ['now+1d', false, NOW + 24 * H],
      ['now-1M', false, Date.UTC(2024, 1, 15, 13, 45, 30, 250)],
      ['now-1y', false, Date.UTC(2023, 2, 15, 13, 45, 30, 250)],
      ['now/d', false, Date.UTC(2024, 2, 15)],
      ['now/d', true, Date.UTC(2024, 2, 16) - 1],
      ['now-1d/d', false, Date.UTC(2024, 2, 14)],
      ['now-1d/d', true, Date.UTC(2024, 2, 15) - 1],
      ['now/h', false, Date.UTC(2024, 2, 15, 13)],
      ['now/w', false, Date.UTC(2024, 2, 10)],
      ['now/M', false, Date.UTC(2024, 2, 1)],
      ['1700000000000', false, 1_700_000_000_000],
      ['2024-01-02T03:04:05Z', false, Date.UTC(2024, 0, 2, 3, 4, 5)],
      ['now-6x', false, undefined],
      ['yesterday', false, undefined],
    ];
    for (const [text, roundUp, want] of cases) {
      it(`${text}${roundUp ? ' (to)' : ''}`, () => assert.equal(parseGrafanaTime(text, NOW, roundUp), want));
    }
    it('an unparsable or empty range falls back to the last 6 hours', () => {
      assert.deepEqual(timeRangeOf({ from: 'bogus', to: 'now' }, NOW), { startMs: NOW - 6 * H, endMs: NOW });
      assert.deepEqual(timeRangeOf({ from: 'now', to: 'now-1h' }, NOW), { startMs: NOW - 6 * H, endMs: NOW });
    });
  });

  describe('dashboardPreview without a data source', () => {
    it('variables.json: title, saved time, variables from the saved values', async () => {
      const p = await dashboardPreview(read('workspace/dashboards/variables.json'), { nowMs: NOW, datasourceName: 'fixture' });
      assert.equal(p.error, undefined);
      assert.equal(p.title, 'Service variables');
      assert.deepEqual(p.time, { from: 'now-1h', to: 'now' });
      assert.deepEqual(p.range, { startMs: NOW - H, endMs: NOW });
      assert.equal(p.datasource, 'fixture');
      assert.equal((p.dashboard as { uid: string }).uid, 'service-variables');
      const views = p.variables.map((v) => [v.name, v.type, v.hide, v.multi, v.includeAll, v.options.map((o) => o.value), v.current.value, v.error !== undefined]);
      assert.deepEqual(views, [
        ['job', 'query', 0, true, true, [], ['api', 'web'], true],
        ['instance', 'custom', 0, false, false, ['api-1:8080', 'api-2:8080'], 'api-1:8080', false],
        ['code', 'constant', 2, false, false, ['200'], '200', false],
        ['window', 'interval', 0, false, false, ['5m', '10m', '1h'], '10m', false],
      ]);
      assert.equal(p.variables[1].current.text, 'api-1');
    });

    it('a selection replaces the saved value; the time given replaces the saved one', async () => {
      const p = await dashboardPreview(read('workspace/dashboards/variables.json'), {
        nowMs: NOW, selections: { instance: 'api-2:8080', job: ['$__all'] }, time: { from: '1700000000000', to: '1700003600000' },
      });
      assert.deepEqual(p.range, { startMs: 1_700_000_000_000, endMs: 1_700_003_600_000 });
      assert.deepEqual(p.variables[1].current, { text: 'api-2', value: 'api-2:8080' });
      assert.deepEqual(p.variables[0].current, { text: ['All'], value: ['$__all'] });
    });

    it('unwraps an export wrapper {dashboard, overwrite}', async () => {
      const p = await dashboardPreview('{"dashboard": {"title": "Wrapped", "time": {"from": "now-2h", "to": "now"}, "panels": []}, "overwrite": true}', { nowMs: NOW });
      assert.equal(p.title, 'Wrapped');
      assert.deepEqual(p.range, { startMs: NOW - 2 * H, endMs: NOW });
      assert.deepEqual(JSON.parse(JSON.stringify(p.dashboard)), { title: 'Wrapped', time: { from: 'now-2h', to: 'now' }, panels: [] });
    });

    it('plain JSON (JSON.parse) and JSON with comments (the tree) give the same preview; omitDashboard leaves the dashboard out', async () => {
      for (const file of ['workspace/dashboards/variables.json', 'corpus/dashboards/rfmoz/node-exporter-full.json', 'corpus/dashboards/dotdc/k8s-views-pods.json']) {
        const plain = read(file);
        const commented = `// a comment\n${plain}`;
        const fromPlain = await dashboardPreview(plain, { nowMs: NOW, datasourceName: 'fixture' });
        clearVariableCache();
        const fromTree = await dashboardPreview(commented, { nowMs: NOW, datasourceName: 'fixture' });
        assert.equal(fromPlain.error, undefined, file);
        assert.deepEqual(JSON.parse(JSON.stringify(fromPlain)), JSON.parse(JSON.stringify(fromTree)), file);
        assert.ok(fromPlain.variables.length > 0, file);
        const omitted = await dashboardPreview(plain, { nowMs: NOW, datasourceName: 'fixture', omitDashboard: true });
        assert.equal('dashboard' in omitted, false);
        assert.deepEqual({ ...omitted, dashboard: fromPlain.dashboard }, fromPlain);
      }
    });

    const invalid: Array<[string, string, { line: number; character: number }]> = [
      ['a missing comma', '{\n  "title": "x"\n  "panels": []\n}', { line: 2, character: 2 }],
      ['a half-typed value', '{\n  "title": \n}', { line: 2, character: 0 }],
      ['an unclosed object', '{"panels": [{"id": 1}', { line: 0, character: 21 }],
    ];
    for (const [name, text, at] of invalid) {
      it(`invalid JSON (${name}): error position, no dashboard`, async () => {
        const p = await dashboardPreview(text, { nowMs: NOW });
        assert.equal(p.dashboard, undefined);
        assert.ok(p.error?.message.startsWith('invalid JSON: '), p.error?.message);
        assert.deepEqual({ line: p.error!.line, character: p.error!.character }, at);
      });
    }
  });

  describe('panels', () => {
    const text = JSON.stringify({
      panels: [
        { id: 1, type: 'timeseries', targets: [{ refId: 'A', expr: 'up' }, { refId: 'B', expr: 'down', hide: true }] },
        { id: 2, type: 'row', collapsed: true, panels: [{ id: 3, type: 'stat', interval: '1m', targets: [{ refId: 'A', expr: 'rate(x[$__interval])', instant: true }] }] },
      ],
      rows: [{ panels: [{ id: 4, type: 'graph', targets: [{ refId: 'A', expr: 'y' }] }] }],
    }, null, 2);

    it('panelPaths: panels, collapsed rows, legacy rows, in document order', () => {
      assert.deepEqual(panelPaths(text).map((p) => [p.path, p.type]), [
        [['panels', 0], 'timeseries'], [['panels', 1], 'row'], [['panels', 1, 'panels', 0], 'stat'], [['rows', 0, 'panels', 0], 'graph'],
      ]);
    });

    const ranges: Array<[Array<string | number>, number | undefined]> = [
      [['panels', 0], 1], [['panels', 1, 'panels', 0], 3], [['rows', 0, 'panels', 0], 4], [['panels', 9], undefined], [['panels', 0, 'targets', 0, 'expr'], undefined],
    ];
    for (const [path, id] of ranges) {
      it(`panelRange ${JSON.stringify(path)}`, () => {
        const r = panelRange(text, path);
        if (id === undefined) return assert.equal(r, undefined);
        assert.equal((JSON.parse(text.slice(r!.start, r!.end)) as { id: number }).id, id);
      });
    }

    it('panelQuery without a data source: hidden targets skipped, interpolated, an error per target', async () => {
      const range = { startMs: 1_700_000_000_000, endMs: 1_700_003_600_000 };
      const r = await panelQuery(text, ['panels', 0], { range, widthPx: 600 });
      assert.deepEqual(r.results.map((t) => [t.refId, t.expr, t.mode, t.error]), [['A', 'up', 'range', 'no data source to run the query on']]);
      // 1h over 600 px: 6 s → rounded 5 s, at least the 15 s scrape interval.
      assert.equal(r.intervalMs, 15_000);
      assert.equal(r.stepMs, 15_000);
      const stat = await panelQuery(text, ['panels', 1, 'panels', 0], { range, widthPx: 600 });
      assert.deepEqual(stat.results.map((t) => [t.expr, t.mode]), [['rate(x[1m])', 'instant']]);
      assert.equal(stat.stepMs, 60_000);
      await assert.rejects(panelQuery(text, ['panels', 7], { range, widthPx: 600 }), /no panel at/);
    });

    it('panelQuery with the time as written: evaluated at the query\'s now, not on the range given (absolute times exact)', async () => {
      const stale = { startMs: NOW - 2 * H, endMs: NOW - H };
      const moved = await panelQuery(text, ['panels', 0], { range: stale, time: { from: 'now-1h', to: 'now' }, nowMs: NOW, widthPx: 600 });
      assert.deepEqual(moved.range, { startMs: NOW - H, endMs: NOW });
      const day = await panelQuery(text, ['panels', 0], { range: stale, time: { from: 'now/d', to: 'now/d' }, nowMs: NOW, widthPx: 600 });
      assert.deepEqual(day.range, { startMs: Date.UTC(2024, 2, 15), endMs: Date.UTC(2024, 2, 16) - 1 });
      assert.equal(day.intervalMs, 120_000); // on that range: 24h over 600 px, 144 s → Grafana's 2m (the stale 1h gives 15 s)
      const absolute = { from: '1700000000123', to: '1700003600456' };
      const exact = await panelQuery(text, ['panels', 0], { range: stale, time: absolute, nowMs: NOW, widthPx: 600 });
      assert.deepEqual(exact.range, { startMs: 1_700_000_000_123, endMs: 1_700_003_600_456 });
      const without = await panelQuery(text, ['panels', 0], { range: stale, nowMs: NOW, widthPx: 600 });
      assert.deepEqual(without.range, stale);
    });
  });

  describe('panelQuery reads the panel alone from plain JSON: the same queries as from the whole positioned document', () => {
    const templating = {
      list: [
        { name: 'ds', type: 'datasource', query: 'prometheus', current: { value: 'p' } },
        { name: 'logs', type: 'datasource', query: 'loki', current: { value: 'l' } },
        { name: 'job', type: 'custom', query: 'api,web', multi: true, current: { text: ['api', 'web'], value: ['api', 'web'] } },
        { name: 'every', type: 'interval', query: '1m,5m', current: { value: '5m' } },
      ],
    };
    const panels = [
      { id: 1, type: 'timeseries', datasource: '$ds', interval: '$every', targets: [{ expr: 'rate(up{job=~"$job"}[$__rate_interval])', legendFormat: '{{job}} $job' }, { refId: 'B', expr: '{app="x"}', datasource: { uid: '$logs' } }] },
      { id: 2, type: 'row', collapsed: true, panels: [{ id: 3, type: 'stat', repeat: 'job', targets: [{ refId: 'A', expr: 'sum(up{job="$job"})', instant: true }] }] },
      { id: 4, type: 'timeseries', datasource: { type: 'loki', uid: 'l' }, targets: [{ refId: 'A', expr: 'count_over_time({job="x"}[5m])' }] },
    ];
    const docs: Array<[string, string, Array<Array<string | number>>]> = [
      ['a dashboard', JSON.stringify({ templating, panels }, null, 2), [['panels', 0], ['panels', 1, 'panels', 0], ['panels', 2]]],
      ['an export wrapper with its __inputs outside', JSON.stringify({ __inputs: [{ name: 'DS_P', pluginId: 'prometheus' }, { name: 'DS_L', pluginId: 'loki' }], dashboard: { templating: { list: [] }, panels: [{ id: 1, type: 'graph', datasource: '${DS_P}', targets: [{ refId: 'A', expr: 'up' }, { refId: 'B', expr: 'sum(x)', datasource: '${DS_L}' }] }] } }), [['panels', 0]]],
      ['legacy rows', JSON.stringify({ templating, rows: [{ panels: [{ id: 5, type: 'graph', targets: [{ refId: 'A', expr: 'up{job=~"$job"}' }] }] }] }), [['rows', 0, 'panels', 0]]],
    ];
    it("does not evict the editor's parsed document (parseDashboard's one-entry cache)", async () => {
      const text = docs[0][1];
      const before = parseDashboard(text);
      await panelQuery(text, ['panels', 0], { range: { startMs: 0, endMs: H }, widthPx: 600 });
      assert.equal(parseDashboard(text), before);
    });

    const range = { startMs: 1_700_000_000_000, endMs: 1_700_003_600_000 };
    for (const [name, text, paths] of docs) {
      for (const path of paths) {
        it(`${name} ${JSON.stringify(path)}`, async () => {
          const opts = { range, widthPx: 600, scopedVars: { job: { text: 'web', value: 'web' } } };
          const plain = await panelQuery(text, path, opts);
          // A comment makes the text JSONC: panelQuery parses the whole document with positions then.
          const whole = await panelQuery(`// a comment\n${text}`, path, opts);
          assert.deepEqual(plain, whole);
          assert.ok(plain.results.length > 0 || JSON.stringify(path) === '["panels",2]', JSON.stringify(plain));
        });
      }
    }
  });

  describe("refIds: Grafana's ensureQueryIds / getNextRefId", () => {
    const letters: Array<[number, string]> = [[0, 'A'], [1, 'B'], [25, 'Z'], [26, 'AA'], [27, 'AB'], [51, 'AZ'], [52, 'BA'], [701, 'ZZ'], [702, 'AAA']];
    for (const [n, want] of letters) it(`refIdAt(${n}) = ${want}`, () => assert.equal(refIdAt(n), want));

    const AtoZ = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));
    const cases: Array<[string, unknown[], string[]]> = [
      ['none', [], []],
      ['all missing', [undefined, undefined, undefined], ['A', 'B', 'C']],
      ['a gap is filled (Grafana\'s own test)', ['A', undefined, 'C'], ['A', 'B', 'C']],
      ['a letter written later is skipped', [undefined, 'A'], ['B', 'A']],
      ['empty, null and 0 are missing', ['', null, 0], ['A', 'B', 'C']],
      ['given ones kept, even unusual', ['B', undefined, 'x', undefined], ['B', 'A', 'x', 'C']],
      ['a number is kept as its text', [1, undefined], ['1', 'A']],
      ['after Z: AA', [...AtoZ, undefined], [...AtoZ, 'AA']],
      ['after Z, AA taken: AB', [undefined, ...AtoZ.slice(1), 'AA', undefined], ['A', ...AtoZ.slice(1), 'AA', 'AB']],
    ];
    for (const [name, given, want] of cases) it(name, () => assert.deepEqual(ensureQueryIds(given), want));

    it('panelQuery: targets without refId get A, B … (hidden ones take their letter too); legendFormat kept', async () => {
      const text = JSON.stringify({
        panels: [{
          id: 1, type: 'timeseries',
          targets: [{ expr: 'up', legendFormat: '{{job}}' }, { expr: 'hidden', hide: true }, { expr: 'down', refId: '' }, { expr: 'x', refId: 'A' }, { expr: '' }],
        }],
      });
      const r = await panelQuery(text, ['panels', 0], { range: { startMs: 0, endMs: H }, widthPx: 600 });
      assert.deepEqual(r.results.map((t) => [t.refId, t.expr, t.legendFormat]), [['B', 'up', '{{job}}'], ['D', 'down', undefined], ['A', 'x', undefined]]);
    });
  });

  describe('evaluateVariables: one evaluation shared by the panels of a render', () => {
    const text = JSON.stringify({ templating: { list: [{ name: 'job', type: 'query', query: 'label_values(up, job)' }] } });
    const dash = parseDashboard(text).dash!;
    const range = { startMs: 0, endMs: H };
    // Counts the label-values calls; answers once released.
    const counting = () => {
      let calls = 0;
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const client = {
        labelValues: async () => { calls++; await gate; return ['b', 'a']; },
        labelNames: async () => [], series: async () => [], queryData: async () => ({}),
      };
      return { client, release, calls: () => calls };
    };

    it('concurrent and repeated calls run the query once; another selection runs it again', async () => {
      const c = counting();
      const all = Promise.all([1, 2, 3].map(() => evaluateVariables(dash, range, { client: c.client }, 1000)));
      c.release();
      const got = await all;
      // Unsorted (sort 0): the first option as the data source listed it.
      assert.deepEqual(got.map((r) => r.variables.get('job')!.value), ['b', 'b', 'b']);
      await evaluateVariables(dash, range, { client: c.client }, 1000 + 4000);
      assert.equal(c.calls(), 1);
      await evaluateVariables(dash, range, { client: c.client, selections: { job: 'a' } }, 1000);
      assert.equal(c.calls(), 2);
      await evaluateVariables(dash, range, { client: c.client }, 1000 + 60_000); // expired
      assert.equal(c.calls(), 3);
    });

    it('reused by the previews of an edited dashboard while the variables, selections and range (give or take `now` moving) stay; a refresh runs it again', async () => {
      const c = counting();
      c.release();
      const edited = (title: string) => parseDashboard(JSON.stringify({ title, templating: { list: [{ name: 'job', type: 'query', query: 'label_values(up, job)' }] } })).dash!;
      const later = (ms: number) => ({ startMs: range.startMs + ms, endMs: range.endMs + ms });
      await evaluateVariables(edited('a'), range, { client: c.client }, 1000);
      await evaluateVariables(edited('b'), later(3000), { client: c.client }, 4000); // another title, 3 s on
      await evaluateVariables(edited('c'), later(7000), { client: c.client }, 8000); // kept in use: still the same
      assert.equal(c.calls(), 1);
      await evaluateVariables(edited('d'), later(7000), { client: c.client }, 8000, { refresh: true });
      assert.equal(c.calls(), 2);
      await evaluateVariables(edited('e'), later(7000 + H), { client: c.client }, 8000); // another range
      assert.equal(c.calls(), 3);
      const other = parseDashboard(JSON.stringify({ templating: { list: [{ name: 'job', type: 'query', query: 'label_values(up, instance)' }] } })).dash!;
      await evaluateVariables(other, later(7000), { client: c.client }, 8000); // other variables
      assert.equal(c.calls(), 4);
      // In use every few seconds, but not longer than VARIABLE_MAX_AGE_MS since it ran.
      for (let t = 12_000; t <= 40_000; t += 4000) await evaluateVariables(edited('f'), later(t - 1000), { client: c.client }, t);
      assert.equal(c.calls(), 5);
    });

    it("a cancelled caller stops waiting; the others get the evaluation", async () => {
      const c = counting();
      const abort = new AbortController();
      const cancelled = evaluateVariables(dash, range, { client: c.client, call: { signal: abort.signal } }, 1000);
      const other = evaluateVariables(dash, range, { client: c.client }, 1000);
      abort.abort();
      await assert.rejects(cancelled, /cancelled/);
      c.release();
      assert.equal((await other).variables.get('job')!.value, 'b');
      assert.equal((await other).errors.size, 0);
      assert.equal(c.calls(), 1);
    });
  });
});
