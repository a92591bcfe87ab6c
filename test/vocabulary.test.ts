// The vocabulary cache and the backend completion source against a real Prometheus (the fixture
// data; a second one scraping an OpenMetrics endpoint for HELP/TYPE/UNIT) and the fault server.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusClient } from '../server/src/prometheus/client';
import { PrometheusError } from '../server/src/prometheus/errors';
import { VocabularyCache, type Lookup } from '../server/src/prometheus/vocabularyCache';
import { backendCompletionSource } from '../server/src/features/backendCompletion';
import { completePromQL, staticSource, type CompletionResult } from '../server/src/features/completion';
import { metricHoverSection } from '../server/src/features/metricHover';
import { startFaultServer, type FaultServer } from './support/faultServer';
import { freePort, startPrometheus, type RunningPrometheus } from './support/realPrometheus';
import { fixturePrometheus } from './support/fixturePrometheus';

const FIXTURE_METRICS = ['http_requests_total', 'node_memory_used_bytes', 'temperature_celsius', 'xss_probe'];

/** Waits for the request a lookup started, then looks again. */
async function filled<T>(get: () => Lookup<T>): Promise<Lookup<T>> {
  await get().pending;
  return get();
}

/** Completion at `|` with the language and the backend. */
async function complete(cache: VocabularyCache, marked: string, waitMs = 300): Promise<CompletionResult> {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return completePromQL(text, offset, {}, [staticSource, backendCompletionSource(() => cache, { waitMs })]);
}

const labelsOf = (r: CompletionResult, kind: string) => r.candidates.filter((c) => c.kind === kind).map((c) => c.label);

describe('vocabulary cache against a real Prometheus', function () {
  this.timeout(60_000);
  let client: PrometheusClient;
  fixturePrometheus((_, c) => {
    client = c;
  });

  it("holds the fixture's metric names, label names and values, scoped by match[]", async () => {
    const cache = new VocabularyCache(client);
    assert.deepEqual((await filled(() => cache.metricNames())).value, { names: FIXTURE_METRICS, truncated: false });
    assert.deepEqual((await filled(() => cache.labelNames())).value?.names, ['__name__', 'code', 'instance', 'job', 'note', 'room']);
    assert.deepEqual((await filled(() => cache.labelNames(['http_requests_total{}']))).value?.names, ['__name__', 'code', 'instance', 'job']);
    assert.deepEqual((await filled(() => cache.labelValues('instance', ['http_requests_total{job="api"}']))).value?.names, ['api-1:8080', 'api-2:8080']);
    assert.deepEqual((await filled(() => cache.labelValues('job'))).value?.names, ['<script>alert(1)</script>', 'api', 'node', 'sensors', 'web']);
    assert.deepEqual((await filled(() => cache.labelValues('__name__', ['{job="node"}']))).value?.names, ['node_memory_used_bytes']);
    cache.dispose();
  });

  it('caps what it keeps and says so, whether or not the server honours limit', async () => {
    const cache = new VocabularyCache(client, { maxMetricNames: 2, maxLabelValues: 3 });
    assert.deepEqual((await filled(() => cache.metricNames())).value, { names: FIXTURE_METRICS.slice(0, 2), truncated: true });
    assert.deepEqual((await filled(() => cache.labelValues('job'))).value, { names: ['<script>alert(1)</script>', 'api', 'node'], truncated: true });
    assert.deepEqual((await filled(() => cache.labelValues('code'))).value, { names: ['200', '500'], truncated: false });
    cache.dispose();
  });

  it('knows it cut the list when the server honours limit (Prometheus ≥ 2.49) too', async () => {
    // 2.42 (Debian's, above) ignores limit; a newer server sends `limit` names: one more than kept.
    const asked: string[] = [];
    const newer = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      asked.push(`${url.pathname}?${url.searchParams}`);
      const limit = Number(url.searchParams.get('limit') ?? Infinity);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: FIXTURE_METRICS.slice(0, limit) }));
    });
    await new Promise<void>((r) => newer.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(newer.address() as AddressInfo).port}`;
      const cache = new VocabularyCache(new PrometheusClient({ name: 'newer', url }), { maxMetricNames: 2 });
      assert.deepEqual((await filled(() => cache.metricNames())).value, { names: FIXTURE_METRICS.slice(0, 2), truncated: true });
      assert.deepEqual(asked, ['/api/v1/label/__name__/values?limit=3']);
      const all = new VocabularyCache(new PrometheusClient({ name: 'newer', url }), { maxMetricNames: 4 });
      assert.deepEqual((await filled(() => all.metricNames())).value, { names: FIXTURE_METRICS, truncated: false });
    } finally {
      newer.close();
    }
  });

  it('shares a request in flight, serves a stale value while refreshing, and expires', async () => {
    let now = 1_000_000;
    const cache = new VocabularyCache(client, { now: () => now, metricNamesTtlMs: 60_000, labelsTtlMs: 30_000 });
    const a = cache.metricNames();
    const b = cache.metricNames();
    assert.ok(a.pending && a.pending === b.pending && a.value === undefined);
    await a.pending;
    const first = cache.metricNames();
    assert.deepEqual([first.value?.names, first.stale, first.pending], [FIXTURE_METRICS, false, undefined]);
    assert.equal(cache.stats().metricNames, 1);
    now += 59_999;
    assert.equal(cache.metricNames().pending, undefined);
    now += 1;
    const stale = cache.metricNames();
    assert.equal(stale.stale, true);
    assert.ok(stale.pending, 'a refresh starts');
    assert.equal(stale.value, first.value, 'the old list is served meanwhile');
    await stale.pending;
    assert.equal(cache.metricNames().stale, false);
    assert.equal(cache.stats().metricNames, 2);
    // Label names per match[] set: the order of the selectors does not matter.
    await filled(() => cache.labelNames(['up{}', 'http_requests_total{}']));
    cache.labelNames(['http_requests_total{}', 'up{}']);
    assert.equal(cache.stats().labelNames, 1);
    cache.dispose();
  });

  it('completes metric names, label names and values scoped by the selector', async () => {
    const cache = new VocabularyCache(client);
    const start = await complete(cache, '|');
    assert.deepEqual(labelsOf(start, 'metric'), FIXTURE_METRICS);
    assert.ok(start.candidates.some((c) => c.label === 'rate'), 'the language is still there');
    assert.equal(start.incomplete, undefined);
    assert.deepEqual(labelsOf(await complete(cache, 'rate(node|'), 'metric'), ['node_memory_used_bytes']);
    assert.deepEqual(labelsOf(await complete(cache, 'sum(mem|'), 'metric'), ['node_memory_used_bytes']);
    assert.deepEqual(labelsOf(await complete(cache, 'http_requests_total{|}'), 'label'), ['__name__', 'code', 'instance', 'job']);
    assert.deepEqual(labelsOf(await complete(cache, 'http_requests_total{job="api", |}'), 'label'), ['__name__', 'code', 'instance']);
    assert.deepEqual(labelsOf(await complete(cache, 'sum by (|) (rate(temperature_celsius[5m]))'), 'label'), ['__name__', 'job', 'room']);
    assert.deepEqual(labelsOf(await complete(cache, 'sum(node_memory_used_bytes) by (job, |)'), 'label'), ['__name__', 'instance']);
    const values = await complete(cache, 'http_requests_total{job="web", instance=|}');
    assert.deepEqual(values.candidates.map((c) => [c.label, c.insertText]), [['web-1:80', '"web-1:80"']]);
    const quoted = await complete(cache, 'http_requests_total{code="500", instance="|"}');
    assert.deepEqual(quoted.candidates.map((c) => [c.label, c.insertText]), [['api-1:8080', 'api-1:8080']]);
    const script = await complete(cache, "{job='<|'}");
    assert.deepEqual(script.candidates.map((c) => c.insertText), ['<script>alert(1)</script>']);
    const names = await complete(cache, '{__name__="t|"}');
    assert.deepEqual(labelsOf(names, 'value'), ['temperature_celsius', 'http_requests_total', 'node_memory_used_bytes']);
    cache.dispose();
  });
});

describe('vocabulary metadata from a real Prometheus scraping OpenMetrics', function () {
  this.timeout(60_000);
  let prom: RunningPrometheus;
  let target: Server;
  before(async () => {
    const exposition = [
      '# TYPE demo_request_duration_seconds histogram',
      '# UNIT demo_request_duration_seconds seconds',
      '# HELP demo_request_duration_seconds Time spent serving a request.',
      'demo_request_duration_seconds_bucket{le="0.1"} 3',
      'demo_request_duration_seconds_bucket{le="+Inf"} 4',
      'demo_request_duration_seconds_sum 0.5',
      'demo_request_duration_seconds_count 4',
      '# TYPE demo_jobs counter',
      '# HELP demo_jobs Jobs processed, <all> of them.',
      'demo_jobs_total 7',
      '# EOF',
      '',
    ].join('\n');
    target = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/openmetrics-text; version=1.0.0; charset=utf-8' }).end(exposition));
    const port = await freePort();
    await new Promise<void>((r) => target.listen(port, '127.0.0.1', r));
    prom = await startPrometheus({
      scrapeConfigsYaml: `  - job_name: demo\n    scrape_interval: 1s\n    static_configs:\n      - targets: ['127.0.0.1:${port}']`,
    });
  });
  after(async () => {
    await prom?.stop();
    target?.close();
  });

  it('gives HELP/TYPE/UNIT to completion details and hover', async () => {
    const client = new PrometheusClient({ name: 'scraping', url: prom.url });
    // The first scrape comes within a second or so of the start.
    for (let i = 0; i < 100 && Object.keys(await client.metadata()).length === 0; i++) await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 100 && !(await client.labelValues('__name__')).includes('demo_jobs_total'); i++) await new Promise((r) => setTimeout(r, 200));
    const cache = new VocabularyCache(client);
    await complete(cache, 'demo|', 5000); // names first; metadata is asked for once they are in
    const r = await complete(cache, 'demo|', 5000);
    const byName = Object.fromEntries(r.candidates.filter((c) => c.kind === 'metric' && c.label.startsWith('demo')).map((c) => [c.label, [c.detail, c.documentation]]));
    assert.deepEqual(byName, {
      demo_jobs_total: ['counter', 'Jobs processed, \\<all\\> of them\\.'],
      demo_request_duration_seconds_bucket: ['histogram · seconds', 'Time spent serving a request\\.'],
      demo_request_duration_seconds_count: ['histogram · seconds', 'Time spent serving a request\\.'],
      demo_request_duration_seconds_sum: ['histogram · seconds', 'Time spent serving a request\\.'],
    });
    assert.equal(await metricHoverSection(cache, 'demo_jobs_total'), '**demo\\_jobs\\_total** (counter) — Jobs processed, \\<all\\> of them\\.');
    assert.equal(await metricHoverSection(cache, 'http_requests_total'), undefined, 'blocks from promtool carry no metadata');
    assert.deepEqual([cache.stats().metadata, cache.stats().metricMetadata], [1, 0]);
    cache.dispose();
  });

  it('asks per metric on a server with too many metrics for all metadata at once', async () => {
    const client = new PrometheusClient({ name: 'scraping', url: prom.url });
    const cache = new VocabularyCache(client, { bulkMetadataMaxNames: 3 });
    assert.equal(cache.bulkMetadata(), undefined, 'not known before the names');
    assert.equal(await metricHoverSection(cache, 'demo_request_duration_seconds_sum'), '**demo\\_request\\_duration\\_seconds\\_sum** (histogram, seconds) — Time spent serving a request\\.');
    await complete(cache, 'demo_|', 5000);
    assert.equal(cache.bulkMetadata(), false);
    const short = await complete(cache, 'demo_jo|', 5000);
    assert.deepEqual(short.candidates.filter((c) => c.kind === 'metric').map((c) => [c.label, c.detail]), [['demo_jobs_total', 'counter']]);
    assert.equal(cache.stats().metadata, 0, 'never all at once');
    assert.ok(cache.stats().metricMetadata >= 2);
    cache.dispose();
  });
});

describe('vocabulary cache failure modes', function () {
  this.timeout(30_000);
  let faults: FaultServer;
  before(async () => {
    faults = await startFaultServer();
  });
  after(async () => faults?.close());

  it('a server that is down: completion keeps the language, the error is remembered briefly', async () => {
    let now = 0;
    const cache = new VocabularyCache(new PrometheusClient({ name: 'down', url: `http://127.0.0.1:${await freePort()}` }), { now: () => now, errorTtlMs: 10_000 });
    const r = await complete(cache, 'rat|');
    assert.ok(labelsOf(r, 'function').includes('rate'));
    assert.equal(labelsOf(r, 'metric').length, 0);
    const after = cache.metricNames();
    assert.ok(after.error instanceof PrometheusError && after.error.kind === 'unreachable', String(after.error));
    assert.equal(after.pending, undefined, 'not asked again at once');
    await complete(cache, 'ra|');
    assert.equal(cache.stats().metricNames, 1);
    now += 10_000;
    assert.ok(cache.metricNames().pending, 'asked again after errorTtlMs');
    assert.equal(cache.stats().metricNames, 2);
    cache.dispose();
  });

  it('a slow server: completion answers in time with the static items and asks to be asked again', async () => {
    const cache = new VocabularyCache(new PrometheusClient({ name: 'slow', url: faults.url('slow') }));
    const t0 = Date.now();
    const r = await complete(cache, 'rat|', 300);
    const took = Date.now() - t0;
    assert.ok(took < 5_000, `answered after ${took} ms`); // the server answers after 10 s
    assert.ok(labelsOf(r, 'function').includes('rate'));
    assert.equal(r.incomplete, true);
    // Dropping the cache (data source changed) aborts the requests in flight.
    const pending = cache.metricNames().pending;
    const before = faults.aborted;
    cache.dispose();
    await pending;
    assert.ok(cache.metricNames().error instanceof PrometheusError && (cache.metricNames().error as PrometheusError).kind === 'cancelled');
    for (let i = 0; i < 50 && faults.aborted === before; i++) await new Promise((res) => setTimeout(res, 20));
    assert.equal(faults.aborted, before + 1, 'the metric names request was aborted (metadata waits for the names)');
    assert.equal(cache.metricNames().pending, undefined, 'a disposed cache starts no request');
  });

  for (const fault of ['garbage-json', 'html-200', 'wrong-shape', '500'] as const) {
    it(`${fault}: no backend items, no exception, the language's items remain`, async () => {
      const cache = new VocabularyCache(new PrometheusClient({ name: fault, url: faults.url(fault) }));
      for (const marked of ['|', 'up{|}', 'up{job="|"}']) {
        const r = await complete(cache, marked);
        assert.equal(r.candidates.filter((c) => ['metric', 'label', 'value'].includes(c.kind)).length, 0, `${fault} ${marked}`);
      }
      assert.ok(cache.metricNames().error instanceof PrometheusError);
      assert.ok((await complete(cache, 'su|')).candidates.some((c) => c.label === 'sum'));
      cache.dispose();
    });
  }
});
