// `monitoring/runQuery` over stdio against a real Prometheus: the expression at the cursor runs
// and comes back as the results panel draws it; a server-side syntax error maps into the file.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { resolveRange } from '../server/src/features/runQuery';
import { FIXTURE_START, startPrometheus, type RunningPrometheus } from './support/realPrometheus';

const ROOT = path.join(__dirname, '..');
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');
const T = FIXTURE_START + 3600;

interface Answer {
  type: 'result' | 'error';
  kind?: string;
  message?: string;
  data?: { resultType: string; series?: Array<{ metric: Record<string, string>; values: Array<[number, number | string]> }> };
  range?: { startMs: number; endMs: number; stepMs: number };
  fileRange?: { start: { line: number; character: number }; end: { line: number; character: number } };
  legendFormat?: string;
  interpolated?: string;
}

describe('monitoring/runQuery (language server → real Prometheus)', function () {
  this.timeout(60_000);
  let prom: RunningPrometheus;
  let proc: ChildProcessWithoutNullStreams;
  let conn: MessageConnection;

  before(async () => {
    prom = await startPrometheus();
    proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await conn.sendNotification('initialized', {});
  });
  after(async () => {
    conn?.dispose();
    proc?.kill();
    await prom?.stop();
  });

  const ds = () => ({ name: 'fixture', url: prom.url });
  const at = { startMs: (T - 3600) * 1000, endMs: T * 1000 };

  function open(uri: string, text: string, languageId = 'promql'): void {
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  it('runs the expression under the cursor as an instant query with exact values', async () => {
    const uri = 'untitled:q1.promql';
    open(uri, '# errors\nsum by (job) (rate(http_requests_total{code=~"5.."}[5m]))\n\nup\n');
    const r = await conn.sendRequest<Answer>('monitoring/runQuery', { uri, position: { line: 1, character: 10 }, datasource: ds(), mode: 'instant', range: at });
    assert.equal(r.type, 'result', JSON.stringify(r));
    assert.equal(r.data?.resultType, 'vector');
    assert.deepEqual(r.data?.series?.map((s) => [s.metric, s.values[0][1]]), [[{ job: 'api' }, 0.2]]);
  });

  it('runs a range query with the UI step over the range', async () => {
    const r = await conn.sendRequest<Answer>('monitoring/runQuery', { expr: 'node_memory_used_bytes{instance="node-1:9100"}', datasource: ds(), mode: 'range', range: at });
    assert.equal(r.type, 'result');
    assert.equal(r.range?.stepMs, 14_000);
    assert.equal(r.data?.series?.[0].values.length, Math.floor(3600 / 14) + 1);
    assert.ok(r.data?.series?.[0].values.every(([, v]) => v === 1073741824));
  });

  it("maps Prometheus' syntax error position back into the rule file", async () => {
    const uri = pathToFileURL(path.join(ROOT, 'test-fixtures/workspace/rules/alerts.yml')).href;
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(rate(x[5m])\n';
    open(uri, text, 'yaml');
    const r = await conn.sendRequest<Answer>('monitoring/runQuery', { uri, position: { line: 4, character: 16 }, datasource: ds(), mode: 'instant', range: at });
    assert.equal(r.type, 'error');
    assert.equal(r.kind, 'syntax');
    assert.equal(r.message, 'unclosed left parenthesis');
    // The end of `sum(rate(x[5m])` on line 4, after the 8 spaces and "expr: ".
    assert.deepEqual(r.fileRange, { start: { line: 4, character: 29 }, end: { line: 4, character: 29 } });
  });

  describe('a dashboard target with Grafana variables', () => {
    const file = path.join(ROOT, 'test-fixtures/workspace/dashboards/variables.json');
    const text = readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    const positionAt = (offset: number): { line: number; character: number } => {
      const before = text.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    const run = (needle: string): Promise<Answer> => {
      open(uri, text, 'json');
      return conn.sendRequest<Answer>('monitoring/runQuery', { uri, position: positionAt(text.indexOf(needle) + 2), datasource: ds(), mode: 'instant', range: at });
    };

    it('runs with the saved multi-value selection, the constant and $__rate_interval filled in', async () => {
      const r = await run('sum by (job)');
      assert.equal(r.type, 'result', JSON.stringify(r));
      assert.equal(r.interpolated, 'sum by (job) (rate(http_requests_total{job=~"(api|web)", code="200"}[1m0s]))');
      assert.equal(r.legendFormat, '{{job}} (200)');
      // api: 2 + 1 req/s (code 200 on api-1 and api-2), web: 3 req/s.
      assert.deepEqual(r.data?.series?.map((s) => [s.metric.job, Number(s.values[0][1])]).sort(), [['api', 3], ['web', 3]]);
    });

    it('runs with a custom variable\'s first option and an interval variable', async () => {
      const r = await run('rate(http_requests_total{instance=');
      assert.equal(r.type, 'result', JSON.stringify(r));
      assert.equal(r.interpolated, 'rate(http_requests_total{instance="api-1:8080"}[10m])');
      assert.equal(r.legendFormat, '{{code}} on api-1');
      assert.deepEqual(r.data?.series?.map((s) => [s.metric.code, Number(s.values[0][1])]).sort(), [['200', 2], ['500', 0.2]]);
    });

    it("maps Prometheus' error in the interpolated query back to the dashboard text", async () => {
      const r = await run('sum(rate(http_requests_total');
      assert.equal(r.type, 'error');
      assert.equal(r.kind, 'syntax');
      assert.equal(r.message, 'unclosed left parenthesis');
      assert.equal(r.interpolated, 'sum(rate(http_requests_total{job=~"(api|web)"}[1m0s])');
      // The end of the expression as written: just before its closing quote in the JSON.
      const end = positionAt(text.indexOf('[$__rate_interval])" }') + '[$__rate_interval])'.length);
      assert.deepEqual(r.fileRange, { start: end, end });
    });
  });

  it('says when the data source does not answer, without hanging', async () => {
    const r = await conn.sendRequest<Answer>('monitoring/runQuery', { expr: 'up', datasource: { name: 'down', url: 'http://127.0.0.1:9' }, mode: 'instant', range: at });
    assert.equal(r.type, 'error');
    assert.equal(r.kind, 'unreachable');
    assert.match(r.message ?? '', /connection refused/);
  });

  it('resolves relative ranges to end now, with a default of 1h', () => {
    assert.deepEqual(resolveRange({ relative: '6h' }, 10 * 3600_000), { startMs: 4 * 3600_000, endMs: 10 * 3600_000 });
    assert.deepEqual(resolveRange(undefined, 7200_000), { startMs: 3600_000, endMs: 7200_000 });
    assert.deepEqual(resolveRange({ startMs: 5, endMs: 9 }, 100), { startMs: 5, endMs: 9 });
  });
});
