// The dashboard preview's server side over stdio against a real Prometheus (issue 6):
// `monitoring/dashboardPreview` (variables evaluated on the data source), `monitoring/panelQuery`
// (a panel's visible targets as Grafana runs them), `monitoring/panelRange` and the
// "Preview panel" code lenses.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { DashboardPreviewResult, PanelQueryParams, PanelQueryResult } from '../webview/src/dashboardProtocol';
import { FIXTURE_START, startPrometheus, type RunningPrometheus } from './support/realPrometheus';
import type * as server from '../server/src/features/dashboardPreview';

// The server's shapes are the protocol's (the server cannot import webview/): checked at compile time.
export const sameShapes: Array<(p: server.DashboardPreviewResult, q: server.PanelQueryResult) => [DashboardPreviewResult, PanelQueryResult]> = [(p, q) => [p, q]];
export const sameParams: Array<(a: server.PanelQueryParams, b: PanelQueryParams) => [PanelQueryParams, server.PanelQueryParams]> = [(a, b) => [a, b]];

const ROOT = path.join(__dirname, '..');
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');
const START_MS = (FIXTURE_START + 1800) * 1000;
const END_MS = (FIXTURE_START + 3600) * 1000;
const range = { startMs: START_MS, endMs: END_MS };
const time = { from: String(START_MS), to: String(END_MS) };

describe('dashboard preview requests (language server → real Prometheus)', function () {
  this.timeout(60_000);
  let prom: RunningPrometheus;
  let proc: ChildProcessWithoutNullStreams;
  let conn: MessageConnection;

  const file = path.join(ROOT, 'test-fixtures/workspace/dashboards/variables.json');
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const positionAt = (t: string, offset: number): { line: number; character: number } => {
    const before = t.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  let version = 1;
  const open = (u: string, t: string): void => {
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'json', version: version++, text: t } });
  };

  before(async () => {
    prom = await startPrometheus();
    proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid, rootUri: null, capabilities: {},
      initializationOptions: { monitoring: { datasources: [{ name: 'local', url: prom.url }] } },
    });
    await conn.sendNotification('initialized', {});
    open(uri, text);
  });
  after(async () => {
    conn?.dispose();
    proc?.kill();
    await prom?.stop();
  });

  const preview = (u: string, extra: Record<string, unknown> = {}) => conn.sendRequest<DashboardPreviewResult>('monitoring/dashboardPreview', { uri: u, time, ...extra });
  const query = (u: string, p: Array<string | number>, extra: Record<string, unknown> = {}) =>
    conn.sendRequest<PanelQueryResult>('monitoring/panelQuery', { uri: u, path: p, range, widthPx: 1000, ...extra });
  /** Every distinct value of each series (to 9 decimals: rate() sums floats), by a label. */
  const valuesBy = (r: PanelQueryResult['results'][number], label: string) =>
    r.data && 'series' in r.data ? r.data.series.map((s) => [s.metric[label], [...new Set(s.values.map(([, v]) => Number(Number(v).toFixed(9))))]]).sort() : undefined;

  it('dashboardPreview: the time given, variables with options from the real data', async () => {
    const p = await preview(uri);
    assert.equal(p.error, undefined);
    assert.equal(p.title, 'Service variables');
    assert.equal(p.datasource, 'local');
    assert.deepEqual(p.range, range);
    assert.deepEqual(p.variables.map((v) => [v.name, v.options.map((o) => o.value), v.current.value, v.error]), [
      ['job', ['api', 'web'], ['api', 'web'], undefined],
      ['instance', ['api-1:8080', 'api-2:8080'], 'api-1:8080', undefined],
      ['code', ['200'], '200', undefined],
      ['window', ['5m', '10m', '1h'], '10m', undefined],
    ]);
  });

  it('dashboardPreview: chained query variables follow the selection', async () => {
    const u = 'untitled:chained.json';
    open(u, JSON.stringify({
      title: 'Chained',
      templating: { list: [
        { name: 'job', type: 'query', query: 'label_values(http_requests_total, job)' },
        { name: 'instance', type: 'query', query: 'label_values(http_requests_total{job="$job"}, instance)', multi: true, includeAll: true },
      ] },
      panels: [],
    }));
    const first = await preview(u);
    assert.deepEqual(first.variables.map((v) => [v.name, v.options.map((o) => o.value), v.current.value]), [
      ['job', ['api', 'web'], 'api'],
      ['instance', ['api-1:8080', 'api-2:8080'], ['$__all']],
    ]);
    const web = await preview(u, { selections: { job: 'web' } });
    assert.deepEqual(web.variables.map((v) => [v.name, v.options.map((o) => o.value), v.current.value]), [
      ['job', ['api', 'web'], 'web'],
      ['instance', ['web-1:80'], ['$__all']],
    ]);
  });

  it('panelQuery: exact fixture values, Grafana step, errors per target', async () => {
    const r = await query(uri, ['panels', 0]);
    assert.deepEqual(r.path, ['panels', 0]);
    // 30 min over 1000 px: 1.8 s, rounded to 2 s, at least the 15 s scrape interval.
    assert.equal(r.intervalMs, 15_000);
    assert.equal(r.stepMs, 15_000);
    const [a, b, c] = r.results;
    assert.deepEqual([a.refId, a.mode, a.expr, a.legendFormat], ['A', 'range', 'sum by (job) (rate(http_requests_total{job=~"(api|web)", code="200"}[1m0s]))', '{{job}} (200)']);
    assert.equal(a.error, undefined);
    assert.deepEqual(valuesBy(a, 'job'), [['api', [3]], ['web', [3]]]);
    // Start and end aligned down to the step, as Grafana's backend does: 1700001795 .. 1700003595.
    const times = a.data && 'series' in a.data ? a.data.series[0].values.map(([t]) => t) : [];
    assert.equal(times[0], 1_700_001_795_000);
    assert.equal(times[times.length - 1], 1_700_003_595_000);
    assert.equal(times.length, 121);
    assert.deepEqual([b.refId, b.expr, b.legendFormat], ['B', 'rate(http_requests_total{instance="api-1:8080"}[10m])', '{{code}} on api-1']);
    assert.deepEqual(valuesBy(b, 'code'), [['200', [2]], ['500', [0.2]]]);
    assert.equal(c.refId, 'C');
    assert.equal(c.data, undefined);
    assert.match(c.error ?? '', /unclosed left parenthesis/);
  });

  it('panelQuery: a selection changes the interpolated expression and the data', async () => {
    const r = await query(uri, ['panels', 0], { selections: { job: ['web'], instance: 'api-2:8080' } });
    assert.equal(r.results[0].expr, 'sum by (job) (rate(http_requests_total{job=~"web", code="200"}[1m0s]))');
    assert.deepEqual(valuesBy(r.results[0], 'job'), [['web', [3]]]);
    assert.equal(r.results[1].expr, 'rate(http_requests_total{instance="api-2:8080"}[10m])');
    assert.deepEqual(valuesBy(r.results[1], 'code'), [['200', [1]]]);
  });

  it('panelQuery: each copy of a repeated panel runs with its scopedVars value, not the selection', async () => {
    const u = 'untitled:repeat.json';
    open(u, JSON.stringify({
      templating: { list: [{ name: 'instance', type: 'custom', multi: true, includeAll: true, query: 'api-1 : api-1:8080, api-2 : api-2:8080', current: { text: ['All'], value: ['$__all'] } }] },
      panels: [{ id: 1, type: 'timeseries', title: 'Requests $instance', repeat: 'instance', targets: [
        { refId: 'A', expr: 'sum(rate(http_requests_total{instance=~"$instance", code="200"}[5m]))', legendFormat: '${instance:text} / $instance' },
      ] }],
    }));
    const copies = await Promise.all([['api-1', 'api-1:8080'], ['api-2', 'api-2:8080']].map(([text, value]) =>
      query(u, ['panels', 0], { selections: { instance: ['$__all'] }, scopedVars: { instance: { text, value } } })));
    assert.deepEqual(copies.map((r) => [r.results[0].expr, r.results[0].legendFormat, valuesBy(r.results[0], 'instance')]), [
      ['sum(rate(http_requests_total{instance=~"api-1:8080", code="200"}[5m]))', 'api-1 / api-1:8080', [[undefined, [2]]]],
      ['sum(rate(http_requests_total{instance=~"api-2:8080", code="200"}[5m]))', 'api-2 / api-2:8080', [[undefined, [1]]]],
    ]);
    // Without scopedVars (a run from the editor): the first value, as before.
    const plain = await query(u, ['panels', 0]);
    assert.equal(plain.results[0].expr, 'sum(rate(http_requests_total{instance=~"api-1:8080", code="200"}[5m]))');
    // Malformed scopedVars are ignored, not fatal.
    const odd = await query(u, ['panels', 0], { scopedVars: { instance: { value: 7 }, other: null } });
    assert.equal(odd.results[0].expr, plain.results[0].expr);
  });

  it('panelQuery: hidden targets are skipped; instant targets run at the end; panels in collapsed rows', async () => {
    const u = 'untitled:hidden.json';
    open(u, JSON.stringify({
      panels: [
        { id: 1, type: 'row', collapsed: true, panels: [
          { id: 2, type: 'stat', targets: [
            { refId: 'A', expr: 'sum(rate(http_requests_total[5m]))', instant: true },
            { refId: 'B', expr: 'node_memory_used_bytes', hide: true },
            { refId: 'C', expr: 'count(node_memory_used_bytes)', range: true },
          ] },
        ] },
      ],
    }));
    const r = await query(u, ['panels', 0, 'panels', 0]);
    assert.deepEqual(r.results.map((t) => [t.refId, t.mode]), [['A', 'instant'], ['C', 'range']]);
    assert.equal(r.results[0].data?.resultType, 'vector');
    assert.deepEqual(valuesBy(r.results[0], '__name__'), [[undefined, [6.2]]]);
    assert.deepEqual(valuesBy(r.results[1], '__name__'), [[undefined, [2]]]);
  });

  it('panelQuery: a panel queried after `now` moved runs on the time as written, evaluated then (not on the preview\'s old range); refIds as Grafana assigns them', async () => {
    const u = 'untitled:now-moves.json';
    open(u, JSON.stringify({
      time: { from: 'now-1h', to: 'now' },
      panels: [
        { id: 1, type: 'stat', targets: [{ expr: 'time()', instant: true }, { expr: 'vector(1)', instant: true, hide: true }, { expr: 'vector(2)', instant: true }] },
        { id: 2, type: 'timeseries', targets: [{ expr: 'time()', legendFormat: 'now' }] },
      ],
    }));
    // The range a preview computed 25 s ago, as a row expanded now would have been queried with.
    const stale = { startMs: Date.now() - 3_625_000, endMs: Date.now() - 25_000 };
    const before = Date.now();
    const stat = await query(u, ['panels', 0], { range: stale, time: { from: 'now-1h', to: 'now' } });
    const graph = await query(u, ['panels', 1], { range: stale, time: { from: 'now-1h', to: 'now' } });
    const after = Date.now();
    assert.deepEqual(stat.results.map((t) => [t.refId, t.error]), [['A', undefined], ['C', undefined]]);
    const evalAt = stat.results[0].data?.resultType === 'scalar' ? Number(stat.results[0].data.value[1]) * 1000 : NaN;
    assert.ok(evalAt >= before - 1000 && evalAt <= after, `time() ran at ${new Date(evalAt).toISOString()}, not now (${new Date(before).toISOString()})`);
    assert.ok(stat.range && stat.range.endMs >= before && stat.range.endMs <= after && stat.range.endMs - stat.range.startMs === 3_600_000, JSON.stringify(stat.range));
    const [ts] = graph.results;
    assert.deepEqual([ts.refId, ts.legendFormat], ['A', 'now']);
    const last = ts.data && 'series' in ts.data ? ts.data.series[0].values.at(-1)![0] : NaN;
    // The last point is the step-aligned end: past the old end by about the 25 s moved.
    assert.ok(last > stale.endMs && last >= before - graph.stepMs, `last point ${new Date(last).toISOString()} vs old end ${new Date(stale.endMs).toISOString()}`);
    // Without the time, the range given (how a panel was queried before).
    const old = await query(u, ['panels', 0], { range: stale });
    assert.equal(old.results[0].data?.resultType === 'scalar' ? Number(old.results[0].data.value[1]) * 1000 : NaN, stale.endMs);
  });

  it('runQuery on a dashboard: a query variable without a saved value is evaluated, not `.+`', async () => {
    const u = 'untitled:unsaved.json';
    const t = JSON.stringify({
      templating: { list: [{ name: 'job', type: 'query', query: 'label_values(http_requests_total, job)' }] },
      panels: [{ id: 1, type: 'stat', targets: [{ refId: 'A', expr: 'sum(http_requests_total{job="$job"}) > 0' }] }],
    });
    open(u, t);
    const r = await conn.sendRequest<{ type: string; interpolated?: string }>('monitoring/runQuery', {
      uri: u, position: positionAt(t, t.indexOf('sum(') + 2), mode: 'instant', range,
    });
    assert.equal(r.type, 'result', JSON.stringify(r));
    assert.equal(r.interpolated, 'sum(http_requests_total{job="api"}) > 0');
  });

  it('invalid JSON: the error and its position, no dashboard', async () => {
    const u = 'untitled:broken.json';
    open(u, '{\n  "title": "x",\n  "panels": [\n    {"id": 1 "type": "stat"}\n  ]\n}');
    const p = await preview(u);
    assert.equal(p.dashboard, undefined);
    assert.equal(p.error?.line, 3);
    assert.equal(p.error?.character, 13); // at `"type"`: a comma is missing before it
    assert.match(p.error?.message ?? '', /invalid JSON/);
  });

  it('panelRange: the panel object in the editor; null when there is none', async () => {
    const r = await conn.sendRequest<{ range: { start: unknown; end: unknown } } | null>('monitoring/panelRange', { uri, path: ['panels', 0] });
    const start = text.indexOf('{\n      "id": 1');
    const end = text.lastIndexOf('}\n  ]\n}') + 1;
    assert.deepEqual(r, { range: { start: positionAt(text, start), end: positionAt(text, end) } });
    assert.equal(await conn.sendRequest('monitoring/panelRange', { uri, path: ['panels', 5] }), null);
  });

  it('code lenses: "Preview panel" at each panel next to the "Run query" ones', async () => {
    const lenses = await conn.sendRequest<Array<{ range: { start: unknown }; command: { title: string; command: string; arguments: unknown[] } }>>(
      'textDocument/codeLens', { textDocument: { uri } },
    );
    const previews = lenses.filter((l) => l.command.command === 'monitoring.previewDashboard');
    assert.deepEqual(previews.map((l) => [l.command.title, l.command.arguments, l.range.start]), [
      ['Preview panel', [uri, ['panels', 0]], positionAt(text, text.indexOf('{\n      "id": 1'))],
    ]);
    assert.equal(lenses.filter((l) => l.command.command === 'monitoring.runQuery').length, 4);
  });
});

describe('Node Exporter Full against a real node_exporter scraped by a real Prometheus', function () {
  this.timeout(120_000);
  let prom: RunningPrometheus;
  let proc: ChildProcessWithoutNullStreams;
  let conn: MessageConnection;
  const file = path.join(ROOT, 'test-fixtures/corpus/dashboards/rfmoz/node-exporter-full.json');
  const uri = pathToFileURL(file).href;
  const last5m = { from: 'now-5m', to: 'now' };

  before(async () => {
    prom = await startPrometheus({ nodeExporter: true });
    proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid, rootUri: null, capabilities: {},
      initializationOptions: { monitoring: { datasources: [{ name: 'node', url: prom.url }] } },
    });
    await conn.sendNotification('initialized', {});
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: readFileSync(file, 'utf8') } });
  });
  after(async () => {
    conn?.dispose();
    proc?.kill();
    await prom?.stop();
  });

  it('evaluates the chained variables on the live data', async () => {
    const p = await conn.sendRequest<DashboardPreviewResult>('monitoring/dashboardPreview', { uri, time: last5m });
    assert.equal(p.title, 'Node Exporter Full');
    const target = new URL(prom.nodeExporterUrl!).host;
    assert.deepEqual(p.variables.map((v) => [v.name, v.type, v.options.length, v.current.value, v.error]), [
      ['ds_prometheus', 'datasource', 1, 'node', undefined],
      ['job', 'query', 1, 'node', undefined],
      ['nodename', 'query', 1, os.hostname(), undefined],
      ['node', 'query', 1, target, undefined],
    ]);
  });

  it('stat, gauge and timeseries panels (some in a collapsed row) come back with data', async () => {
    const p = await conn.sendRequest<DashboardPreviewResult>('monitoring/dashboardPreview', { uri, time: last5m });
    const paths: Array<Array<string | number>> = [['panels', 2], ['panels', 7], ['panels', 8], ['panels', 11], ['panels', 17, 'panels', 0], ['panels', 17, 'panels', 1]];
    const nonEmpty = (t: PanelQueryResult['results'][number]): boolean => !!t.data && 'series' in t.data && t.data.series.length > 0;
    const results = new Map<string, PanelQueryResult>();
    // Rates need two scrapes in the window and a range query's end is aligned down to its step:
    // poll until every panel has data (node_exporter is scraped every second).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const now = Date.now();
      for (const path_ of paths) {
        const r = await conn.sendRequest<PanelQueryResult>('monitoring/panelQuery', { uri, path: path_, range: { startMs: now - 300_000, endMs: now }, widthPx: 600, selections: {} });
        results.set(JSON.stringify(path_), r);
      }
      if ([...results.values()].every((r) => r.results.some(nonEmpty))) break;
      assert.ok(Date.now() < deadline, `no data after 60 s: ${JSON.stringify([...results.values()].map((r) => r.results.map((t) => [t.expr, t.error])))}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(p.range.endMs > p.range.startMs);
    for (const r of results.values()) for (const t of r.results) assert.equal(t.error, undefined, `${t.expr}: ${t.error}`);
    const first = (key: string): number => {
      const d = results.get(key)!.results[0].data!;
      return Number('series' in d ? d.series[0].values[0][1] : NaN);
    };
    assert.equal(first('["panels",7]'), os.cpus().length); // CPU Cores
    assert.equal(first('["panels",8]'), os.totalmem()); // RAM Total
    const busy = first('["panels",2]'); // CPU Busy, %
    assert.ok(busy >= 0 && busy <= 100, String(busy));
    // The variables were filled in with the live target.
    assert.match(results.get('["panels",8]')!.results[0].expr, new RegExp(`instance="${new URL(prom.nodeExporterUrl!).host.replace(/\./g, '\\.')}",job="node"`));
  });
});
