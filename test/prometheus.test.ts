// The Prometheus client against a real Prometheus with known data, and against a fault server.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PrometheusClient } from '../server/src/prometheus/client';
import { PrometheusError, parseServerSyntaxError, serverPositionToOffset } from '../server/src/prometheus/errors';
import { defaultStepSec } from '../server/src/prometheus/step';
import { startFaultServer, type Fault, type FaultServer } from './support/faultServer';
import { FIXTURE_START, type RunningPrometheus } from './support/realPrometheus';
import { fixturePrometheus } from './support/fixturePrometheus';

const T = FIXTURE_START + 3600;

describe('Prometheus client against a real Prometheus', function () {
  this.timeout(60_000);
  let prom: RunningPrometheus;
  let client: PrometheusClient;
  fixturePrometheus((p, c) => {
    prom = p;
    client = c;
  });

  it('runs an instant query and returns exact values from the fixture data', async () => {
    const r = await client.query('sum by (job) (rate(http_requests_total[5m]))', T);
    assert.equal(r.data.resultType, 'vector');
    if (r.data.resultType !== 'vector') return;
    const byJob = Object.fromEntries(r.data.series.map((s) => [s.metric.job, s.values[0][1]]));
    assert.deepEqual(byJob, { api: 3.2, web: 3 });
    assert.equal(r.data.series[0].values[0][0], T * 1000);
    assert.equal(r.stats.series, 2);
  });

  it('runs a range query with the UI step and gets every point', async () => {
    const step = defaultStepSec(3600);
    assert.equal(step, 14);
    const r = await client.queryRange('node_memory_used_bytes{instance="node-1:9100"}', T - 3600, T, 60);
    assert.equal(r.data.resultType, 'matrix');
    if (r.data.resultType !== 'matrix') return;
    assert.equal(r.data.series.length, 1);
    assert.equal(r.data.series[0].values.length, 61);
    assert.ok(r.data.series[0].values.every(([, v]) => v === 1073741824));
    assert.equal(r.stats.samples, 61);
  });

  it('returns scalars and strings', async () => {
    const s = await client.query('scalar(sum(node_memory_used_bytes{instance="node-1:9100"})) / 2', T);
    assert.deepEqual(s.data, { resultType: 'scalar', value: [T * 1000, 536870912] });
    const str = await client.query('"hello"', T);
    assert.deepEqual(str.data, { resultType: 'string', value: [T * 1000, 'hello'] });
  });

  it('reports a syntax error with the position the editor needs', async () => {
    const expr = 'sum(rate(http_requests_total[5m])';
    await assert.rejects(client.query(expr, T), (e: unknown) => {
      assert.ok(e instanceof PrometheusError);
      assert.equal(e.kind, 'api');
      assert.equal(e.details.errorType, 'bad_data');
      const pos = parseServerSyntaxError(e.message);
      assert.ok(pos, e.message);
      assert.equal(pos.message, 'unclosed left parenthesis');
      assert.equal(serverPositionToOffset(expr, pos), expr.length);
      return true;
    });
  });

  it('maps byte columns to UTF-16 offsets with non-ASCII text before the error', async () => {
    const expr = 'foo{a="é日本"} +';
    await assert.rejects(client.query(expr, T), (e: unknown) => {
      const pos = parseServerSyntaxError((e as Error).message)!;
      assert.equal(serverPositionToOffset(expr, pos), expr.length);
      return true;
    });
  });

  it('lists label names and values scoped by match[], with limit', async () => {
    const names = await client.labelNames(['http_requests_total']);
    assert.deepEqual(names, ['__name__', 'code', 'instance', 'job']);
    const jobs = await client.labelValues('job', ['http_requests_total{code="500"}']);
    assert.deepEqual(jobs, ['api']);
    const metrics = await client.labelValues('__name__');
    assert.ok(metrics.includes('temperature_celsius') && metrics.includes('xss_probe'));
    const series = await client.series(['xss_probe'], FIXTURE_START, T);
    assert.equal(series[0].job, '<script>alert(1)</script>');
  });

  it('reads the server version from status/buildinfo', async () => {
    const info = await client.buildInfo();
    assert.match(info?.version ?? '', /^\d+\.\d+\.\d+/);
  });

  it('answers through the CLI: a table for instant queries, JSON on request, exit 1 on a syntax error', () => {
    const cli = (args: string[]) => spawnSync(process.execPath, [path.join(__dirname, '../server/out/cli.js'), 'query', '--url', prom.url, ...args], { encoding: 'utf8' });
    const table = cli(['--time', String(T), 'sum by (job) (rate(http_requests_total[5m]))']);
    assert.equal(table.status, 0, table.stderr);
    assert.equal(table.stdout, '{job="api"}  3.2\n{job="web"}  3\n');
    const json = cli(['--start', String(T - 60), '--end', String(T), '--step', '30s', '--json', 'node_memory_used_bytes{instance="node-1:9100"}']);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.data.resultType, 'matrix');
    assert.deepEqual(parsed.data.series[0].values, [[(T - 60) * 1000, 1073741824], [(T - 30) * 1000, 1073741824], [T * 1000, 1073741824]]);
    const bad = cli(['--time', String(T), 'sum(rate(x[5m])']);
    assert.equal(bad.status, 1);
    assert.equal(bad.stderr, '1:16: parse error: unclosed left parenthesis\n');
  });

  it('caps large results and says what it dropped', async () => {
    const capped = new PrometheusClient({ name: 'fixture', url: prom.url }, {}, { caps: { maxSeries: 2, maxPointsPerSeries: 10 } });
    const r = await capped.queryRange('http_requests_total', T - 3600, T, 60);
    assert.ok(r.data.resultType === 'matrix');
    assert.equal(r.data.series.length, 2);
    assert.deepEqual(r.truncated, { seriesKept: 2, seriesTotal: 4, pointsDropped: 2 * 51 });
    assert.ok(r.data.series.every((s) => s.values.length === 10));
  });
});

describe('Prometheus client failure modes', function () {
  this.timeout(30_000);
  let faults: FaultServer;
  before(async () => {
    faults = await startFaultServer();
  });
  after(async () => faults?.close());

  const cases: Array<[Fault, PrometheusError['kind'], RegExp]> = [
    ['500', 'http', /HTTP 500/],
    ['502-html', 'http', /HTTP 502 \(an HTML page/],
    ['html-200', 'bad-response', /did not return Prometheus API JSON \(an HTML page/],
    ['garbage-json', 'bad-response', /malformed JSON/],
    ['truncated-json', 'bad-response', /malformed JSON/],
    ['wrong-shape', 'bad-response', /unexpected query result/],
    ['redirect-loop', 'redirect', /too many redirects/],
    ['not-found', 'http', /endpoint not found/],
  ];
  for (const [fault, kind, message] of cases) {
    it(`${fault} → ${kind} error with a clear message`, async () => {
      const c = new PrometheusClient({ name: 'faulty', url: faults.url(fault) }, {}, { timeoutMs: 5000 });
      await assert.rejects(c.query('up'), (e: unknown) => {
        assert.ok(e instanceof PrometheusError, String(e));
        assert.equal(e.kind, kind);
        assert.match(e.message, message);
        return true;
      });
    });
  }

  it('times out a slow server', async () => {
    const c = new PrometheusClient({ name: 'slow', url: faults.url('slow') }, {}, { timeoutMs: 300 });
    const t0 = Date.now();
    await assert.rejects(c.query('up'), (e: unknown) => (e as PrometheusError).kind === 'timeout' && /within 300 ms/.test((e as Error).message));
    assert.ok(Date.now() - t0 < 2000);
    const c2 = new PrometheusClient({ name: 'hang', url: faults.url('hang-after-headers') }, {}, { timeoutMs: 300 });
    await assert.rejects(c2.query('up'), (e: unknown) => (e as PrometheusError).kind === 'timeout');
  });

  it('cancels a request when the caller aborts, and closes the connection', async () => {
    const c = new PrometheusClient({ name: 'slow', url: faults.url('slow') });
    const ac = new AbortController();
    const before = faults.aborted;
    setTimeout(() => ac.abort(), 100);
    await assert.rejects(c.query('up', undefined, { signal: ac.signal }), (e: unknown) => (e as PrometheusError).kind === 'cancelled');
    for (let i = 0; i < 50 && faults.aborted === before; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(faults.aborted, before + 1);
  });

  it('refuses a response over the size cap', async () => {
    const c = new PrometheusClient({ name: 'huge', url: faults.url('huge') }, {}, { maxBytes: 4 << 20 });
    await assert.rejects(c.query('up'), (e: unknown) => (e as PrometheusError).kind === 'too-large' && /larger than 4 MiB/.test((e as Error).message));
  });

  it('says the server is unreachable when nothing listens', async () => {
    const c = new PrometheusClient({ name: 'down', url: 'http://127.0.0.1:9' });
    await assert.rejects(c.query('up'), (e: unknown) => (e as PrometheusError).kind === 'unreachable' && /connection refused/.test((e as Error).message));
  });

  it('sends basic and bearer credentials without putting them in messages', async () => {
    const c = new PrometheusClient({ name: 'auth', url: faults.url('500'), auth: { kind: 'basic', username: 'u' } }, { password: 's3cret' });
    await assert.rejects(c.query('up'), (e: unknown) => !String((e as Error).message).includes('s3cret'));
  });
});
