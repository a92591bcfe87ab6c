// The data-source plumbing of the language server over stdio, against a real Prometheus: settings
// choose the active data source, `monitoring/credentials` carries secrets (kept in memory), the
// status bar's `monitoring/buildInfo` reports the version or why not, runQuery without a data
// source uses the active one, and code lenses sit above every expression.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { FIXTURE_START, startPrometheus, type RunningPrometheus } from './support/realPrometheus';

const ROOT = path.join(__dirname, '..');
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');
const T = FIXTURE_START + 3600;

type BuildInfoAnswer = { datasource: string; url: string; ok: boolean; version?: string; message?: string };

describe('data sources in the language server (real Prometheus)', function () {
  this.timeout(60_000);
  let prom: RunningPrometheus;
  let proc: ChildProcessWithoutNullStreams;
  let conn: MessageConnection;
  /** A server that wants a bearer token, and records the Authorization headers it saw. */
  let guarded: Server;
  const seenAuth: string[] = [];

  const configure = (monitoring: unknown) => conn.sendNotification('workspace/didChangeConfiguration', { settings: { monitoring } });

  before(async () => {
    prom = await startPrometheus();
    guarded = createServer((req, res) => {
      seenAuth.push(req.headers.authorization ?? '');
      if (req.headers.authorization !== 'Bearer s3cret') {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { version: '9.9.9-guarded' } }));
    });
    await new Promise<void>((r) => guarded.listen(0, '127.0.0.1', r));
    proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { monitoring: {} } });
    await conn.sendNotification('initialized', {});
  });
  after(async () => {
    conn?.dispose();
    proc?.kill();
    guarded?.close();
    await prom?.stop();
  });

  it('says when no data source is configured', async () => {
    const info = await conn.sendRequest<BuildInfoAnswer>('monitoring/buildInfo', {});
    assert.deepEqual(info, { datasource: '', url: '', ok: false, message: 'no data source configured' });
    const r = await conn.sendRequest<{ type: string; kind: string; message: string }>('monitoring/runQuery', { expr: 'up' });
    assert.equal(r.type, 'error');
    assert.equal(r.kind, 'no-datasource');
    assert.match(r.message, /monitoring\.datasources/);
  });

  it("reports the active data source's version from status/buildinfo", async () => {
    await configure({ datasources: [{ name: 'local', url: prom.url }] });
    const info = await conn.sendRequest<BuildInfoAnswer>('monitoring/buildInfo', {});
    assert.equal(info.ok, true, JSON.stringify(info));
    assert.equal(info.datasource, 'local');
    assert.match(info.version ?? '', /^\d+\.\d+\.\d+/);
  });

  it('runs a query on the active data source when none is named', async () => {
    await configure({ datasources: [{ name: 'down', url: 'http://127.0.0.1:9' }, { name: 'local', url: prom.url }], activeDatasource: 'local' });
    const r = await conn.sendRequest<{ type: string; datasource: string; data: { series: Array<{ values: Array<[number, number]> }> } }>('monitoring/runQuery', {
      expr: 'node_memory_used_bytes{instance="node-1:9100"}',
      mode: 'instant',
      range: { startMs: (T - 3600) * 1000, endMs: T * 1000 },
    });
    assert.equal(r.type, 'result', JSON.stringify(r));
    assert.equal(r.datasource, 'local');
    assert.equal(r.data.series[0]?.values[0]?.[1], 1073741824);
    const down = await conn.sendRequest<BuildInfoAnswer>('monitoring/buildInfo', { datasource: 'down' });
    assert.equal(down.ok, false);
    assert.match(down.message ?? '', /127\.0\.0\.1:9/);
  });

  it('sends the bearer token from monitoring/credentials, and only after it arrives', async () => {
    const url = `http://127.0.0.1:${(guarded.address() as AddressInfo).port}`;
    await configure({ datasources: [{ name: 'guarded', url, auth: { kind: 'bearer' } }] });
    const before = await conn.sendRequest<BuildInfoAnswer>('monitoring/buildInfo', {});
    assert.equal(before.ok, false);
    await conn.sendNotification('monitoring/credentials', { credentials: { guarded: { token: 's3cret' } } });
    const after = await conn.sendRequest<BuildInfoAnswer>('monitoring/buildInfo', {});
    assert.deepEqual(after, { datasource: 'guarded', url, ok: true, version: '9.9.9-guarded' });
    assert.deepEqual(seenAuth.slice(-2), ['', 'Bearer s3cret']);
  });

  it('puts a "Run query" code lens above each expression', async () => {
    const uri = 'untitled:lenses.promql';
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'promql', version: 1, text: '# a\nup\n\n  sum(rate(x[5m]))\n' } });
    const lenses = await conn.sendRequest<Array<{ range: { start: { line: number; character: number } }; command: { command: string; arguments: unknown[] } }>>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.range.start.character, l.command.command, l.command.arguments]),
      [
        [1, 0, 'monitoring.runQuery', [uri, { line: 1, character: 0 }]],
        [3, 2, 'monitoring.runQuery', [uri, { line: 3, character: 2 }]],
      ],
    );
  });
});
