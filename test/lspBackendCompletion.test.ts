// Backend completion and metric hover through the language server over stdio, as an editor uses
// them: metric names, label names and values from a real Prometheus (the fixture data, plus an
// OpenMetrics target it scrapes for HELP/TYPE/UNIT), with the data source given in settings.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { startFaultServer } from './support/faultServer';
import { freePort, startPrometheus, type RunningPrometheus } from './support/realPrometheus';

const ROOT = path.join(__dirname, '..');
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');
const URI = 'file:///tmp/backend-completion.promql';

interface Item {
  label: string;
  detail?: string;
  insertText?: string;
  textEdit?: { newText: string };
  documentation?: { value: string };
  data?: unknown;
  kind?: number;
}
type Answer = Item[] | { isIncomplete: boolean; items: Item[] };
const itemsOf = (a: Answer): Item[] => (Array.isArray(a) ? a : a.items);

describe('backend completion in the language server (real Prometheus)', function () {
  this.timeout(60_000);
  let prom: RunningPrometheus;
  let target: Server;
  let proc: ChildProcessWithoutNullStreams;
  let conn: MessageConnection;
  let version = 1;

  const configure = (monitoring: unknown) => conn.sendNotification('workspace/didChangeConfiguration', { settings: { monitoring } });
  /** Replaces the document with `marked` minus its `|` and asks for completion there. */
  const completeAt = async (marked: string): Promise<Answer> => {
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: ++version }, contentChanges: [{ text }] });
    return conn.sendRequest<Answer>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 0, character: offset } });
  };
  /** Asks until the backend's list is in (the first request waits ~300 ms at most). */
  const completeSettled = async (marked: string, has: (items: Item[]) => boolean): Promise<Answer> => {
    let answer = await completeAt(marked);
    for (let i = 0; i < 50 && !has(itemsOf(answer)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      answer = await completeAt(marked);
    }
    return answer;
  };

  before(async () => {
    target = createServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/openmetrics-text; version=1.0.0; charset=utf-8' })
        .end('# TYPE demo_jobs counter\n# HELP demo_jobs Jobs processed.\ndemo_jobs_total 7\n# TYPE demo_queue_bytes gauge\n# UNIT demo_queue_bytes bytes\n# HELP demo_queue_bytes Queue size.\ndemo_queue_bytes 3\n# EOF\n'),
    );
    const port = await freePort();
    await new Promise<void>((r) => target.listen(port, '127.0.0.1', r));
    prom = await startPrometheus({ scrapeConfigsYaml: `  - job_name: demo\n    scrape_interval: 1s\n    static_configs:\n      - targets: ['127.0.0.1:${port}']` });
    proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      initializationOptions: { monitoring: { datasources: [{ name: 't', url: prom.url }] } },
    });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'promql', version, text: '' } });
    // Wait for the first scrape, so metadata and the demo series exist.
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${prom.url}/api/v1/metadata?metric=demo_queue_bytes`);
      if (Object.keys(((await res.json()) as { data: object }).data).length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  after(async () => {
    conn?.dispose();
    proc?.kill();
    target?.close();
    await prom?.stop();
  });

  it('offers the fixture metric names with the language, details from metadata', async () => {
    const answer = await completeSettled('rate(|', (items) => items.some((i) => i.label === 'demo_jobs_total'));
    const items = itemsOf(answer);
    const labels = items.map((i) => i.label);
    for (const m of ['http_requests_total', 'node_memory_used_bytes', 'temperature_celsius', 'xss_probe', 'up', 'rate', 'sum']) assert.ok(labels.includes(m), m);
    const queue = items.find((i) => i.label === 'demo_queue_bytes');
    assert.equal(queue?.detail, 'gauge · bytes');
    assert.equal(items.find((i) => i.label === 'demo_jobs_total')?.detail, 'counter');
    assert.equal(items.find((i) => i.label === 'http_requests_total')?.detail, 'metric');
    // HELP comes on resolve, not in the list.
    assert.equal(queue?.documentation, undefined);
    const resolved = await conn.sendRequest<Item>('completionItem/resolve', queue);
    assert.equal(resolved.documentation?.value, 'Queue size\\.');
    // Typed letters narrow the list the server sends.
    const narrowed = itemsOf(await completeAt('rate(temp|')).filter((i) => i.detail === 'metric' || i.detail?.includes('·'));
    assert.deepEqual(narrowed.map((i) => i.label), ['temperature_celsius']);
  });

  it('offers label names and values scoped by the selector', async () => {
    const names = itemsOf(await completeSettled('http_requests_total{job="api", |}', (items) => items.length > 0));
    assert.deepEqual(names.map((i) => i.label).sort(), ['__name__', 'code', 'instance']);
    const values = itemsOf(await completeSettled('http_requests_total{job="api", instance=|}', (items) => items.length > 0));
    assert.deepEqual(values.map((i) => [i.label, i.textEdit?.newText]), [['api-1:8080', '"api-1:8080"'], ['api-2:8080', '"api-2:8080"']]);
    const quoted = itemsOf(await completeSettled('temperature_celsius{room="|"}', (items) => items.length > 0));
    assert.deepEqual(quoted.map((i) => [i.label, i.textEdit?.newText]), [['lab', 'lab']]);
  });

  it('hovers a metric name with HELP, TYPE and UNIT', async () => {
    await completeAt('demo_queue_bytes > 2');
    const hover = await conn.sendRequest<{ contents: { value: string }; range: { start: { character: number }; end: { character: number } } } | null>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 0, character: 3 },
    });
    assert.ok(hover);
    assert.match(hover.contents.value, /\*\*demo\\_queue\\_bytes\*\* \(gauge, bytes\) — Queue size\\\./);
    assert.deepEqual([hover.range.start.character, hover.range.end.character], [0, 16]);
  });

  it('drops the cache when the data source changes, and stays silent on one that is down', async () => {
    await configure({ datasources: [{ name: 'down', url: `http://127.0.0.1:${await freePort()}` }] });
    const answer = await completeAt('rate(|');
    const labels = itemsOf(answer).map((i) => i.label);
    assert.ok(labels.includes('rate'));
    assert.ok(!labels.includes('http_requests_total'), 'the old data source is forgotten');
  });

  it('answers at once from a slow data source, with the language, and asks to be asked again', async () => {
    const faults = await startFaultServer();
    try {
      await configure({ datasources: [{ name: 'slow', url: faults.url('slow') }] });
      const t0 = Date.now();
      const answer = await completeAt('rate(|');
      const took = Date.now() - t0;
      assert.ok(took < 5000, `answered after ${took} ms (the server answers after 10 s)`);
      assert.ok(!Array.isArray(answer) && answer.isIncomplete, JSON.stringify(answer).slice(0, 200));
      assert.ok(answer.items.some((i) => i.label === 'rate'));
    } finally {
      await faults.close();
    }
  });

  it('offers no backend names when monitoring.completion.backend is off', async () => {
    await configure({ datasources: [{ name: 't', url: prom.url }], completion: { backend: false } });
    await new Promise((r) => setTimeout(r, 500));
    const labels = itemsOf(await completeAt('rate(|')).map((i) => i.label);
    assert.ok(labels.includes('rate') && !labels.includes('temperature_celsius'));
  });
});
