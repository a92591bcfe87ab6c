// Value previews through the language server over stdio: hovers and inlay hints with the values
// a real Prometheus returns for the fixture data (evaluated at FIXTURE_START + 1 h through the
// hidden `monitoring.preview.atMs` setting), silence when the data source fails, and cancellation
// that reaches the HTTP connection.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { startFaultServer, type Fault, type FaultServer } from './support/faultServer';
import { FIXTURE_START, startPrometheus, type RunningPrometheus } from './support/realPrometheus';

const ROOT = path.join(__dirname, '..');
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');
const AT_MS = (FIXTURE_START + 3600) * 1000;

type Position = { line: number; character: number };
type Hover = { contents: { kind: string; value: string }; range: { start: Position; end: Position } } | null;
type InlayHint = { position: Position; label: string; paddingLeft?: boolean; tooltip?: { value: string } };

const PROMQL = '# errors per second\nrate(http_requests_total{code="500"}[5m])\n\nnode_memory_used_bytes{instance="node-2:9100"}\n\nsum(x\n';
const RULES = 'groups:\n  - name: g\n    rules:\n      - record: job:mem:sum\n        expr: "sum(node_memory_used_bytes)"\n      - alert: Hot\n        expr: temperature_celsius > 100\n';

describe('value previews in the language server', function () {
  this.timeout(60_000);
  let prom: RunningPrometheus;
  let faults: FaultServer;
  let proc: ChildProcessWithoutNullStreams;
  let conn: MessageConnection;
  let refreshes = 0;

  const configure = (monitoring: Record<string, unknown>) =>
    conn.sendNotification('workspace/didChangeConfiguration', { settings: { monitoring: { ...monitoring, preview: { atMs: AT_MS, ...(monitoring.preview as object) } } } });
  const useFixture = (preview: Record<string, unknown> = {}) => configure({ datasources: [{ name: 'fixture', url: prom.url }], preview });
  const hover = (uri: string, position: Position) => conn.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position });
  const hints = (uri: string, end: Position = { line: 100, character: 0 }) =>
    conn.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end } });
  const positionOf = (text: string, needle: string, delta = 0): Position => {
    const offset = text.indexOf(needle) + delta;
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };

  before(async () => {
    [prom, faults] = await Promise.all([startPrometheus(), startFaultServer()]);
    proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn.onRequest('workspace/inlayHint/refresh', () => {
      refreshes++;
      return null;
    });
    conn.listen();
    const init = await conn.sendRequest<{ capabilities: { inlayHintProvider?: unknown } }>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { inlayHint: { refreshSupport: true } } },
      initializationOptions: { monitoring: { datasources: [{ name: 'fixture', url: prom.url }], preview: { atMs: AT_MS } } },
    });
    assert.equal(init.capabilities.inlayHintProvider, true);
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:preview.promql', languageId: 'promql', version: 1, text: PROMQL } });
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/preview-rules.yml', languageId: 'yaml', version: 1, text: RULES } });
  });
  after(async () => {
    conn?.dispose();
    proc?.kill();
    await Promise.all([prom?.stop(), faults?.close()]);
  });

  describe('against the real Prometheus', () => {
    before(() => useFixture());

    it('hovering anywhere in an expression shows its value now and a sparkline of the hour, ranged to the whole expression', async () => {
      const h = await hover('untitled:preview.promql', positionOf(PROMQL, '"500"', 1));
      assert.ok(h, 'a hover');
      assert.equal(
        h.contents.value,
        [
          '**Value now** on `fixture` · sparkline of the last hour',
          '',
          '```text',
          // The hour starts at the series' first sample: rate() needs two samples in its window
          // (a gap at first), then extrapolates less while the window holds fewer than 5 minutes.
          `0.2   ▁▃▅▆${'█'.repeat(56)}  {code="500", instance="api-1:8080", job="api"}`,
          '```',
        ].join('\n'),
      );
      assert.deepEqual(h.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 41 } });
    });

    it('appends the preview to the word documentation, below a rule', async () => {
      const h = await hover('untitled:preview.promql', positionOf(PROMQL, 'rate(', 2));
      assert.ok(h);
      const [docs, preview] = h.contents.value.split('\n\n---\n\n');
      assert.match(docs, /^```promql\nrate\(/);
      assert.match(preview, /^\*\*Value now\*\*.*\n\n```text\n0\.2 /);
      assert.deepEqual(h.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
    });

    it('shows a growing gauge with SI units and a rising sparkline', async () => {
      const h = await hover('untitled:preview.promql', positionOf(PROMQL, 'node_memory', 3));
      const line = h?.contents.value.split('\n').find((l) => l.includes('node-2:9100')) ?? '';
      // 536870912 + 240 samples × 1024 bytes = 537116672.
      assert.match(line, /^537\.1M {2}▁+▂+▃+▄+▅+▆+▇+█+ {2}node_memory_used_bytes\{instance="node-2:9100", job="node"\}$/);
    });

    it('stays silent on an expression with a syntax error', async () => {
      assert.equal(await hover('untitled:preview.promql', positionOf(PROMQL, 'sum(x', 4)), null);
    });

    it('shows no preview when hover previews are switched off', async () => {
      await useFixture({ hover: false });
      try {
        assert.equal(await hover('untitled:preview.promql', positionOf(PROMQL, '"500"', 1)), null);
        const h = await hover('untitled:preview.promql', positionOf(PROMQL, 'rate(', 2));
        assert.doesNotMatch(h?.contents.value ?? '', /Value now/);
      } finally {
        await useFixture();
      }
    });

    it('puts no inlay hints while they are off (the default)', async () => {
      assert.deepEqual(await hints('untitled:preview.promql'), []);
    });

    it('puts the current value after each expression when inlay hints are on, and asks the editor to refresh', async () => {
      const before = refreshes;
      await useFixture({ inlayHints: true });
      try {
        const promql = await hints('untitled:preview.promql');
        assert.deepEqual(
          promql.map((h) => [h.position, h.label, h.paddingLeft]),
          [
            [{ line: 1, character: 41 }, '= 0.2', true],
            [{ line: 3, character: 46 }, '= 537.1M', true],
          ],
        );
        assert.match(promql[0].tooltip?.value ?? '', /0\.2 {2}\{code="500", instance="api-1:8080", job="api"\}/);
        const rules = await hints('file:///tmp/preview-rules.yml');
        // After the closing quote of the first expr; 1073741824 + 537116672 bytes; no alert firing.
        assert.deepEqual(
          rules.map((h) => [h.position, h.label]),
          [
            [{ line: 4, character: 43 }, '= 1.611G'],
            [{ line: 6, character: 39 }, '= no data'],
          ],
        );
        assert.deepEqual((await hints('untitled:preview.promql', { line: 2, character: 0 })).map((h) => h.label), ['= 0.2'], 'only the requested range');
        assert.ok(refreshes > before, 'workspace/inlayHint/refresh sent when the setting was switched');
      } finally {
        await useFixture();
      }
    });
  });

  describe('when the data source fails', () => {
    after(() => useFixture());

    for (const fault of ['500', 'garbage-json', 'html-200'] as Fault[]) {
      it(`shows only the documentation for a ${fault} answer`, async () => {
        await configure({ datasources: [{ name: 'faulty', url: faults.url(fault) }], preview: { inlayHints: true } });
        const h = await hover('untitled:preview.promql', positionOf(PROMQL, 'rate(', 2));
        assert.match(h?.contents.value ?? '', /^```promql\nrate\(/);
        assert.doesNotMatch(h?.contents.value ?? '', /---|Value now/);
        assert.equal(await hover('untitled:preview.promql', positionOf(PROMQL, '"500"', 1)), null);
        assert.deepEqual(await hints('untitled:preview.promql'), []);
      });
    }

    it('shows only the documentation when the data source is down', async () => {
      await configure({ datasources: [{ name: 'down', url: 'http://127.0.0.1:9' }] });
      const h = await hover('untitled:preview.promql', positionOf(PROMQL, 'rate(', 2));
      assert.doesNotMatch(h?.contents.value ?? '', /Value now/);
      assert.equal(await hover('untitled:preview.promql', positionOf(PROMQL, '"500"', 1)), null);
    });

    it('gives up on a slow data source at the preview timeout, closing the connection', async () => {
      await configure({ datasources: [{ name: 'slow', url: faults.url('slow') }] });
      const abortedBefore = faults.aborted;
      const h = await hover('untitled:preview.promql', positionOf(PROMQL, 'rate(', 2));
      assert.match(h?.contents.value ?? '', /^```promql\nrate\(/);
      assert.doesNotMatch(h?.contents.value ?? '', /Value now/);
      // The slow server answers after 10 s; a closed connection means the 2 s timeout ended it.
      assert.ok(faults.aborted >= abortedBefore + 2, `instant and range requests abandoned (${faults.aborted - abortedBefore})`);
    });

    it('aborts the HTTP request when the editor cancels the hover', async () => {
      // A server that holds every answer, and says when a request arrives and when it was closed.
      let arrived = 0;
      let closedEarly = 0;
      const held = http.createServer((req, res) => {
        arrived++;
        res.on('close', () => {
          if (!res.writableEnded) closedEarly++;
        });
      });
      await new Promise<void>((r) => held.listen(0, '127.0.0.1', r));
      try {
        // A long preview timeout: only the cancellation can close the connections.
        await configure({ datasources: [{ name: 'held', url: `http://127.0.0.1:${(held.address() as AddressInfo).port}` }], preview: { timeoutMs: 30_000 } });
        const cancel = new CancellationTokenSource();
        const pending = conn.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: 'untitled:preview.promql' }, position: positionOf(PROMQL, 'rate(', 2) }, cancel.token).catch((e: Error) => e);
        for (let i = 0; i < 1000 && arrived < 2; i++) await new Promise((r) => setTimeout(r, 10));
        assert.equal(arrived, 2, 'instant and range requests sent');
        cancel.cancel();
        for (let i = 0; i < 1000 && closedEarly < 2; i++) await new Promise((r) => setTimeout(r, 10));
        assert.equal(closedEarly, 2, 'both connections closed by the language server');
        const answer = await pending;
        assert.ok(answer === null || answer instanceof Error || !/Value now/.test(answer.contents.value), 'no preview in a cancelled hover');
      } finally {
        held.closeAllConnections();
        held.close();
      }
    });
  });
});
