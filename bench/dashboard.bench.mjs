// Dashboard preview (issue 6): Node Exporter Full against a live Prometheus scraping a real
// node_exporter, everything real — the language server over stdio answers `monitoring/dashboardPreview`
// and `monitoring/panelQuery`, the dashboard webview bundle draws in headless Chromium, and this file
// plays the panel host (client/src/panels/dashboardPanel.ts) with its own query queue (panelQueries.ts:
// only panels whose inputs changed are queried, at most 4 at a time).
//   1. First complete render (target ≤ 3 s): fresh page; t0 → page ready + preview answered → post
//      `dashboard` → `visiblePanels` → panel queries → `panelData` → a `rendered` report with no panel
//      still loading → t1. N = 5 (the first cold, the rest with the server's caches warm).
//   2. Re-render after a one-panel edit (target ≤ 300 ms): change one panel's title in the document
//      (textDocument/didChange), ask for the preview again (the host parses the text itself, the
//      server leaves the dashboard out), post the changes to the page's dashboard, query what changed
//      (must be 1 panel), wait for the `rendered` report showing the new title with its new data.
//      The host's 300 ms edit debounce comes before this and is not counted.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from '../test/support/chromium.ts';
import { startPrometheus } from '../test/support/realPrometheus.ts';
import { forwardPostsTo, serveWebviews } from '../test/support/webviewHarness.ts';
import { PanelQueryQueue, previewPanelJobs } from '../client/src/panels/panelQueries.ts';
import { DashboardMessages, dashboardOfText, layoutNeutral } from '../webview/src/dashboard/patch.ts';
import { LspClient } from './lspClient.mjs';
import { SERVER_NODE_FLAGS } from '../server/src/processFlags.ts';
import { median, percentile } from './stats.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_JS = path.join(ROOT, 'server/out/server.js');
const NEF = path.join(ROOT, 'test-fixtures/corpus/dashboards/rfmoz/node-exporter-full.json');
const URI = pathToFileURL(path.join(ROOT, 'test-fixtures/corpus/dashboards/rfmoz/node-exporter-full.json')).href;
const FIRST_RUNS = 5;
const EDIT_RUNS = 10;
const TIMEOUT_MS = 60_000;

const fmt = (ms) => `${ms.toFixed(0)} ms`;

/** The language server with one data source, as the client's initializationOptions send it. */
async function startServer(url) {
  // With the Node flags the extension starts it with (a larger young generation for big dashboards).
  const c = new LspClient(SERVER_JS, { nodeFlags: SERVER_NODE_FLAGS });
  await c.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(ROOT).href,
    workspaceFolders: [{ uri: pathToFileURL(ROOT).href, name: 'bench' }],
    capabilities: {},
    initializationOptions: { monitoring: { datasources: [{ name: 'bench', url }] } },
  });
  await c.conn.sendNotification('initialized', {});
  return c;
}

/** The panel host for one page: what dashboardPanel.ts does, minus vscode. */
class Host {
  constructor(lsp, page, text) {
    this.lsp = lsp;
    this.page = page;
    /** The document's text as the editor has it (the host parses it: the server leaves the dashboard out). */
    this.text = text;
    this.messages = new DashboardMessages();
    this.preview = undefined;
    this.lastVisible = [];
    /** Messages from the page, with their arrival time. */
    this.inbox = [];
    this.waiters = [];
    /** key → time its panelData/panelError was posted. */
    this.delivered = new Map();
    this.serverMs = 0;
    /** message type → { n, roundTrip, parse, handle } ms summed. */
    this.costs = {};
    this.queue = new PanelQueryQueue(
      {
        loading: (key) => void this.post({ type: 'panelLoading', key }),
        done: (key, result) => void this.post({ type: 'panelData', key, result }).then(() => this.delivered.set(key, performance.now())),
        failed: (key, message) => void this.post({ type: 'panelError', key, message }).then(() => this.delivered.set(key, performance.now())),
      },
    );
  }

  /**
   * Delivers a message to the page as VS Code does (serialized, then a `message` event), timing the
   * page's handling of it: dispatched synchronously, so `handleMs` is the webview's own work.
   */
  async post(msg) {
    const t = performance.now();
    const json = JSON.stringify(msg);
    const [parseMs, handleMs] = await this.page.evaluate((s) => {
      const t0 = performance.now();
      const data = JSON.parse(s);
      const t1 = performance.now();
      window.dispatchEvent(new MessageEvent('message', { data }));
      return [t1 - t0, performance.now() - t1];
    }, json);
    const c = (this.costs[msg.type] ??= { n: 0, roundTrip: 0, parse: 0, handle: 0, bytes: 0 });
    c.n++;
    c.bytes += json.length;
    c.roundTrip += performance.now() - t;
    c.parse += parseMs;
    c.handle += handleMs;
  }

  /** Called (through page.exposeFunction) for everything the page posts. */
  receive(m) {
    const t = performance.now();
    this.inbox.push({ t, m });
    if (m.type === 'visiblePanels') {
      this.lastVisible = m.panels;
      this.queryVisible();
    }
    for (const w of [...this.waiters]) {
      if (w.test(m, t)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve({ t, m });
      }
    }
  }

  /** The first message (already arrived after `since`, or still to come) that passes `test`. */
  waitFor(what, test, since = 0) {
    const hit = this.inbox.find((x) => x.t >= since && test(x.m, x.t));
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; last messages: ${JSON.stringify(this.inbox.slice(-2).map((x) => x.m)).slice(0, 2000)}\nserver stderr: ${this.lsp.stderr.slice(-2000)}`)), TIMEOUT_MS);
      this.waiters.push({ test, resolve: (x) => (clearTimeout(timer), resolve(x)) });
    });
  }

  /** As dashboardPanel.ts loadPreview(): the text parsed here, the rest asked of the server. */
  async loadPreview() {
    const t = performance.now();
    const parsed = dashboardOfText(this.text);
    const p = await this.lsp.conn.sendRequest('monitoring/dashboardPreview', { uri: URI, selections: {}, ...(parsed ? { omitDashboard: true } : {}) });
    this.previewMs = performance.now() - t;
    if (!p || p.error) throw new Error(`preview failed: ${JSON.stringify(p?.error ?? p)}`);
    if (p.datasourceError) throw new Error(`preview: ${p.datasourceError}`);
    this.preview = p.dashboard === undefined && parsed ? { ...p, dashboard: parsed } : p;
    return this.preview;
  }

  /**
   * As dashboardPanel.ts postDashboard() and what follows: the whole dashboard to a new page, then
   * what changed; after an edit inside panels only, the changed visible ones are queried at once.
   */
  postDashboard() {
    const msg = this.messages.message(this.preview, 'dark');
    const posted = this.post(msg);
    if (msg.patch && layoutNeutral(msg.patch.changes)) this.queryVisible();
    return posted;
  }

  /** As dashboardPanel.ts queryVisible(): a job per visible panel, hashed on what its result depends on. */
  queryVisible() {
    const preview = this.preview;
    const jobs = previewPanelJobs(this.lastVisible, preview, { uri: URI, selections: {} }, (params) => {
      const t = performance.now();
      const promise = this.lsp.conn.sendRequest('monitoring/panelQuery', params).finally(() => (this.serverMs = Math.max(this.serverMs, performance.now() - t)));
      return { promise, cancel: { cancel() {} } };
    });
    this.queue.want(jobs);
  }
}

/** A `rendered` report where no panel waits for its data. */
const complete = (m) => m.type === 'rendered' && m.panels.length > 0 && m.panels.every((p) => p.text !== 'Loading…');

/** Opens a fresh page wired to a new host. */
async function openPage(browser, lsp, text) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const host = new Host(lsp, page, text);
  await forwardPostsTo(page, (m) => host.receive(m));
  return { page, host, errors };
}

/** Asks the server until the panels whose data needs a few scrapes (rates) have some. */
async function waitForData(lsp) {
  const deadline = Date.now() + 6 * 60_000;
  const wanted = ['CPU Busy', 'RAM Used', 'CPU Basic', 'Memory Basic', 'Network Traffic Basic', 'Disk Space Used Basic'];
  for (;;) {
    const p = await lsp.conn.sendRequest('monitoring/dashboardPreview', { uri: URI, selections: {} });
    const panels = p.dashboard.panels;
    const missing = [];
    for (const title of wanted) {
      const i = panels.findIndex((x) => x.title === title);
      const r = await lsp.conn.sendRequest('monitoring/panelQuery', { uri: URI, path: ['panels', i], selections: {}, range: p.range, widthPx: 600 });
      if (!r.results.some((t) => (t.data?.series?.length ?? 0) > 0)) missing.push(title);
    }
    if (missing.length === 0) return p;
    if (Date.now() > deadline) throw new Error(`no data after 6 min for ${missing.join(', ')}; variables ${JSON.stringify(p.variables.map((v) => [v.name, v.current]))}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function run() {
  const { execFileSync } = await import('node:child_process');
  const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
  const loadStart = uptime();
  const t00 = performance.now();
  const [prom, browser, web] = await Promise.all([startPrometheus({ nodeExporter: true }), launchChromium(), serveWebviews()]);
  const lsp = await startServer(prom.url);
  const text0 = readFileSync(NEF, 'utf8');
  let version = 1;
  await lsp.open(URI, 'json', text0, version);
  try {
    const firstP = await waitForData(lsp);
    console.log(`setup: Prometheus + node_exporter up, NEF panels with data after ${fmt(performance.now() - t00)}; variables ${firstP.variables.map((v) => `${v.name}=${JSON.stringify(v.current?.value)}`).join(', ')}`);

    // --- 1. first complete render, fresh page each time -------------------------------------
    const firsts = [];
    for (let i = 0; i < FIRST_RUNS; i++) {
      const { page, host, errors } = await openPage(browser, lsp, text0);
      const t0 = performance.now();
      const [, , readyAt] = await Promise.all([
        page.goto(web.pageUrl('dashboard', 'dark')),
        host.loadPreview().then(() => (host.previewAt = performance.now())),
        host.waitFor('ready', (m) => m.type === 'ready').then((x) => x.t),
      ]);
      const tPost = performance.now();
      await host.postDashboard();
      const visible = await host.waitFor('visiblePanels', (m) => m.type === 'visiblePanels', tPost);
      const done = await host.waitFor('complete rendered', complete, tPost);
      // The report must come after the last data was posted (not a report of an earlier state).
      const keys = visible.m.panels.map((p) => p.key);
      const lastData = Math.max(...keys.map((k) => host.delivered.get(k) ?? Infinity));
      const final = lastData <= done.t ? done : await host.waitFor('rendered after the data', (m, t) => complete(m) && t >= lastData, lastData);
      const t1 = final.t;
      const panels = final.m.panels;
      const drawn = panels.filter((p) => p.drawn).length;
      const noData = panels.filter((p) => !p.drawn);
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
      firsts.push({
        total: t1 - t0,
        ready: readyAt - t0,
        preview: host.previewMs,
        visible: visible.t - t0,
        lastData: lastData - t0,
        slowestQuery: host.serverMs,
        queries: host.queue.queries,
        dashRoundTrip: host.costs.dashboard.roundTrip,
        dashHandle: host.costs.dashboard.handle,
        dashParse: host.costs.dashboard.parse,
        dataHandle: (host.costs.panelData?.handle ?? 0) + (host.costs.panelError?.handle ?? 0),
        dataRoundTrip: (host.costs.panelData?.roundTrip ?? 0) + (host.costs.panelError?.roundTrip ?? 0),
        visibleCount: keys.length,
        drawn,
        noData: noData.map((p) => `${p.title} (${p.text.slice(0, 40)})`),
      });
      await page.close();
    }
    console.log('\nFirst complete render of Node Exporter Full (fresh page; 1280×900 viewport; dashboard time now-24h):');
    console.log('run   | total   | page ready | preview (server) | visiblePanels | last panelData | slowest panelQuery | queries | drawn/visible');
    for (const [i, f] of firsts.entries()) {
      console.log(`${i === 0 ? 'cold ' : `warm${i}`} | ${fmt(f.total).padStart(7)} | ${fmt(f.ready).padStart(10)} | ${fmt(f.preview).padStart(16)} | ${fmt(f.visible).padStart(13)} | ${fmt(f.lastData).padStart(14)} | ${fmt(f.slowestQuery).padStart(18)} | ${String(f.queries).padStart(7)} | ${f.drawn}/${f.visibleCount}`);
    }
    console.log('where the time goes (ms) | post dashboard: round trip / webview handling | post panelData ×n: round trip / webview handling (summed)');
    for (const [i, f] of firsts.entries()) {
      console.log(`${i === 0 ? 'cold ' : `warm${i}`} | ${fmt(f.dashRoundTrip)} / ${fmt(f.dashHandle)} (+ JSON.parse ${fmt(f.dashParse)}) | ${fmt(f.dataRoundTrip)} / ${fmt(f.dataHandle)}`);
    }
    const notDrawn = firsts[0].noData;
    if (notDrawn.length) console.log(`not drawn (no data / error / static): ${notDrawn.join('; ')}`);
    const warm = firsts.slice(1).map((f) => f.total);
    console.log(`cold ${fmt(firsts[0].total)}; warm median ${fmt(median(warm))} (max ${fmt(Math.max(...warm))}) — target ≤ 3000 ms: ${Math.max(firsts[0].total, ...warm) <= 3000 ? 'met' : 'MISSED'}`);

    // --- 2. one-panel edit ------------------------------------------------------------------
    const { page, host, errors } = await openPage(browser, lsp, text0);
    await page.goto(web.pageUrl('dashboard', 'dark'));
    await host.waitFor('ready', (m) => m.type === 'ready');
    await host.loadPreview();
    let since = performance.now();
    await host.postDashboard();
    const vis = await host.waitFor('visiblePanels', (m) => m.type === 'visiblePanels', since);
    await host.waitFor('complete rendered', (m, t) => complete(m) && vis.m.panels.every((p) => (host.delivered.get(p.key) ?? Infinity) <= t), since);
    // The harness's own transport for a message this size: the same string to the page, not handled.
    const dashJson = JSON.stringify({ type: 'dashboard', preview: host.preview, theme: 'dark' });
    const transport = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await page.evaluate((str) => str.length, dashJson);
      transport.push(performance.now() - t);
    }
    const TITLE = '"title": "CPU Busy"';
    const at = text0.indexOf(TITLE);
    if (at < 0 || text0.indexOf(TITLE, at + 1) >= 0) throw new Error('the CPU Busy title is not unique in the document');
    const pos = (offset) => {
      const before = text0.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    const titleEnd = at + TITLE.length - 1; // before the closing quote
    const key = JSON.stringify(['panels', 2]);
    const edits = [];
    let suffix = '';
    for (let i = 0; i < EDIT_RUNS; i++) {
      const queriesBefore = host.queue.queries;
      const byKeyBefore = { ...host.queue.queriesByKey };
      const next = ` #${i + 1}`;
      const newTitle = `CPU Busy${next}`;
      host.serverMs = 0;
      since = performance.now();
      const t0 = since;
      // Replace the previous suffix with the next one.
      await lsp.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: URI, version: ++version },
        contentChanges: [{ range: { start: pos(titleEnd), end: { ...pos(titleEnd), character: pos(titleEnd).character + suffix.length } }, text: next }],
      });
      suffix = next;
      host.text = text0.slice(0, titleEnd) + next + text0.slice(titleEnd);
      await host.loadPreview();
      const tPreview = performance.now();
      host.costs = {};
      await host.postDashboard();
      await host.waitFor('visiblePanels', (m) => m.type === 'visiblePanels', since);
      const done = await host.waitFor(
        'rendered with the new title and its data',
        (m, t) => complete(m) && m.panels.some((p) => p.key === key && p.title === newTitle) && (host.delivered.get(key) ?? 0) >= since && host.delivered.get(key) <= t,
        since,
      );
      const sent = host.queue.queries - queriesBefore;
      const changed = Object.keys(host.queue.queriesByKey).filter((k) => host.queue.queriesByKey[k] !== byKeyBefore[k]);
      if (sent !== 1 || changed.length !== 1 || changed[0] !== key) throw new Error(`edit ${i + 1}: ${sent} panelQuery sent (${changed.join(', ')}), expected 1 for ${key}`);
      const p = done.m.panels.find((x) => x.key === key);
      edits.push({ total: done.t - t0, drawnAt: host.delivered.get(key) - t0, preview: tPreview - t0, query: host.serverMs, drawn: p.drawn, dashRoundTrip: host.costs.dashboard.roundTrip, dashHandle: host.costs.dashboard.handle, dashBytes: host.costs.dashboard.bytes, dataHandle: host.costs.panelData?.handle ?? 0 });
    }
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    await page.close();
    const totals = edits.map((e) => e.total);
    console.log(`\nRe-render after a one-panel edit (title of "CPU Busy"; didChange → rendered with the new title and its new data; the host's 300 ms debounce not counted), ${EDIT_RUNS} edits, 1 panelQuery each (asserted):`);
    console.log(`  total median ${fmt(median(totals))}, p95 ${fmt(percentile(totals, 95))} (min ${fmt(Math.min(...totals))}, max ${fmt(Math.max(...totals))}) — target ≤ 300 ms: ${percentile(totals, 95) <= 300 ? 'met' : median(totals) <= 300 ? 'met at the median, not at p95' : 'MISSED'}`);
    console.log(`  the 'dashboard' message after an edit carries only the changes: median ${median(edits.map((e) => e.dashBytes))} bytes of JSON; whole (the first one to a page, collapsed rows included) it is ${(dashJson.length / 1024).toFixed(0)} KiB, which this harness alone moves to the page in median ${fmt(median(transport))} (page.evaluate of the string, nothing handled)`);
    const drawnAt = edits.map((e) => e.drawnAt);
    console.log(`  panel redrawn (its panelData handled, before the webview's report in the next frame): median ${fmt(median(drawnAt))}, p95 ${fmt(percentile(drawnAt, 95))}`);
    console.log(`  of which preview request (server) median ${fmt(median(edits.map((e) => e.preview)))}, the one panelQuery median ${fmt(median(edits.map((e) => e.query)))}; panel drawn in ${edits.filter((e) => e.drawn).length}/${EDIT_RUNS}`);
    const slowest = edits.reduce((a, b) => (b.total > a.total ? b : a));
    console.log(`  the slowest edit: ${fmt(slowest.total)} = preview answered at ${fmt(slowest.preview)}, its panelQuery ${fmt(slowest.query)} (server round trip), panel redrawn at ${fmt(slowest.drawnAt)}; every edit: ${edits.map((e) => e.total.toFixed(0)).join(', ')} ms`);
    console.log(`  post dashboard: round trip median ${fmt(median(edits.map((e) => e.dashRoundTrip)))}, webview handling median ${fmt(median(edits.map((e) => e.dashHandle)))}; post panelData: webview handling median ${fmt(median(edits.map((e) => e.dataHandle)))}`);
  } finally {
    await browser.close();
    await web.close();
    await lsp.stop().catch(() => {});
    await prom.stop();
    console.log(`\nload: start "${loadStart}"; end "${uptime()}"`);
  }
}
