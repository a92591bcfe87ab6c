// `monitoring/runQuery` over stdio against a real Prometheus: the expression at the cursor runs
// and comes back as the results panel draws it; a server-side syntax error maps into the file.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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
