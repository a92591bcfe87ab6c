// The language server as an editor drives it: `node server/out/server.js --stdio` over JSON-RPC.
// Measures, on the Node Exporter Full dashboard (target ≤ 50 ms), a generated 5,000-rule file
// (≤ 100 ms) and a generated 200-line .promql file (≤ 10 ms), with one character typed per edit:
//   - in process, the work the server does per keystroke (TextDocument.update, then validate():
//     documents/ extraction + features/diagnostics with a warm ExpressionErrorCache + offset→position
//     mapping), split into extraction and check, with the count of expressions really parsed; once
//     with a cache per document and once with one cache shared by the three, as in the server;
//   - didChange → publishDiagnostics of that version over stdio, which includes the server's
//     debounce (DIAGNOSTICS_DEBOUNCE_MS), so the figure minus the debounce is printed too;
//   - textDocument/completion round trips at 20 positions (target p95 ≤ 10 ms), with the response
//     size and the same completion in process; and completion sent right after a keystroke;
//   - the server's resident memory after opening every corpus file (/proc/<pid>/status).
// Needs `npm run build` (server/out/server.js) and `--import tsx`.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { LspClient, processMemoryMB, sleep } from './lspClient.mjs';
import { cleanRuleExprs, completionSpots, generatePromqlFile, generateRuleFile, positionsOf, typingPoint } from './lspFixtures.mjs';
import { median, percentile } from './stats.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.join(repo, 'test-fixtures/corpus');
const SERVER = path.join(repo, 'server/out/server.js');
const EDITS = 20; // measured keystrokes per document
const WARMUP = 3;
const COMPLETION_ROUNDS = 15; // each position asked this many times (after 3 warm-up rounds)

const ms = (x) => `${x.toFixed(1)} ms`;
const spread = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function core() {
  const [{ parsePromQL }, { walk }, expressions, diagnostics, { DEFAULT_SETTINGS }, server, { TextDocument }, completion, names] = await Promise.all([
    import('../server/src/promql/parse.ts'),
    import('../server/src/promql/ast.ts'),
    import('../server/src/features/expressions.ts'),
    import('../server/src/features/diagnostics.ts'),
    import('../server/src/features/settings.ts'),
    import('../server/src/server.ts'),
    import('vscode-languageserver-textdocument'),
    import('../server/src/features/completion.ts'),
    import('../server/src/features/documentNames.ts'),
  ]);
  return { parsePromQL, walk, ...expressions, ...diagnostics, ...completion, ...names, DEFAULT_SETTINGS, DEBOUNCE: server.DIAGNOSTICS_DEBOUNCE_MS, TextDocument };
}

/** The three documents, written to a scratch workspace (the server only needs their text). */
function documents(c, dir) {
  const exprs = cleanRuleExprs(corpus, c.parsePromQL);
  const rules = generateRuleFile(exprs, 5000, c.parsePromQL, c.walk);
  const docs = [
    { name: 'node-exporter-full.json', target: 50, languageId: 'json', file: path.join(corpus, 'dashboards/rfmoz/node-exporter-full.json') },
    { name: 'rules-5000.yml', target: 100, languageId: 'yaml', file: path.join(dir, 'rules-5000.yml'), text: rules.text },
    { name: 'queries-200.promql', target: 10, languageId: 'promql', file: path.join(dir, 'queries-200.promql'), text: generatePromqlFile(exprs, 200) },
  ];
  for (const d of docs) {
    if (d.text === undefined) d.text = readFileSync(d.file, 'utf8');
    else writeFileSync(d.file, d.text);
    d.uri = pathToFileURL(d.file).href;
    d.expressions = c.documentExpressions(d.uri, d.text, d.languageId);
    d.typing = typingPoint(d.expressions, c.parsePromQL, c.walk);
    d.typingPos = positionsOf(d.text)(d.typing.fileOffset);
    d.version = 1;
    d.typed = 0;
  }
  console.log(
    docs
      .map((d) => `${d.name}: ${(d.text.length / 1024).toFixed(0)} KB, ${d.text.split('\n').length - 1} lines, ${d.expressions.length} expressions`)
      .join('; ') + ` (rules from ${rules.distinctSources} clean corpus expressions, each copy with its own bench_copy matcher)`,
  );
  return docs;
}

/** The typing edit for the next keystroke: a letter after what was typed so far. */
function nextKeystroke(d) {
  const position = { line: d.typingPos.line, character: d.typingPos.character + d.typed };
  const ch = 'abcdefghijklmnopqrstuvwxyz'[d.typed % 26];
  d.typed++;
  d.version++;
  return { position, ch, version: d.version };
}

/** Expression texts the cache holds (bench-only look at its private Map, to count real parses). */
function cachedTexts(cache) {
  return new Set([...cache.entries.keys()].map((k) => k.slice(k.indexOf('\u0000') + 1)));
}

/**
 * validate() of server.ts, in process and in its three steps: extract the expressions of the new
 * text (documents/), check them (features/diagnostics, cached by text), map offsets to positions.
 */
function validateTimed(c, doc, cache) {
  const before = cachedTexts(cache);
  const t0 = performance.now();
  const exprs = c.documentExpressions(doc.uri, doc.getText(), doc.languageId);
  const t1 = performance.now();
  const diags = c.expressionDiagnostics(exprs, c.DEFAULT_SETTINGS.parse, cache);
  diags.map((d) => ({ start: doc.positionAt(d.range.start), end: doc.positionAt(d.range.end), message: d.message }));
  const t2 = performance.now();
  const parsed = new Set(exprs.map((e) => e.text).filter((t) => !before.has(t))).size;
  return { extract: t1 - t0, check: t2 - t1, total: t2 - t0, parsed };
}

/**
 * The same keystrokes in process. `shared`: one cache for all documents, as the server has, and the
 * documents edited in turn; otherwise each document has its own cache. Cold: a fresh cache.
 */
function inProcess(c, docs, shared) {
  const sharedCache = new c.ExpressionErrorCache();
  const states = docs.map((d) => {
    const cache = shared ? sharedCache : new c.ExpressionErrorCache();
    const doc = c.TextDocument.create(d.uri, d.languageId, 1, d.text);
    validateTimed(c, doc, cache);
    return { d, doc, cache, typingPos: d.typingPos, typed: 0, version: 1, runs: [], cold: [] };
  });
  for (let i = 0; i < EDITS + WARMUP; i++) {
    for (const s of states) {
      const k = nextKeystroke(s);
      const t0 = performance.now();
      s.doc = c.TextDocument.update(s.doc, [{ range: { start: k.position, end: k.position }, text: k.ch }], k.version);
      const update = performance.now() - t0;
      const r = validateTimed(c, s.doc, s.cache);
      if (i >= WARMUP) s.runs.push({ ...r, total: r.total + update });
      if (!shared && i % 5 === 0 && i >= WARMUP) s.cold.push(validateTimed(c, s.doc, new c.ExpressionErrorCache()).check);
    }
  }
  return states;
}

function printInProcess(states, withCold) {
  for (const s of states) {
    const f = (key) => s.runs.map((r) => r[key]);
    const parsed = [...new Set(f('parsed'))].sort((a, b) => a - b).join('/');
    const cold = withCold ? `; check/map with an empty cache (all expressions parsed) ${ms(median(s.cold))}` : '';
    console.log(
      `  ${s.d.name.padEnd(24)} ${ms(median(f('total')))} (min–max ${spread(f('total'))}; target ≤ ${s.d.target} ms) = extraction ${ms(median(f('extract')))} + check/map ${ms(median(f('check')))}; expressions parsed per keystroke: ${parsed}${cold}`,
    );
  }
}

async function overStdio(client, docs, debounce) {
  const latency = new Map(docs.map((d) => [d.name, []]));
  // Alternate the documents keystroke by keystroke so machine noise hits all alike.
  for (let i = 0; i < EDITS + WARMUP; i++) {
    for (const d of docs) {
      const k = nextKeystroke(d);
      const got = client.diagnostics(d.uri, k.version);
      const t0 = performance.now();
      await client.insert(d.uri, k.version, k.position, k.ch);
      const { t, params } = await got;
      if (params.diagnostics.some((x) => x.source === 'promql')) throw new Error(`${d.name}: unexpected PromQL errors after typing: ${params.diagnostics[0].message}`);
      if (i >= WARMUP) latency.get(d.name).push(t - t0);
    }
  }
  for (const d of docs) {
    const xs = latency.get(d.name);
    console.log(
      `${d.name.padEnd(24)} didChange→publishDiagnostics ${ms(median(xs))} (min–max ${spread(xs)}); minus the ${debounce} ms debounce: ${ms(median(xs) - debounce)}`,
    );
  }
}

/**
 * What VS Code 1.100 (vscode-languageclient 9) declares for completion, so the lists measured are
 * the ones its users get: with itemDefaults the server sends one edit range, not one per item.
 */
const VSCODE_CAPABILITIES = {
  textDocument: {
    completion: {
      dynamicRegistration: true,
      contextSupport: true,
      insertTextMode: 2,
      completionItem: {
        snippetSupport: true,
        commitCharactersSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        deprecatedSupport: true,
        preselectSupport: true,
        tagSupport: { valueSet: [1] },
        insertReplaceSupport: true,
        resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
        insertTextModeSupport: { valueSet: [1, 2] },
        labelDetailsSupport: true,
      },
      completionItemKind: { valueSet: Array.from({ length: 25 }, (_, i) => i + 1) },
      completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    },
  },
};

/** What onCompletion does in process, minus LSP conversion: locate, document names, completePromQL. */
async function completeInProcess(c, doc, expressions, position) {
  const t0 = performance.now();
  const offset = doc.offsetAt(position);
  const expr = c.expressionAt(expressions, offset);
  const local = c.documentNamesSource(expressions.map((e) => e.text));
  await c.completePromQL(expr.text, c.toExpressionOffset(expr, offset), c.DEFAULT_SETTINGS.parse, [c.staticSource, local]);
  return performance.now() - t0;
}

async function completions(c, client, docs) {
  const spots = docs.flatMap((d, i) => {
    const expressions = c.documentExpressions(d.uri, d.text, d.languageId);
    const doc = c.TextDocument.create(d.uri, d.languageId, 1, d.text);
    return completionSpots(expressions, d.text, i === 2 ? 6 : 7).map((s) => ({ ...s, doc: d, expressions, textDoc: doc, times: [], local: [], items: 0, bytes: 0 }));
  });
  for (let r = 0; r < COMPLETION_ROUNDS + 3; r++) {
    for (const s of spots) {
      const t0 = performance.now();
      const items = await client.completion(s.doc.uri, s.position);
      const t = performance.now() - t0;
      s.items = (Array.isArray(items) ? items : items?.items ?? []).length;
      s.bytes = JSON.stringify(items).length;
      if (r >= 3) s.times.push(t);
      if (r >= 3 && r % 3 === 0) s.local.push(await completeInProcess(c, s.textDoc, s.expressions, s.position));
    }
  }
  for (const s of spots) {
    console.log(
      `  ${s.doc.name.padEnd(24)} ${s.label.padEnd(18)} ${String(s.items).padStart(4)} items ${(s.bytes / 1024).toFixed(0).padStart(4)} KB  median ${ms(median(s.times))}  max ${ms(Math.max(...s.times))}  (in process ${ms(median(s.local))})`,
    );
  }
  const all = spots.flatMap((s) => s.times);
  console.log(`completion, ${spots.length} positions × ${COMPLETION_ROUNDS}: p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, max ${ms(Math.max(...all))} (target p95 ≤ 10 ms)`);
  for (const d of docs) {
    const xs = spots.filter((s) => s.doc === d).flatMap((s) => s.times);
    console.log(`  ${d.name.padEnd(24)} p95 ${ms(percentile(xs, 95))}`);
  }
}

/** Completion right after a keystroke, as an editor asks (the server re-extracts the new version first). */
async function completionAfterTyping(client, docs) {
  for (const d of docs) {
    const xs = [];
    for (let i = 0; i < 13; i++) {
      const k = nextKeystroke(d);
      const got = client.diagnostics(d.uri, k.version);
      await client.insert(d.uri, k.version, k.position, k.ch);
      const t0 = performance.now();
      await client.completion(d.uri, { line: k.position.line, character: k.position.character + 1 });
      if (i >= 3) xs.push(performance.now() - t0);
      await got;
    }
    console.log(`  ${d.name.padEnd(24)} completion just after a keystroke: median ${ms(median(xs))} (min–max ${spread(xs)})`);
  }
}

function corpusFiles() {
  const walk = (dir, exts, recurse) =>
    readdirSync(dir)
      .sort()
      .flatMap((n) => {
        const p = path.join(dir, n);
        if (statSync(p).isDirectory()) return recurse ? walk(p, exts, recurse) : [];
        return exts.some((e) => n.endsWith(e)) ? [p] : [];
      });
  return [
    ...walk(path.join(corpus, 'rules'), ['.yml', '.yaml'], true),
    ...walk(path.join(corpus, 'dashboards'), ['.json'], true),
    ...walk(path.join(corpus, 'config/testdata'), ['.yml'], false),
    ...walk(path.join(corpus, 'rulefmt/testdata'), ['.yml', '.yaml', '.json'], false),
  ];
}

async function memory(dir) {
  const client = await LspClient.start(SERVER, dir, VSCODE_CAPABILITIES);
  try {
    await sleep(2000);
    const base = processMemoryMB(client.pid);
    const files = corpusFiles();
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    const t0 = performance.now();
    const done = files.map((f) => client.diagnostics(pathToFileURL(f).href, 1, 120_000));
    for (const f of files) await client.open(pathToFileURL(f).href, f.endsWith('.json') ? 'json' : 'yaml', readFileSync(f, 'utf8'));
    await Promise.all(done);
    const openMs = performance.now() - t0;
    const opened = processMemoryMB(client.pid);
    await sleep(5000);
    const idle = processMemoryMB(client.pid);
    console.log(`memory: ${files.length} corpus files (${(bytes / 2 ** 20).toFixed(1)} MB) opened and diagnosed in ${ms(openMs)}`);
    console.log(
      `  server RSS: ${base.rss.toFixed(0)} MB after initialize and 2 s idle → ${opened.rss.toFixed(0)} MB with all open → ${idle.rss.toFixed(0)} MB after 5 s idle (+${(idle.rss - base.rss).toFixed(0)} MB); peak ${idle.peak.toFixed(0)} MB`,
    );
  } finally {
    await client.stop();
  }
}

export async function run() {
  if (!existsSync(SERVER)) throw new Error('server/out/server.js is missing: run `npm run build` first');
  console.log(`load average at start: ${load()}`);
  const c = await core();
  const dir = mkdtempSync(path.join(tmpdir(), 'lsp-bench-'));
  const docs = documents(c, dir);

  console.log(`\nin process (the server's compute per keystroke: TextDocument.update + validate()), ${EDITS} keystrokes each, one cache per document:`);
  printInProcess(inProcess(c, docs, false), true);
  console.log('in process, one cache shared by the three documents edited in turn (as in the server):');
  printInProcess(inProcess(c, docs, true), false);

  const client = await LspClient.start(SERVER, dir, VSCODE_CAPABILITIES);
  try {
    console.log('\nover stdio (an editor\'s view):');
    for (const d of docs) {
      const got = client.diagnostics(d.uri, 1, 120_000);
      const t0 = performance.now();
      await client.open(d.uri, d.languageId, d.text);
      const { t } = await got;
      console.log(`  ${d.name.padEnd(24)} didOpen→publishDiagnostics (no debounce; full lint included) ${ms(t - t0)}`);
    }
    await overStdio(client, docs, c.DEBOUNCE);
    // Keep the client's view of the texts in step with the server's for the completion spots.
    for (const d of docs) {
      let doc = c.TextDocument.create(d.uri, d.languageId, 1, d.text);
      const state = { typingPos: d.typingPos, typed: 0, version: 1 };
      while (state.typed < d.typed) {
        const k = nextKeystroke(state);
        doc = c.TextDocument.update(doc, [{ range: { start: k.position, end: k.position }, text: k.ch }], k.version);
      }
      d.text = doc.getText();
    }
    console.log('\ncompletion over stdio (request → response):');
    await completions(c, client, docs);
    await completionAfterTyping(client, docs);
    const m = processMemoryMB(client.pid);
    console.log(`server RSS after this session (the three documents, ${EDITS + WARMUP + 10}+ keystrokes each): ${m.rss.toFixed(0)} MB, peak ${m.peak.toFixed(0)} MB`);
  } finally {
    await client.stop();
  }

  console.log('');
  await memory(dir);
  rmSync(dir, { recursive: true, force: true });
  console.log(`load average at end: ${load()}`);
}
