// Real dashboards on live data, everything real (issue 6): a real Prometheus scraping a real
// node_exporter and itself on loopback, the language server over stdio, the dashboard webview
// bundle in headless Chromium, and between them the panel host of support/dashboardHost.ts (what
// client/src/panels/dashboardPanel.ts does). Node Exporter Full shows this machine's own figures
// (checked against os.* and /proc, formatted in each panel's unit); a panel left empty must be
// empty in Prometheus too (queried directly). Prometheus' own "Prometheus / Overview" dashboard
// (kube-prometheus; Prometheus scrapes itself with the job and labels that dashboard expects)
// shows its build, targets and scrape interval. Light and dark screenshots go to test-output/.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, readdirSync, statfsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import type { PanelQueryResult } from '../webview/src/dashboardProtocol';
import { launchChromium } from './support/chromium';
import { openDashboardPage, startLanguageServer, type DashboardPage, type LanguageServer, type Rendered, type RenderedPanel } from './support/dashboardHost';
import { startPrometheus, type RunningPrometheus } from './support/realPrometheus';
import { serveWebviews, type WebviewServer } from './support/webviewHarness';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'test-output');
const CORPUS = path.join(ROOT, 'test-fixtures/corpus/dashboards');
const NEF = path.join(CORPUS, 'rfmoz/node-exporter-full.json');
const OVERVIEW = path.join(CORPUS, 'kube-prometheus/prometheus.json');
const LAST_5M = { from: 'now-5m', to: 'now' };
/** How kube-prometheus labels its Prometheus: the Overview's variables select on these. */
const SELF = { job: 'prometheus-k8s', labels: { cluster: 'loopback', namespace: 'monitoring' } };
const DATA_TIMEOUT_MS = 150_000;

const key = (...p: Array<string | number>): string => JSON.stringify(p);

/** Grafana's `bytes` unit: IEC steps of 1024 (scaledUnits), with the panel's decimals. */
function iec(bytes: number, decimals: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(decimals)} ${units[i]}`;
}

function meminfo(field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/meminfo', 'utf8'));
  assert.ok(m, `no ${field} in /proc/meminfo`);
  return Number(m[1]) * 1024;
}

/** Points of the panel's series: the longest series' length per target. */
const points = (r: PanelQueryResult | undefined): number =>
  Math.min(...(r?.results ?? []).map((t) => (t.data && 'series' in t.data ? Math.max(0, ...t.data.series.map((s) => s.values.length)) : 0)));

describe('real dashboards on live data (Prometheus scraping node_exporter and itself; language server; webview in Chromium)', function () {
  this.timeout(4 * 60_000);
  let prom: RunningPrometheus;
  let lsp: LanguageServer;
  let browser: Browser;
  let web: WebviewServer;
  let nodeTarget: string;
  let promTarget: string;
  const nefUri = pathToFileURL(NEF).href;
  const overviewUri = pathToFileURL(OVERVIEW).href;
  const pages: DashboardPage[] = [];

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    [prom, browser, web] = await Promise.all([startPrometheus({ nodeExporter: true, selfScrape: SELF }), launchChromium(), serveWebviews()]);
    nodeTarget = new URL(prom.nodeExporterUrl!).host;
    promTarget = new URL(prom.url).host;
    lsp = await startLanguageServer([{ name: 'live', url: prom.url }]);
    lsp.open(nefUri, readFileSync(NEF, 'utf8'));
    lsp.open(overviewUri, readFileSync(OVERVIEW, 'utf8'));
  });
  after(async () => {
    for (const p of pages) await p.page.close().catch(() => {});
    await browser?.close();
    await web?.close();
    await lsp?.stop();
    await prom?.stop();
  });

  async function open(uri: string, theme: 'light' | 'dark', time?: { from: string; to: string }): Promise<DashboardPage> {
    const p = await openDashboardPage(browser, web, lsp, uri, { theme, time, timeoutMs: 60_000 });
    pages.push(p);
    return p;
  }

  /** Prometheus' own answer (not through the language server) as [labels, values] per series. */
  async function promQuery(kind: 'query' | 'query_range', params: Record<string, string>): Promise<Array<{ metric: Record<string, string>; values: number[] }>> {
    const res = await fetch(`${prom.url}/api/v1/${kind}?${new URLSearchParams(params)}`);
    const body = (await res.json()) as { status: string; error?: string; data: { resultType: string; result: unknown } };
    assert.equal(body.status, 'success', `${params.query}: ${body.error}`);
    const d = body.data;
    if (d.resultType === 'scalar') return [{ metric: {}, values: [Number((d.result as [number, string])[1])] }];
    return (d.result as Array<{ metric: Record<string, string>; value?: [number, string]; values?: Array<[number, string]> }>).map((s) => ({
      metric: s.metric,
      values: (s.values ?? (s.value ? [s.value] : [])).map(([, v]) => Number(v)),
    }));
  }

  /**
   * Clicks the page's Refresh button until `missing` names nothing (poll for live data; the
   * queries of a refresh run on a range ending now). Returns the last settled report.
   */
  async function refreshUntil(p: DashboardPage, missing: (r: Rendered) => string[], what: string): Promise<Rendered> {
    const deadline = Date.now() + DATA_TIMEOUT_MS;
    let r = await p.host.settled();
    for (;;) {
      const left = missing(r);
      if (left.length === 0) return r;
      assert.ok(Date.now() < deadline, `${what}: still missing after ${DATA_TIMEOUT_MS / 1000} s: ${left.join('; ')}`);
      await new Promise((res) => setTimeout(res, 1000));
      const since = performance.now();
      await p.page.click('#refresh');
      r = await p.host.settled(since);
    }
  }

  /**
   * Why a panel shows nothing, from Prometheus itself: every target of the panel, run directly with
   * the same expression, range and step, has no finite value (or none above the panel's minimum,
   * where a bar or a flat line stays on the axis). Fails when Prometheus has something to draw.
   */
  async function explainEmpty(p: DashboardPage, panel: RenderedPanel): Promise<string> {
    const result: PanelQueryResult | undefined = p.host.results.get(panel.key);
    assert.ok(result, `${panel.title}: never queried (${p.host.errors.get(panel.key) ?? 'no error'})`);
    const json = valueAtPath(p.host.preview!.dashboard, result.path) as { fieldConfig?: { defaults?: { min?: number } } };
    const min = json.fieldConfig?.defaults?.min ?? (panel.type === 'gauge' || panel.type === 'bargauge' ? 0 : undefined);
    const range = result.range ?? p.host.preview!.range;
    const why: string[] = [];
    for (const t of result.results) {
      assert.equal(t.error, undefined, `${panel.title} ${t.refId}: ${t.error}`);
      const step: number = result.stepMs / 1000;
      const series: Array<{ metric: Record<string, string>; values: number[] }> =
        t.mode === 'instant'
          ? await promQuery('query', { query: t.expr, time: String(range.endMs / 1000) })
          : await promQuery('query_range', { query: t.expr, start: String(Math.floor(range.startMs / 1000 / step) * step), end: String(Math.floor(range.endMs / 1000 / step) * step), step: String(step) });
      const finite: number[] = series.flatMap((s) => s.values).filter(Number.isFinite);
      const above: number[] = finite.filter((v) => min === undefined || v > min);
      assert.deepEqual(above, [], `${panel.type} "${panel.title}" is not drawn (${panel.text}), yet Prometheus has values for ${t.expr}`);
      why.push(series.length === 0 ? 'no series' : finite.length === 0 ? `${series.length} series, no finite value` : `every value ≤ min ${min}`);
    }
    return `${panel.title}: ${[...new Set(why)].join(', ')}`;
  }

  const byTitle = (r: Rendered, title: string): RenderedPanel => {
    const found = r.panels.filter((p) => p.title === title);
    assert.equal(found.length, 1, `${found.length} panels titled ${title}: ${r.panels.map((p) => p.title).join(', ')}`);
    return found[0];
  };

  it('Node Exporter Full: the variable dropdowns hold the live job, node name and instance', async () => {
    const p = await open(nefUri, 'dark', LAST_5M);
    await p.host.settled();
    assert.equal(await p.page.locator('.dash-title').textContent(), 'Node Exporter Full');
    assert.deepEqual(await p.page.locator('.dash-var-label').allTextContents(), ['Datasource', 'Job', 'Nodename', 'Instance']);
    const options = (name: string) => p.page.locator(`select[data-variable=${name}] option`).allTextContents();
    assert.deepEqual(await options('ds_prometheus'), ['live']);
    assert.deepEqual(await options('job'), ['node']);
    assert.deepEqual(await options('nodename'), [os.hostname()]);
    assert.deepEqual(await options('node'), [nodeTarget]);
    assert.equal(await p.page.locator('select[data-variable=node]').inputValue(), nodeTarget);
    assert.equal(await p.page.locator('#time-range').inputValue(), 'now-5m');
    // The queries ran with them.
    const ram = p.host.results.get(key('panels', 8));
    assert.equal(ram?.results[0].expr, `node_memory_MemTotal_bytes{instance="${nodeTarget}",job="node"}`);
  });

  it('Node Exporter Full: every visible panel drawn with this machine\'s figures in its unit; the empty ones empty in Prometheus', async () => {
    const p = pages[0];
    const timeseries = (r: Rendered) => r.panels.filter((x) => x.type === 'timeseries');
    // Rates need two scrapes in their window and range queries a step-aligned point: a line of 3 points.
    const r = await refreshUntil(
      p,
      (rep) => [
        ...rep.panels.filter((x) => x.type !== 'timeseries' && x.title !== 'SWAP Used' && !x.drawn).map((x) => `${x.title} (${x.text})`),
        ...timeseries(rep).filter((x) => !x.drawn || points(p.host.results.get(x.key)) < 3).map((x) => `${x.title} (${points(p.host.results.get(x.key))} points)`),
      ],
      'Node Exporter Full data',
    );
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.violations, []);
    assert.deepEqual(r.panels.map((x) => x.title), [
      'Pressure', 'CPU Busy', 'Sys Load', 'RAM Used', 'SWAP Used', 'Root FS Used', 'CPU Cores', 'RAM Total', 'SWAP Total', 'RootFS Total', 'Uptime',
      'CPU Basic', 'Memory Basic', 'Network Traffic Basic', 'Disk Space Used Basic',
    ]);

    // Stat panels: the machine's own figures, formatted as the panels' units say.
    assert.equal(byTitle(r, 'CPU Cores').text, String(os.cpus().length)); // unit short
    assert.equal(byTitle(r, 'RAM Total').text, iec(os.totalmem(), 0)); // unit bytes, 0 decimals
    const swapTotal = meminfo('SwapTotal');
    assert.equal(byTitle(r, 'SWAP Total').text, iec(swapTotal, 0));
    const root = statfsSync('/');
    assert.equal(byTitle(r, 'RootFS Total').text, iec(root.blocks * root.bsize, 0));
    // Uptime (unit s, 1 decimal): Grafana's scale for the size, the value within the shown precision.
    const uptime = byTitle(r, 'Uptime').text;
    const m = /^(\d+\.\d) (s|min|hour|day|week|year)$/.exec(uptime);
    assert.ok(m, uptime);
    const scale = { s: 1, min: 60, hour: 3600, day: 86400, week: 604800, year: 3.15569e7 }[m[2] as 's'];
    const up = os.uptime();
    const expectedUnit = up < 60 ? 's' : up < 3600 ? 'min' : up < 86400 ? 'hour' : up < 604800 ? 'day' : up < 31536000 ? 'week' : 'year';
    assert.equal(m[2], expectedUnit, `${uptime} for ${up} s`);
    assert.ok(Math.abs(Number(m[1]) * scale - up) <= 0.05 * scale + 300, `${uptime} vs os.uptime() ${up} s`);

    // Gauges in percent, 1 decimal.
    const pct = (title: string): number => {
      const t = byTitle(r, title).text;
      const g = /^(-?\d+\.\d)%$/.exec(t);
      assert.ok(g, `${title}: ${t}`);
      return Number(g[1]);
    };
    const busy = pct('CPU Busy');
    assert.ok(busy >= 0 && busy <= 100, String(busy));
    assert.ok(pct('Sys Load') >= 0);
    const ramUsed = 100 * (1 - meminfo('MemAvailable') / meminfo('MemTotal'));
    assert.ok(Math.abs(pct('RAM Used') - ramUsed) < 5, `RAM Used ${pct('RAM Used')}% vs /proc/meminfo ${ramUsed.toFixed(1)}%`);
    const rootUsed = 100 * (1 - root.bavail / root.blocks);
    assert.ok(Math.abs(pct('Root FS Used') - rootUsed) < 5, `Root FS Used ${pct('Root FS Used')}% vs statfs ${rootUsed.toFixed(1)}%`);
    // Pressure: a bar per resource the kernel reports (percentunit, 1 decimal).
    const pressure = byTitle(r, 'Pressure');
    assert.ok(pressure.text.split(' | ').length >= 3 && pressure.text.split(' | ').every((v) => /^\d+\.\d%$/.test(v)), pressure.text);

    // Graph legends: the series Grafana names from legendFormat.
    assert.equal(byTitle(r, 'CPU Basic').text, 'Busy System | Busy User | Busy Iowait | Busy IRQs | Busy Other | Idle');
    assert.equal(byTitle(r, 'Memory Basic').text, 'Total | Used | Cache + Buffer | Free | Swap used');
    const devices = (await promQuery('query', { query: `node_network_receive_bytes_total{instance="${nodeTarget}"}` })).map((s) => s.metric.device).sort();
    assert.ok(devices.length > 0 && devices.every((d) => readdirSync('/sys/class/net').includes(d)), `${devices} vs /sys/class/net`);
    assert.deepEqual(byTitle(r, 'Network Traffic Basic').text.split(' | ').sort(), [...devices.map((d) => `Rx ${d}`), ...devices.map((d) => `Tx ${d}`)].sort());
    assert.ok(byTitle(r, 'Disk Space Used Basic').text.split(' | ').includes('/'), byTitle(r, 'Disk Space Used Basic').text);
    for (const t of timeseries(r)) assert.ok(t.drawn, `${t.title} not drawn`);
    // The y axes are drawn on canvas; the legend items carry no unit here (no legend calcs).

    // SWAP Used: empty exactly when the machine has no swap — Prometheus says so.
    const swap = await promQuery('query', { query: `node_memory_SwapTotal_bytes{instance="${nodeTarget}"}` });
    assert.equal(swap.length, 1);
    assert.equal(swap[0].values[0], swapTotal);
    const swapUsed = byTitle(r, 'SWAP Used');
    if (swapTotal === 0) {
      assert.deepEqual([swapUsed.drawn, swapUsed.text], [false, 'No data']);
      assert.match(await explainEmpty(p, swapUsed), /no finite value/); // 0 × NaN: the expression divides by SwapTotal
    } else {
      assert.ok(swapUsed.drawn, swapUsed.text);
    }
    for (const x of r.panels) if (x.title !== 'SWAP Used') assert.ok(x.drawn, `${x.title}: ${x.text}`);

    await p.page.screenshot({ path: path.join(OUT, 'dashboard-live-node-exporter-dark.png'), fullPage: true });
  });

  it('Node Exporter Full in the light theme: the same figures', async () => {
    const dark = pages[0].host.inbox.filter((x) => x.m.type === 'rendered').pop()!.m as Rendered;
    const p = await open(nefUri, 'light', LAST_5M);
    const r = await refreshUntil(p, (rep) => rep.panels.filter((x) => x.title !== 'SWAP Used' && !x.drawn).map((x) => x.title), 'Node Exporter Full (light)');
    assert.equal(await p.page.evaluate(() => document.body.className), 'vscode-light');
    for (const title of ['CPU Cores', 'RAM Total', 'SWAP Total', 'RootFS Total', 'CPU Basic', 'Memory Basic']) assert.equal(byTitle(r, title).text, byTitle(dark, title).text, title);
    assert.deepEqual(r.panels.map((x) => [x.title, x.drawn]), dark.panels.map((x) => [x.title, x.drawn]));
    // Light colours: the page background and a stat's text are the light theme's.
    assert.equal(await p.page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
    await p.page.screenshot({ path: path.join(OUT, 'dashboard-live-node-exporter-light.png'), fullPage: true });
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.violations, []);
    await p.page.close();
  });

  it('Node Exporter Full, every row expanded: each panel drawn, or Prometheus has nothing to draw for it', async () => {
    const p = pages[0];
    const rows = p.page.locator('.dash-row-toggle[aria-expanded=false]');
    const collapsed = await rows.count();
    assert.equal(collapsed, 14);
    // No Refresh: the panels a row shows are queried on the dashboard's time evaluated then, not on
    // the range of the preview made before (now long past).
    const since = performance.now();
    const queriesBefore = p.host.queue.queries;
    const shownBefore = (await p.host.settled()).panels.length;
    for (let i = 0; i < collapsed; i++) await rows.first().click();
    const r = await p.host.settled(since);
    const seconds = (performance.now() - since) / 1000;
    assert.equal(r.panels.length, 125);
    assert.equal(p.host.queue.queries - queriesBefore, 125 - shownBefore, 'expanding queries each panel shown once, and none drawn already');
    const empty = r.panels.filter((x) => !x.drawn);
    const explained: string[] = [];
    for (const x of empty) explained.push(await explainEmpty(p, x));
    const drawn = r.panels.length - empty.length;
    // Most of the dashboard has data on any Linux machine (CPU, memory, disks, network, sockets...).
    assert.ok(drawn >= 80, `only ${drawn} of ${r.panels.length} drawn:\n${explained.join('\n')}`);
    // Legend values (min / mean / max) in the panels' units: table legends, "column: cell".
    const cells = (tds: Element[]) => tds.map((td) => `${(td as HTMLElement).dataset.calc}: ${td.textContent}`);
    const calcs = (k: string, name: RegExp) =>
      p.page.locator(`.dash-panel[data-key='${k}'] .ts-legend-item`, { has: p.page.locator('.ts-legend-name', { hasText: name }) }).locator('.ts-legend-calc').evaluateAll(cells);
    const avail = await calcs(key('panels', 17, 'panels', 6), /^\/$/); // Filesystem Space Available, bytes
    assert.equal(avail.length, 3, JSON.stringify(avail));
    const fsNow = statfsSync('/');
    for (const c of avail) {
      const g = /^(Min|Mean|Max): (\d+(?:\.\d+)?) GiB$/.exec(c);
      assert.ok(g, c);
      assert.ok(Math.abs(Number(g[2]) * 2 ** 30 - fsNow.bavail * fsNow.bsize) < 2 ** 30, `${c} vs statfs ${iec(fsNow.bavail * fsNow.bsize, 1)}`);
    }
    const iops = await p.page.locator(`.dash-panel[data-key='${key('panels', 17, 'panels', 4)}'] .ts-legend-calc`).evaluateAll(cells); // Disk IOps, iops
    assert.ok(iops.length >= 3 && iops.every((c) => /^(Min|Mean|Max): \d+(\.\d+)? io\/s$/.test(c)), JSON.stringify(iops));
    const bps = await p.page.locator(`.dash-panel[data-key='${key('panels', 17, 'panels', 5)}'] .ts-legend-calc`).evaluateAll(cells); // Disk Throughput, Bps (SI)
    assert.ok(bps.length >= 3 && bps.every((c) => /^(Min|Mean|Max): \d+(\.\d+)? (B|kB|MB|GB)\/s$/.test(c)), JSON.stringify(bps));
    assert.deepEqual(p.errors, []);
    console.log(`      ${drawn} of ${r.panels.length} panels drawn (expanding every row: ${seconds.toFixed(1)} s); empty in Prometheus too:\n        ${explained.join('\n        ')}`);
    // The page is some 22,000 px tall: the first rows expanded make the picture.
    const top = await p.page.locator('.dash-row', { hasText: 'CPU / Memory / Net / Disk' }).evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    await p.page.screenshot({ path: path.join(OUT, 'dashboard-live-node-exporter-rows-dark.png'), fullPage: true, clip: { x: 0, y: top, width: 1280, height: 2400 } });
  });

  it('Prometheus / Overview (Prometheus scraping itself): dropdowns, time picked in the header, every panel drawn', async () => {
    const p = await open(overviewUri, 'dark');
    await p.host.settled();
    assert.equal(await p.page.locator('#time-range').inputValue(), 'now-1h');
    // "Last 5 minutes" from the header: the host asks again with the new time.
    let since = performance.now();
    await p.page.selectOption('#time-range', 'now-5m');
    await p.host.settled(since);
    assert.deepEqual(p.host.time, LAST_5M);
    assert.equal(p.host.preview?.time.from, 'now-5m');
    assert.deepEqual(await p.page.locator('.dash-var-label').allTextContents(), ['Data source', 'cluster', 'job', 'instance']);
    const multi = async (name: string) => {
      await p.page.click(`[data-variable=${name}] .dash-multi-button`);
      const labels = await p.page.locator(`[data-variable=${name}] .dash-multi-option`).allTextContents();
      await p.page.click(`[data-variable=${name}] .dash-multi-button`);
      return labels;
    };
    assert.deepEqual(await multi('cluster'), ['All', SELF.labels.cluster]);
    assert.deepEqual(await multi('job'), ['All', SELF.job]);
    assert.deepEqual(await multi('instance'), ['All', promTarget]);
    assert.equal(await p.page.locator('[data-variable=instance] .dash-multi-button').textContent(), 'All');

    // Scrape failures stacks areas of 0 height with lines of width 0 while nothing fails: it may
    // stay blank (as in Grafana), which Prometheus must confirm below.
    const MAY_BE_BLANK = 'Scrape failures';
    const r = await refreshUntil(
      p,
      (rep) =>
        rep.panels
          .filter((x) => (!x.drawn && x.title !== MAY_BE_BLANK) || (x.type === 'timeseries' && points(p.host.results.get(x.key)) < 3))
          .map((x) => `${x.title} (${x.text})`),
      'Prometheus / Overview data',
    );
    assert.deepEqual(r.panels.map((x) => [x.type, x.title]), [
      ['table', 'Prometheus Stats'], ['timeseries', 'Target Sync'], ['timeseries', 'Targets'], ['timeseries', 'Average Scrape Interval Duration'],
      ['timeseries', 'Scrape failures'], ['timeseries', 'Appended Samples'], ['timeseries', 'Head Series'], ['timeseries', 'Head Chunks'],
      ['timeseries', 'Query Rate'], ['timeseries', 'Stage Duration'],
    ]);
    // The table: two table-format queries, no transformation: as in Grafana, a frame per query (refIds A, B),
    // the first shown (its "Value #A" hidden as "Count"), a picker for the other ("Value #B" as Uptime, unit s).
    const build = (await (await fetch(`${prom.url}/api/v1/status/buildinfo`)).json()) as { data: { version: string } };
    const tableSel = '[data-type=table]';
    const rowsOf = async () => {
      const head = await p.page.locator(`${tableSel} .dash-table thead th`).allTextContents();
      const rows = await p.page.locator(`${tableSel} .dash-table tbody tr`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
      return rows.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]])));
    };
    assert.deepEqual(await rowsOf(), [{ Cluster: SELF.labels.cluster, Instance: promTarget, Job: SELF.job, Version: build.data.version }]);
    await p.page.locator(`${tableSel} select.dash-table-frames`).selectOption('1');
    const uptimeRows = await rowsOf();
    assert.deepEqual(uptimeRows.map((row) => [row.Cluster, row.Instance, row.Job]), [[SELF.labels.cluster, promTarget, SELF.job]]);
    assert.match(uptimeRows[0].Uptime, /^\d+(\.\d+)? (s|min|hour)$/, JSON.stringify(uptimeRows)); // seconds, scaled as Grafana's "s"
    // Legends from legendFormat with the live labels; the scrape interval we configured (1s).
    const who = `${SELF.labels.cluster}:${SELF.job}:${promTarget}`;
    assert.equal(byTitle(r, 'Average Scrape Interval Duration').text, `${who} 1s configured`);
    assert.deepEqual(byTitle(r, 'Target Sync').text.split(' | ').sort(), [`${who}:node`, `${who}:${SELF.job}`]);
    assert.equal(byTitle(r, 'Targets').text, who);
    assert.equal(byTitle(r, 'Head Series').text, `${SELF.labels.cluster} ${SELF.job} ${promTarget} head series`);
    assert.ok(byTitle(r, 'Stage Duration').text.split(' | ').includes('inner_eval'), byTitle(r, 'Stage Duration').text);
    const failures = byTitle(r, MAY_BE_BLANK);
    assert.equal(failures.text.split(' | ').length, 5);
    if (!failures.drawn) assert.match(await explainEmpty(p, failures), /every value ≤ min 0/);
    await p.page.screenshot({ path: path.join(OUT, 'dashboard-live-prometheus-dark.png'), fullPage: true });

    // Picking the job in its dropdown: the queries now name it (regex-escaped, as Grafana does).
    since = performance.now();
    await p.page.click('[data-variable=job] .dash-multi-button');
    await p.page.locator('[data-variable=job] label', { hasText: SELF.job }).click();
    await p.host.settled(since);
    assert.deepEqual(p.host.selections, { job: [SELF.job] });
    const heads = p.host.results.get(key('panels', 10));
    assert.equal(heads?.results[0].expr, `prometheus_tsdb_head_series{cluster=~".+",job=~"prometheus-k8s",instance=~".+"}`);
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.violations, []);
  });

  it('Prometheus / Overview in the light theme', async () => {
    const p = await open(overviewUri, 'light', LAST_5M);
    const r = await refreshUntil(p, (rep) => rep.panels.filter((x) => !x.drawn && x.title !== 'Scrape failures').map((x) => x.title), 'Prometheus / Overview (light)');
    assert.equal(r.panels.length, 10);
    assert.equal(await p.page.evaluate(() => document.body.className), 'vscode-light');
    await p.page.screenshot({ path: path.join(OUT, 'dashboard-live-prometheus-light.png'), fullPage: true });
    assert.deepEqual(p.errors, []);
  });
});

function valueAtPath(root: unknown, p: Array<string | number>): unknown {
  let v = root;
  for (const k of p) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}
