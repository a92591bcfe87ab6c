// Backend completion on a big server (`npm run bench -- backend-completion`): a local HTTP server
// stands in for a Prometheus with 200,000 metric names (prefix × subsystem × suffix, as real
// exporters name them) and their metadata; the real language server runs over stdio with it as
// the data source. After warming the cache, ≥ 200 completion requests at varied spots (empty
// prefix, 1–3 letters, a full word, label names in {...} and by (...), label values, __name__)
// are timed request → response: p50/p95 (target p95 ≤ 25 ms), items and bytes per answer. The
// same completions are timed in process (completePromQL with the backend source over a filled
// VocabularyCache) for the server's own share. Memory: the server's RSS (/proc) before and after
// the cache fills. While the first (cold) completion fetches and indexes the 200,000 names, cheap
// requests (document symbols) are sent one after the other: their longest wait is how long the
// server stops answering. BENCH_SERVER=path runs another build of the server (a before/after).
// Needs `npm run build` and `--import tsx`.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LspClient, processMemoryMB, sleep } from './lspClient.mjs';
import { median, percentile } from './stats.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = process.env.BENCH_SERVER ? path.resolve(process.env.BENCH_SERVER) : path.join(repo, 'server/out/server.js');
const ROUNDS = 12; // each spot asked this many times after 2 warm-up rounds
const TARGET_P95_MS = 25;

const PREFIXES = ['node', 'http', 'grpc', 'kube', 'container', 'process', 'go', 'jvm', 'redis', 'mysql', 'postgres', 'nginx', 'haproxy', 'envoy', 'istio', 'kafka', 'rabbitmq', 'elasticsearch', 'mongodb', 'memcached', 'consul', 'vault', 'etcd', 'coredns', 'prometheus', 'alertmanager', 'grafana', 'loki', 'tempo', 'thanos', 'cortex', 'mimir', 'traefik', 'apache', 'tomcat', 'dotnet', 'python', 'nodejs', 'ruby', 'app'];
const SUBSYSTEMS = ['cpu', 'memory', 'disk', 'network', 'filesystem', 'request', 'response', 'queue', 'cache', 'connection', 'session', 'thread', 'gc', 'heap', 'buffer', 'pool', 'lock', 'transaction', 'query', 'index', 'shard', 'replica', 'partition', 'consumer', 'producer', 'topic', 'channel', 'worker', 'job', 'task', 'scheduler', 'api', 'client', 'server', 'handler', 'rpc', 'storage', 'wal', 'compaction', 'block', 'chunk', 'series', 'sample', 'label', 'rule', 'alert', 'notification', 'tls', 'dns', 'proxy'];
const QUALIFIERS = ['read', 'write', 'sent', 'received', 'allocated', 'used', 'free', 'active', 'failed', 'pending'];
const UNITS = [
  ['seconds_total', 'counter', 'seconds'],
  ['bytes', 'gauge', 'bytes'],
  ['bytes_total', 'counter', 'bytes'],
  ['count', 'gauge', ''],
  ['ratio', 'gauge', 'ratio'],
  ['info', 'gauge', ''],
  ['errors_total', 'counter', ''],
  ['requests_total', 'counter', ''],
  ['duration_seconds_bucket', 'histogram', 'seconds'],
  ['duration_seconds_sum', 'histogram', 'seconds'],
];
const LABELS = ['instance', 'job', 'namespace', 'pod', 'container', 'node', 'service', 'endpoint', 'method', 'code', 'handler', 'le', 'quantile', 'device', 'mountpoint', 'cpu', 'mode', 'le', 'cluster', 'region', 'zone', 'version'];

/** 40 × 50 × 10 × 10 = 200,000 names, with metadata. */
function generate() {
  const names = [];
  const metadata = {};
  for (const p of PREFIXES) {
    for (const s of SUBSYSTEMS) {
      for (const q of QUALIFIERS) {
        for (const [u, type, unit] of UNITS) {
          const name = `${p}_${s}_${q}_${u}`;
          names.push(name);
          metadata[name] = [{ type, help: `${q[0].toUpperCase()}${q.slice(1)} ${s} ${u.replace(/_/g, ' ')} of ${p}.`, unit }];
        }
      }
    }
  }
  return { names, metadata };
}

/** A stand-in for a big Prometheus: the endpoints completion uses, answers prepared once. */
async function fakePrometheus(names, metadata) {
  const ok = (data) => JSON.stringify({ status: 'success', data });
  // Encoded once: the language server is timed, not this process turning 6.6 MB into UTF-8.
  const bodies = {
    names: Buffer.from(ok(names)),
    metadata: Buffer.from(ok(metadata)),
    labels: Buffer.from(ok(['__name__', ...new Set(LABELS)].sort())),
  };
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname);
    const send = (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    if (url.pathname === '/api/v1/label/__name__/values') return send(bodies.names);
    if (url.pathname === '/api/v1/metadata') {
      const one = url.searchParams.get('metric');
      return send(one === null ? bodies.metadata : ok(metadata[one] ? { [one]: metadata[one] } : {}));
    }
    if (url.pathname === '/api/v1/labels') return send(bodies.labels);
    const values = /^\/api\/v1\/label\/([^/]+)\/values$/.exec(url.pathname);
    if (values) return send(ok(Array.from({ length: 50 }, (_, i) => `${decodeURIComponent(values[1])}-${String(i).padStart(2, '0')}`)));
    send(ok([]));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  const bytes = Object.fromEntries(Object.entries(bodies).map(([k, v]) => [k, Buffer.byteLength(v)]));
  return { url: `http://127.0.0.1:${port}`, requests, bytes, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

/** What VS Code declares for completion (see lsp.bench.mjs): lean lists with itemDefaults.editRange. */
const CAPABILITIES = {
  textDocument: {
    completion: {
      contextSupport: true,
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], resolveSupport: { properties: ['documentation', 'detail'] }, labelDetailsSupport: true },
      completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    },
  },
};

/** Spots: one per line; `|` marks the cursor. Lines are separated by blank lines (one expression each). */
const SPOTS = [
  ['empty prefix', '|'],
  ['1 letter', 'n|'],
  ['2 letters', 'ht|'],
  ['3 letters', 'kub|'],
  ['3 letters, mid-word', 'rate(wal|[5m])'],
  ['word + _', 'rate(node_cpu_|[5m])'],
  ['full name', 'node_cpu_read_seconds_total|'],
  ['no match', 'zzzz_qqq|'],
  ['{} label names', 'http_request_read_requests_total{|}'],
  ['by () label names', 'sum by (|) (rate(http_request_read_requests_total[5m]))'],
  ['label values', 'http_request_read_requests_total{job=|}'],
  ['__name__ values', '{__name__=~"grpc_|"}'],
];

function document(spots) {
  const lines = [];
  const at = [];
  for (const [label, marked] of spots) {
    const col = marked.indexOf('|');
    at.push({ label, position: { line: lines.length, character: col } });
    lines.push(marked.replace('|', ''), '');
  }
  return { text: lines.join('\n'), at };
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc'); // for the heap figures of the in-process run

const ms = (x) => `${x.toFixed(1)} ms`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const itemsOf = (a) => (Array.isArray(a) ? a : a?.items ?? []);

/** The server's own share: completePromQL with the static and backend sources, in this process. */
async function inProcess(fake, doc) {
  const [{ PrometheusClient }, { VocabularyCache, DEFAULT_VOCABULARY_OPTIONS }, { backendCompletionSource }, { completePromQL, staticSource }, { documentExpressions, expressionAt, toExpressionOffset }, { TextDocument }] = await Promise.all([
    import('../server/src/prometheus/client.ts'),
    import('../server/src/prometheus/vocabularyCache.ts'),
    import('../server/src/features/backendCompletion.ts'),
    import('../server/src/features/completion.ts'),
    import('../server/src/features/expressions.ts'),
    import('vscode-languageserver-textdocument'),
  ]);
  // How long the event loop stalls while the cache fills (JSON.parse of the answers, indexing);
  // and what taking all metadata at once would cost (what bulkMetadataMaxNames avoids).
  const stall = async (what) => {
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const t0 = performance.now();
    await what();
    lag.disable();
    return `${ms(performance.now() - t0)}, longest event-loop stall ${ms(lag.max / 1e6)}`;
  };
  const bulk = new VocabularyCache(new PrometheusClient({ name: 'big', url: fake.url }), { bulkMetadataMaxNames: Infinity });
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  console.log(`in process, all metadata in one request (done only up to ${DEFAULT_VOCABULARY_OPTIONS.bulkMetadataMaxNames} names): ${await stall(() => bulk.metadata().pending)}`);
  gc();
  console.log(`  its heap once parsed: +${((process.memoryUsage().heapUsed - heap0) / 2 ** 20).toFixed(0)} MB`);
  bulk.dispose();
  const cache = new VocabularyCache(new PrometheusClient({ name: 'big', url: fake.url }));
  gc();
  const heap1 = process.memoryUsage().heapUsed;
  console.log(`in process, 200,000 metric names fetched, read, sorted and indexed (in slices): ${await stall(() => cache.metricNames().pending)}`);
  gc();
  console.log(`  their heap: +${((process.memoryUsage().heapUsed - heap1) / 2 ** 20).toFixed(0)} MB (word index: ${cache.metricNames().value.words.words.length} words)`);
  const sources = [staticSource, backendCompletionSource(() => cache)];
  const uri = 'file:///bench/backend.promql';
  const exprs = documentExpressions(uri, doc.text, 'promql');
  const td = TextDocument.create(uri, 'promql', 1, doc.text);
  const rows = [];
  for (const [k, s] of doc.at.entries()) {
    if (k === 6) await cache.metricMetadata('node_cpu_read_seconds_total').pending; // as warm as the server's
    const offset = td.offsetAt(s.position);
    const expr = expressionAt(exprs, offset) ?? { text: '', toFileOffset: () => offset, range: { start: offset, end: offset } };
    const exprOffset = expr.text === '' ? 0 : toExpressionOffset(expr, offset);
    const times = [];
    for (let r = 0; r < ROUNDS + 2; r++) {
      const t = performance.now();
      await completePromQL(expr.text, exprOffset, {}, sources);
      if (r >= 2) times.push(performance.now() - t);
    }
    rows.push({ label: s.label, times });
  }
  cache.dispose();
  return { rows };
}

export async function run() {
  console.log(`load average at start: ${load()}`);
  const { names, metadata } = generate();
  const fake = await fakePrometheus(names, metadata);
  console.log(`stand-in server: ${names.length} metric names (${(fake.bytes.names / 2 ** 20).toFixed(1)} MB JSON), metadata for all (${(fake.bytes.metadata / 2 ** 20).toFixed(1)} MB JSON)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'backend-bench-'));
  const doc = document(SPOTS);
  const uri = pathToFileURL(path.join(dir, 'backend.promql')).href;
  const client = await LspClient.start(SERVER, dir, CAPABILITIES);
  try {
    await client.open(uri, 'promql', doc.text);
    // Before the data source: a completion, so the grammar's lazy set-up is not timed below, and
    // the cheap request's own time when nothing else runs.
    await client.completion(uri, doc.at[0].position);
    const idleProbes = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      idleProbes.push(performance.now() - t);
    }
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { monitoring: { datasources: [{ name: 'big', url: fake.url }] } } });
    // One completion with no backend position, so the server has loaded everything else.
    await client.completion(uri, doc.at[doc.at.length - 4].position);
    await sleep(2000);
    const before = processMemoryMB(client.pid);

    // The first request starts the fetches and waits for them at most ~300 ms. Meanwhile and until
    // the names are in, document symbols are asked for back to back: how long does each wait?
    let namesIn = false;
    const probes = [];
    const probing = (async () => {
      while (!namesIn) {
        const t = performance.now();
        await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
        probes.push(performance.now() - t);
      }
    })();
    const first0 = performance.now();
    const first = await client.completion(uri, doc.at[0].position);
    const firstMs = performance.now() - first0;
    console.log(`first request (cold cache): ${ms(firstMs)}, ${itemsOf(first).length} items, isIncomplete ${first?.isIncomplete}`);
    // Warm: until the metric names are in, and a short list carries its metadata (per metric).
    const w0 = performance.now();
    for (let i = 0; i < 600; i++) {
      const a = await client.completion(uri, doc.at[1].position);
      if (itemsOf(a).length > 200) break;
      await sleep(50);
    }
    namesIn = true;
    await probing;
    console.log(`metric names in (200,000 fetched, parsed, indexed) ${ms(performance.now() - w0 + firstMs)} after the first request`);
    console.log(
      `meanwhile ${probes.length} document-symbol requests answered one after the other: median ${ms(median(probes))}, p95 ${ms(percentile(probes, 95))}, longest wait ${ms(Math.max(...probes))} (idle: median ${ms(median(idleProbes))}, longest ${ms(Math.max(...idleProbes))})`,
    );
    let detail;
    for (let i = 0; i < 100 && !detail; i++) {
      const a = await client.completion(uri, doc.at[6].position);
      detail = itemsOf(a).find((it) => it.label === 'node_cpu_read_seconds_total' && it.detail?.includes('·'))?.detail;
      if (!detail) await sleep(50);
    }
    console.log(`a short list's metadata (per metric): node_cpu_read_seconds_total → ${detail ?? 'none'}`);
    await sleep(1000);
    const filled = processMemoryMB(client.pid);

    const rows = doc.at.map((s) => ({ ...s, times: [], items: 0, bytes: 0, incomplete: false }));
    for (let r = 0; r < ROUNDS + 2; r++) {
      for (const s of rows) {
        const t0 = performance.now();
        const a = await client.completion(uri, s.position);
        const t = performance.now() - t0;
        if (r >= 2) s.times.push(t);
        s.items = itemsOf(a).length;
        s.bytes = JSON.stringify(a).length;
        s.incomplete = a?.isIncomplete === true;
      }
    }
    const local = await inProcess(fake, doc);
    console.log(`\ncompletion over stdio (request → response), ${rows.length} spots × ${ROUNDS} = ${rows.length * ROUNDS} requests; in process = completePromQL with the backend source:`);
    for (const [i, s] of rows.entries()) {
      const lp = local.rows[i];
      console.log(
        `  ${s.label.padEnd(20)} ${String(s.items).padStart(5)} items${s.incomplete ? ' (incomplete)' : '             '} ${(s.bytes / 1024).toFixed(0).padStart(4)} KB  median ${ms(median(s.times))}  p95 ${ms(percentile(s.times, 95))}   in process median ${ms(median(lp.times))}`,
      );
    }
    const all = rows.flatMap((s) => s.times);
    const allLocal = local.rows.flatMap((s) => s.times);
    const p95 = percentile(all, 95);
    console.log(`over stdio: p50 ${ms(percentile(all, 50))}, p95 ${ms(p95)}, max ${ms(Math.max(...all))} (target p95 ≤ ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'met' : 'MISSED'})`);
    console.log(`in process: p50 ${ms(percentile(allLocal, 50))}, p95 ${ms(percentile(allLocal, 95))}`);
    const after = processMemoryMB(client.pid);
    await sleep(10_000);
    const idle = processMemoryMB(client.pid);
    console.log(
      `server RSS: ${before.rss.toFixed(0)} MB before the cache → ${filled.rss.toFixed(0)} MB with it (+${(filled.rss - before.rss).toFixed(0)} MB) → ${after.rss.toFixed(0)} MB after the requests → ${idle.rss.toFixed(0)} MB after 10 s idle; peak ${idle.peak.toFixed(0)} MB`,
    );
    const counts = fake.requests.reduce((m, p) => m.set(p, (m.get(p) ?? 0) + 1), new Map());
    console.log(`requests to the stand-in server by the language server and the in-process run: ${[...counts].map(([p, n]) => `${p} ×${n}`).join(', ')}`);
  } finally {
    await client.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`load average at end: ${load()}`);
}
