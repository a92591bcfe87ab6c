// The Prometheus client and runQuery against a real VictoriaMetrics 1.79 (Debian) loaded with the
// same fixture data as a real Prometheus started beside it: the same queries must give the same
// series, and where MetricsQL deliberately differs (docs/MetricsQL.md, "implemented differently")
// the difference is asserted on both engines, so a change on either side shows up here.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PrometheusClient } from '../server/src/prometheus/client';
import { PrometheusError } from '../server/src/prometheus/errors';
import type { QueryResult } from '../server/src/prometheus/result';
import { runQuery, type RunQueryError, type RunQueryRequest, type RunQueryResult } from '../server/src/features/runQuery';
import { FIXTURE_START, startPrometheus, type RunningPrometheus } from './support/realPrometheus';
import { startVictoriaMetrics, type RunningVictoriaMetrics } from './support/realVictoriaMetrics';

const T = FIXTURE_START + 3600;
/** The CLI as users run it (needs `npm run build`, as test/cli.test.ts). */
const CLI = path.join(__dirname, '../server/bin/monitoring-as-code.js');

/** Series keyed by their labels, sorted: engines may order series differently. */
function bySeries(r: QueryResult): Array<[string, Array<[number, number]>]> {
  assert.ok(r.data.resultType === 'vector' || r.data.resultType === 'matrix', `got ${r.data.resultType}`);
  return r.data.series.map((s) => [JSON.stringify(Object.entries(s.metric).sort()), s.values] as [string, Array<[number, number]>]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describe('Prometheus client against a real VictoriaMetrics', function () {
  this.timeout(60_000);
  let vmServer: RunningVictoriaMetrics;
  let promServer: RunningPrometheus;
  let vm: PrometheusClient;
  let prom: PrometheusClient;
  before(async () => {
    [vmServer, promServer] = await Promise.all([startVictoriaMetrics(), startPrometheus()]);
    vm = new PrometheusClient({ name: 'vm', url: vmServer.url });
    prom = new PrometheusClient({ name: 'prom', url: promServer.url });
  });
  after(async () => Promise.all([vmServer?.stop(), promServer?.stop()]));

  const run = (url: string, req: Partial<RunQueryRequest> & { expr: string }) =>
    runQuery({ mode: 'instant', datasource: { name: 'ds', url }, ...req }, undefined, T * 1000);

  it('imports every fixture sample', () => {
    assert.deepEqual(vmServer.imported, { samples: 8 * 481, series: 8 });
  });

  it('runs the instant query of the Prometheus tests with the same exact values', async () => {
    const r = await vm.query('sum by (job) (rate(http_requests_total[5m]))', T);
    assert.equal(r.data.resultType, 'vector');
    if (r.data.resultType !== 'vector') return;
    const byJob = Object.fromEntries(r.data.series.map((s) => [s.metric.job, s.values[0][1]]));
    assert.deepEqual(byJob, { api: 3.2, web: 3 });
    assert.equal(r.data.series[0].values[0][0], T * 1000);
    assert.equal(r.stats.series, 2);
  });

  // [expression, series expected] at T, where the fixture's regular samples make both engines exact.
  const agreeing: Array<[string, number]> = [
    ['rate(http_requests_total[1m])', 4],
    ['increase(http_requests_total[5m])', 4],
    ['irate(http_requests_total[5m])', 4],
    ['deriv(node_memory_used_bytes[5m])', 2],
    ['delta(node_memory_used_bytes[5m])', 2],
    ['temperature_celsius', 1],
    ['http_requests_total offset 1h', 4],
    ['topk(2, http_requests_total)', 2],
    ['sum(http_requests_total) by (code)', 2],
    ['node_memory_used_bytes / 1024', 2],
    ['histogram_quantile(0.9, sum by (le) (rate(http_requests_total[5m])))', 0],
    ['changes(temperature_celsius[1h])', 1],
    ['resets(http_requests_total[1h])', 4],
    ['label_replace(xss_probe, "x", "$1", "job", "(.*)")', 1],
    ['absent(nope)', 1],
    ['vector(1)', 1],
    ['http_requests_total > 100000', 0],
  ];
  for (const [expr, count] of agreeing) {
    it(`agrees with Prometheus series by series: ${expr}`, async () => {
      const [a, b] = await Promise.all([prom.query(expr, T), vm.query(expr, T)]);
      assert.equal(b.data.resultType, a.data.resultType);
      assert.deepEqual(bySeries(b), bySeries(a));
      assert.equal(b.data.resultType === 'vector' ? b.data.series.length : -1, count);
    });
  }

  it('runs the range query of the Prometheus tests with every point', async () => {
    const r = await vm.queryRange('node_memory_used_bytes{instance="node-1:9100"}', T - 3600, T, 60);
    assert.equal(r.data.resultType, 'matrix');
    if (r.data.resultType !== 'matrix') return;
    assert.equal(r.data.series.length, 1);
    assert.equal(r.data.series[0].values.length, 61);
    assert.ok(r.data.series[0].values.every(([, v]) => v === 1073741824));
    assert.equal(r.stats.samples, 61);
  });

  for (const expr of ['temperature_celsius', 'node_memory_used_bytes', 'sum by (job) (increase(http_requests_total[1m]))']) {
    it(`gives the results panel the same range result as Prometheus: ${expr}`, async () => {
      const req = { expr, mode: 'range' as const, range: { startMs: (T - 1800) * 1000, endMs: T * 1000 } };
      const [a, b] = (await Promise.all([run(promServer.url, req), run(vmServer.url, req)])) as RunQueryResult[];
      assert.equal(a.type, 'result');
      assert.equal(b.type, 'result', JSON.stringify(b));
      assert.deepEqual(b.range, { startMs: (T - 1800) * 1000, endMs: T * 1000, stepMs: 7000 });
      assert.equal(b.data.resultType, 'matrix');
      assert.deepEqual(b.data, a.data);
      assert.deepEqual({ ...b.stats, durationMs: 0 }, { ...a.stats, durationMs: 0 });
      assert.ok(b.stats.samples >= 257, String(b.stats.samples));
    });
  }

  describe('documented MetricsQL differences, asserted on both engines', () => {
    it('rate() over a range: the true rate at every point, where Prometheus extrapolates to within rounding', async () => {
      const req = { expr: 'rate(http_requests_total[5m])', mode: 'range' as const, range: { startMs: (T - 1800) * 1000, endMs: T * 1000 } };
      const [a, b] = (await Promise.all([run(promServer.url, req), run(vmServer.url, req)])) as RunQueryResult[];
      assert.ok(a.data.resultType === 'matrix' && b.data.resultType === 'matrix');
      const perSecond: Record<string, number> = { 'api-1:8080 200': 2, 'api-2:8080 200': 1, 'api-1:8080 500': 0.2, 'web-1:80 200': 3 };
      assert.equal(b.data.series.length, 4);
      const promSeries = a.data.series;
      for (const s of b.data.series) {
        const want = perSecond[`${s.metric.instance} ${s.metric.code}`];
        assert.equal(s.values.length, 258);
        assert.ok(s.values.every(([, v]) => v === want), `${JSON.stringify(s.metric)} is not exactly ${want}/s`);
        const fromProm = promSeries.find((x) => x.metric.instance === s.metric.instance && x.metric.code === s.metric.code);
        assert.ok(fromProm);
        assert.deepEqual(fromProm.values.map(([t]) => t), s.values.map(([t]) => t));
        assert.ok(fromProm.values.every(([, v]) => Math.abs(Number(v) - want) < 1e-12 * want), JSON.stringify(fromProm.metric));
      }
      assert.ok(a.data.series.some((s) => s.values.some(([, v]) => v !== perSecond[`${s.metric.instance} ${s.metric.code}`])), 'Prometheus is exact too: drop this case');
    });

    it('rate() does not extrapolate: at a series start VictoriaMetrics gives the true rate', async () => {
      const expr = 'rate(http_requests_total{instance="api-1:8080",code="200"}[5m])';
      const [a, b] = await Promise.all([prom.query(expr, FIXTURE_START + 60), vm.query(expr, FIXTURE_START + 60)]);
      // Prometheus: 120 requests in the 60 s covered, spread over the 300 s window; MetricsQL: 2/s.
      assert.deepEqual(bySeries(a).map(([, v]) => v), [[[(FIXTURE_START + 60) * 1000, 0.4]]]);
      assert.deepEqual(bySeries(b).map(([, v]) => v), [[[(FIXTURE_START + 60) * 1000, 2]]]);
    });

    it('range windows: Prometheus 2.42 includes the sample at the window start, VictoriaMetrics does not', async () => {
      const expr = 'count_over_time(temperature_celsius[1h])';
      const [a, b] = await Promise.all([prom.query(expr, T), vm.query(expr, T)]);
      assert.equal(bySeries(a)[0][1][0][1], 241);
      assert.equal(bySeries(b)[0][1][0][1], 240);
    });

    it('keeps the metric name after functions that keep the meaning (max_over_time), with the same value', async () => {
      const expr = 'max_over_time(temperature_celsius[10m])';
      const [a, b] = await Promise.all([prom.query(expr, T), vm.query(expr, T)]);
      assert.ok(a.data.resultType === 'vector' && b.data.resultType === 'vector');
      assert.deepEqual(a.data.series[0].metric, { job: 'sensors', room: 'lab' });
      assert.deepEqual(b.data.series[0].metric, { __name__: 'temperature_celsius', job: 'sensors', room: 'lab' });
      assert.deepEqual(b.data.series[0].values, a.data.series[0].values);
    });

    it('answers a scalar as a vector without labels', async () => {
      const expr = 'scalar(sum(node_memory_used_bytes{instance="node-1:9100"})) / 2';
      const [a, b] = await Promise.all([prom.query(expr, T), vm.query(expr, T)]);
      assert.deepEqual(a.data, { resultType: 'scalar', value: [T * 1000, 536870912] });
      assert.deepEqual(b.data, { resultType: 'vector', series: [{ metric: {}, values: [[T * 1000, 536870912]] }] });
      assert.deepEqual(b.stats.series, 1);
    });

    it('has no string results: a string literal gives an empty vector', async () => {
      const [a, b] = await Promise.all([prom.query('"hello"', T), vm.query('"hello"', T)]);
      assert.deepEqual(a.data, { resultType: 'string', value: [T * 1000, 'hello'] });
      assert.deepEqual(b.data, { resultType: 'vector', series: [] });
    });

    it('drops NaN samples but keeps ±Inf, which the client reads as numbers', async () => {
      const [a, b] = await Promise.all([prom.query('xss_probe * 0 / 0', T), vm.query('xss_probe * 0 / 0', T)]);
      assert.ok(a.data.resultType === 'vector' && Number.isNaN(a.data.series[0].values[0][1]));
      assert.deepEqual(b.data, { resultType: 'vector', series: [] });
      const inf = await vm.query('xss_probe / 0', T);
      assert.ok(inf.data.resultType === 'vector');
      assert.equal(inf.data.series[0].values[0][1], Infinity);
      const panel = (await run(vmServer.url, { expr: '-xss_probe / 0' })) as RunQueryResult;
      assert.equal(panel.type, 'result');
      assert.ok(panel.data.resultType === 'vector');
      assert.deepEqual(panel.data.series[0].values, [[T * 1000, '-Inf']]);
    });

    it('/api/v1/series without start/end looks at the last 5 minutes only (Prometheus: all time)', async () => {
      const [a, b] = await Promise.all([prom.series(['xss_probe']), vm.series(['xss_probe'])]);
      assert.equal(a.length, 1);
      assert.deepEqual(b, []);
      const [a2, b2] = await Promise.all([prom.series(['xss_probe'], FIXTURE_START, T), vm.series(['xss_probe'], FIXTURE_START, T)]);
      assert.deepEqual(b2, a2);
      assert.equal(b2[0].job, '<script>alert(1)</script>');
      assert.equal(b2[0].note, '<img src=x onerror=alert(2)>&amp;"quoted"');
    });
  });

  it('lists label names and values like Prometheus, and honours limit where Prometheus 2.42 ignores it', async () => {
    assert.deepEqual(await vm.labelNames(['http_requests_total']), ['__name__', 'code', 'instance', 'job']);
    assert.deepEqual(await vm.labelValues('job', ['http_requests_total{code="500"}']), ['api']);
    const [a, b] = await Promise.all([prom.labelValues('__name__'), vm.labelValues('__name__')]);
    assert.deepEqual(b, a);
    assert.deepEqual(b, ['http_requests_total', 'node_memory_used_bytes', 'temperature_celsius', 'xss_probe']);
    const [names, namesVm] = await Promise.all([prom.labelNames(), vm.labelNames()]);
    assert.deepEqual(namesVm, names);
    assert.deepEqual(await vm.labelNames([], 2), ['__name__', 'code']);
    assert.equal((await prom.labelNames([], 2)).length, names.length);
    assert.equal((await vm.labelValues('job', [], 2)).length, 2);
  });

  it('has no metadata and no build info: the client answers empty, without an error', async () => {
    assert.deepEqual(await vm.metadata(), {});
    assert.deepEqual(await vm.metadata('http_requests_total', 10), {});
    assert.equal(await vm.buildInfo(), null);
    assert.match((await prom.buildInfo())?.version ?? '', /^2\.\d+\.\d+/);
  });

  describe('syntax errors', () => {
    // [expression, where the error is, message]: VictoriaMetrics reports the unparsed rest of the
    // query instead of a line:column; runQuery turns it into the same position Prometheus gives.
    const cases: Array<[string, number, string]> = [
      ['sum(rate(http_requests_total[5m])', 33, 'unexpected end of input; want ",", ")"'],
      ['foo{a="é日本"} +', 14, 'unexpected end of input; want "(", "{", "-", "+"'],
      ['rate(foo[5x])', 10, 'unexpected token "x"; want "]"'],
      ['sum(x) )', 7, 'unexpected ")" after the expression'],
      ['a +\n (b', 7, 'unexpected end of input; want "," or ")"'],
    ];
    for (const [expr, at, message] of cases) {
      for (const mode of ['instant', 'range'] as const) {
        it(`${mode} ${JSON.stringify(expr)} → syntax error at ${at}`, async () => {
          const r = (await run(vmServer.url, { expr, mode })) as RunQueryError;
          assert.equal(r.type, 'error');
          assert.deepEqual({ kind: r.kind, message: r.message, errorRange: r.errorRange }, { kind: 'syntax', message, errorRange: { start: at, end: at } });
        });
      }
    }

    // The CLI's `query` prints them as Prometheus' own: `line:column` (UTF-8 bytes), then the message.
    const cli = (url: string, expr: string) => spawnSync(process.execPath, [CLI, 'query', '--url', url, '--time', String(T), expr], { encoding: 'utf8' });
    for (const [expr, at, message] of cases) {
      it(`the query command: ${JSON.stringify(expr)} → line:column of offset ${at}`, () => {
        const before = expr.slice(0, at);
        const line = before.split('\n').length;
        const column = Buffer.byteLength(before.slice(before.lastIndexOf('\n') + 1)) + 1;
        const r = cli(vmServer.url, expr);
        assert.equal(r.status, 1, r.stderr);
        assert.equal(r.stderr, `${line}:${column}: parse error: ${message}\n`);
      });
    }
    it('the query command: an unclosed parenthesis at the line:column Prometheus prints', () => {
      const expr = 'sum(rate(http_requests_total[5m])';
      const position = (stderr: string) => /^\d+:\d+: parse error: /.exec(stderr)?.[0];
      const [prom, vmr] = [cli(promServer.url, expr), cli(vmServer.url, expr)];
      assert.ok(position(prom.stderr), prom.stderr);
      assert.equal(position(vmr.stderr), position(prom.stderr));
    });

    it('puts an unclosed parenthesis where Prometheus does', async () => {
      const expr = 'sum(rate(http_requests_total[5m])';
      const [a, b] = (await Promise.all([run(promServer.url, { expr }), run(vmServer.url, { expr })])) as RunQueryError[];
      assert.equal(a.kind, 'syntax');
      assert.equal(b.kind, 'syntax');
      assert.deepEqual(b.errorRange, a.errorRange);
    });

    it('reports an unknown function as HTTP 422 with the server message (no position)', async () => {
      await assert.rejects(vm.query('nosuchfn(up)', T), (e: unknown) => {
        assert.ok(e instanceof PrometheusError);
        assert.equal(e.kind, 'api');
        assert.equal(e.details.errorType, '422');
        assert.equal(e.details.status, 422);
        return true;
      });
      const r = (await run(vmServer.url, { expr: 'nosuchfn(up)' })) as RunQueryError;
      assert.equal(r.type, 'error');
      assert.equal(r.kind, '422');
      assert.match(r.message, /unknown func "nosuchfn"$/);
      assert.equal(r.errorRange, undefined);
    });
  });
});
