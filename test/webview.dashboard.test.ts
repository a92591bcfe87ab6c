// The dashboard preview webview in a real Chromium, fed panel data from real query results of a
// real Prometheus. Asserts what each panel shows (drawn, titles, unit-formatted values), the
// header's controls and what they post, and that markup from the dashboard or the data is text.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DashboardPreviewResult, FromDashboardWebview, PanelQueryResult, TargetResult, ToDashboardWebview } from '../webview/src/dashboardProtocol';
import { dashboardPreview, panelQuery } from '../server/src/features/dashboardPreview';
import { DashboardMessages } from '../webview/src/dashboard/patch';
import { reduce } from '../webview/src/dashboard/panels/common';
import { formatValue, formattedValueToString } from '../webview/src/dashboard/units';
import { PrometheusClient } from '../server/src/prometheus/client';
import { jsonSafeData } from '../server/src/prometheus/result';
import { launchChromium } from './support/chromium';
import { FIXTURE_START, startPrometheus, type RunningPrometheus } from './support/realPrometheus';
import { canvasInk, installVsCodeApiStub, serveWebviews, type WebviewServer } from './support/webviewHarness';

const OUT = path.join(__dirname, '../test-output');
const T = FIXTURE_START + 7200;
const XSS_TITLE = 'Memory <img src=x onerror="window.__pwned=1">';

type Target = { refId: string; expr: string; legendFormat?: string; instant?: boolean };
const panel = (id: number, type: string, title: string, gridPos: object, targets: Target[], extra: object = {}) => ({ id, type, title, gridPos, targets, ...extra });

const DASHBOARD = {
  title: 'Fixture <b>overview</b>',
  schemaVersion: 39,
  time: { from: 'now-1h', to: 'now' },
  panels: [
    panel(1, 'timeseries', 'Requests', { x: 0, y: 0, w: 12, h: 8 }, [{ refId: 'A', expr: 'rate(http_requests_total[5m])', legendFormat: '{{instance}} {{code}}' }], {
      fieldConfig: { defaults: { unit: 'reqps', custom: { fillOpacity: 20 } }, overrides: [] },
    }),
    panel(2, 'stat', XSS_TITLE, { x: 12, y: 0, w: 6, h: 4 }, [{ refId: 'A', expr: 'node_memory_used_bytes{instance="node-1:9100"}' }], {
      fieldConfig: { defaults: { unit: 'bytes', thresholds: { mode: 'absolute', steps: [{ value: null, color: 'green' }, { value: 2e9, color: 'red' }] } } },
      options: { reduceOptions: { calcs: ['lastNotNull'] }, colorMode: 'background' },
    }),
    panel(3, 'gauge', 'Lab temperature', { x: 18, y: 0, w: 6, h: 8 }, [{ refId: 'A', expr: 'temperature_celsius', instant: true }], {
      fieldConfig: { defaults: { unit: 'celsius', decimals: 1, min: 0, max: 50, thresholds: { mode: 'absolute', steps: [{ value: null, color: 'green' }, { value: 30, color: 'orange' }, { value: 40, color: 'red' }] } } },
    }),
    panel(4, 'bargauge', 'Memory by node', { x: 12, y: 4, w: 6, h: 4 }, [{ refId: 'A', expr: 'node_memory_used_bytes', legendFormat: '{{instance}}', instant: true }], {
      fieldConfig: { defaults: { unit: 'bytes', min: 0, max: 2147483648 } },
    }),
    { id: 9, type: 'row', title: 'Details', collapsed: false, gridPos: { x: 0, y: 8, w: 24, h: 1 }, panels: [] },
    panel(5, 'table', 'Series <script>alert(1)</script>', { x: 0, y: 9, w: 12, h: 7 }, [{ refId: 'A', expr: 'xss_probe or node_memory_used_bytes', instant: true }], {
      fieldConfig: { defaults: { unit: 'bytes' } },
    }),
    {
      id: 6, type: 'text', title: 'Notes', gridPos: { x: 12, y: 9, w: 6, h: 7 },
      options: { mode: 'markdown', content: '# Runbook\nSee **the docs** at [grafana](https://grafana.com/docs) and [evil](javascript:alert(1)).\n\n<img src=x onerror="window.__pwned=2"> `code`\n\n- one\n- two' },
    },
    { id: 7, type: 'piechart', title: 'Pie', gridPos: { x: 18, y: 9, w: 6, h: 7 }, targets: [] },
    // Legacy graph (schema < 16 style options): stacked, filled, y axis in bytes.
    panel(8, 'graph', 'Memory stacked', { x: 0, y: 16, w: 12, h: 6 }, [{ refId: 'A', expr: 'node_memory_used_bytes', legendFormat: '{{instance}}' }], {
      stack: true, fill: 5, linewidth: 2, yaxes: [{ format: 'bytes' }, { format: 'short' }], legend: { show: true, values: true, max: true },
    }),
    {
      id: 10, type: 'text', title: 'HTML notes', gridPos: { x: 12, y: 16, w: 12, h: 6 },
      options: { mode: 'html', content: '<h3 onclick="alert(3)">Owners</h3><p>Team <b>SRE</b> <a href="javascript:alert(4)">x</a> <a href="https://example.com/">site</a></p><script>window.__pwned=3</script><img src=x onerror="window.__pwned=4"><iframe src="https://example.com"></iframe>' },
    },
    // Histogram buckets (cumulative `le` series) from real data: 200s within 0.5, everything within +Inf.
    panel(11, 'heatmap', 'Request buckets', { x: 0, y: 22, w: 24, h: 6 }, [
      { refId: 'A', expr: 'label_replace(sum(rate(http_requests_total{code="200"}[5m])), "le", "0.5", "", "") or label_replace(sum(rate(http_requests_total[5m])), "le", "+Inf", "", "")', legendFormat: '{{le}}' },
    ], { fieldConfig: { defaults: { unit: 's' } } }),
  ],
};

function preview(overrides: Partial<DashboardPreviewResult> = {}): DashboardPreviewResult {
  return {
    dashboard: DASHBOARD,
    title: DASHBOARD.title,
    time: { from: 'now-1h', to: 'now' },
    range: { startMs: (T - 3600) * 1000, endMs: T * 1000 },
    datasource: 'fixture',
    variables: [
      { name: 'job', label: 'Job', type: 'query', hide: 0, multi: false, includeAll: true, options: [], current: { text: 'node', value: 'node' } },
      { name: 'instance', type: 'custom', hide: 0, multi: true, includeAll: true, options: [{ text: 'node-1:9100', value: 'node-1:9100' }, { text: 'node-2:9100', value: 'node-2:9100' }], current: { text: ['node-1:9100'], value: ['node-1:9100'] } },
      { name: 'filter', type: 'textbox', hide: 0, multi: false, includeAll: false, options: [], current: { text: 'x', value: 'x' } },
      { name: 'broken', type: 'query', hide: 0, multi: false, includeAll: false, options: [], current: { text: '', value: '' }, error: 'parse error: unexpected <eof>' },
      { name: 'hidden', type: 'constant', hide: 2, multi: false, includeAll: false, options: [], current: { text: 'c', value: 'c' } },
    ],
    ...overrides,
  };
}

type Posted = FromDashboardWebview;

describe('dashboard preview webview in Chromium', function () {
  this.timeout(120_000);
  let prom: RunningPrometheus;
  let client: PrometheusClient;
  let browser: Browser;
  let server: WebviewServer;
  let jobs: string[];
  const panelData = new Map<string, PanelQueryResult>();

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    [prom, browser, server] = await Promise.all([startPrometheus(), launchChromium(), serveWebviews()]);
    client = new PrometheusClient({ name: 'fixture', url: prom.url });
    jobs = await client.labelValues('job', [], undefined, {}, { startSec: FIXTURE_START, endSec: T });
    // What the host would send: each panel's targets run as range or instant queries.
    for (const [i, p] of DASHBOARD.panels.entries()) {
      const targets = (p as { targets?: Target[] }).targets;
      if (!targets || p.type === 'row') continue;
      const results: TargetResult[] = [];
      for (const t of targets) {
        const r = t.instant ? await client.query(t.expr, T) : await client.queryRange(t.expr, T - 3600, T, 30);
        results.push({ refId: t.refId, expr: t.expr, legendFormat: t.legendFormat, mode: t.instant ? 'instant' : 'range', data: jsonSafeData(r.data), warnings: r.warnings });
      }
      panelData.set(JSON.stringify(['panels', i]), { path: ['panels', i], results, intervalMs: 30_000, stepMs: 30_000 });
    }
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await prom?.stop();
  });

  /** A page of the dashboard bundle; `timezoneId` sets the browser's own zone (default: this machine's). */
  async function open(theme: 'dark' | 'light', timezoneId?: string): Promise<{ page: Page; dialogs: string[]; violations: string[]; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...(timezoneId ? { timezoneId } : {}) });
    const dialogs: string[] = [];
    const violations: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await installVsCodeApiStub(page);
    await page.goto(server.pageUrl('dashboard', theme));
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'ready'));
    return { page, dialogs, violations, errors };
  }

  const posted = (page: Page): Promise<Posted[]> => page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);
  const clearPosted = (page: Page): Promise<void> => page.evaluate(() => void ((window as unknown as { __posted: Posted[] }).__posted.length = 0));
  const send = (page: Page, msg: ToDashboardWebview): Promise<void> => page.evaluate((m) => window.postMessage(m, '*'), msg);

  /** The latest `rendered` report once every panel has its data. */
  async function lastRendered(page: Page): Promise<Extract<Posted, { type: 'rendered' }>> {
    // The report is debounced: wait for one where no panel is still waiting for its data.
    await page.waitForFunction(() => {
      const all = (window as unknown as { __posted: Posted[] }).__posted.filter((m) => m.type === 'rendered');
      const last = all[all.length - 1] as Extract<Posted, { type: 'rendered' }> | undefined;
      return last !== undefined && last.panels.every((p) => p.text !== 'Loading…');
    });
    const all = (await posted(page)).filter((m): m is Extract<Posted, { type: 'rendered' }> => m.type === 'rendered');
    return all[all.length - 1];
  }

  /** Sends the dashboard, answers `visiblePanels` as the host does, waits for the report of the data. */
  async function load(page: Page): Promise<Extract<Posted, { type: 'rendered' }>> {
    await send(page, { type: 'dashboard', preview: preview() });
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
    const visible = (await posted(page)).find((m) => m.type === 'visiblePanels') as Extract<Posted, { type: 'visiblePanels' }>;
    for (const p of visible.panels) if (panelData.has(p.key)) await send(page, { type: 'panelLoading', key: p.key });
    await clearPosted(page);
    for (const p of visible.panels) {
      const result = panelData.get(p.key);
      if (result) await send(page, { type: 'panelData', key: p.key, result });
    }
    return lastRendered(page);
  }

  for (const theme of ['dark', 'light'] as const) {
    it(`draws every panel type from real query results (${theme} theme)`, async () => {
      const { page, dialogs, violations, errors } = await open(theme);
      await send(page, { type: 'dashboard', preview: preview() });
      await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
      const visible = (await posted(page)).find((m) => m.type === 'visiblePanels') as Extract<Posted, { type: 'visiblePanels' }>;
      // Every panel but the row, keyed by its JSON path, with its width on the 24-column grid.
      assert.deepEqual(visible.panels.map((p) => p.key), [0, 1, 2, 3, 5, 6, 7, 8, 9, 10].map((i) => JSON.stringify(['panels', i])));
      const width = (k: number) => visible.panels.find((p) => p.key === JSON.stringify(['panels', k]))!.widthPx;
      assert.ok(Math.abs(width(0) - 2 * width(1) - 8) <= 2, `w12 = 2 × w6 + margin: ${width(0)} vs ${width(1)}`);
      await clearPosted(page);
      const report = await load(page);
      const byTitle = new Map(report.panels.map((p) => [p.title, p]));
      const get = (t: string) => {
        const p = byTitle.get(t);
        assert.ok(p, `no panel ${t} in ${JSON.stringify(report.panels)}`);
        return p;
      };
      assert.deepEqual(report.panels.map((p) => p.type), ['timeseries', 'stat', 'gauge', 'bargauge', 'table', 'text', 'piechart', 'graph', 'text', 'heatmap']);
      assert.equal(get('Requests').drawn, true);
      assert.deepEqual(get('Requests').text.split(' | ').sort(), ['api-1:8080 200', 'api-1:8080 500', 'api-2:8080 200', 'web-1:80 200']);
      assert.deepEqual(get(XSS_TITLE), { key: JSON.stringify(['panels', 1]), type: 'stat', title: XSS_TITLE, drawn: true, text: '1 GiB' });
      assert.deepEqual(get('Memory by node'), { key: JSON.stringify(['panels', 3]), type: 'bargauge', title: 'Memory by node', drawn: true, text: '1 GiB | 512 MiB' });
      assert.equal(get('Lab temperature').drawn, true);
      assert.match(get('Lab temperature').text, /^\d\d\.\d °C$/);
      const table = get('Series <script>alert(1)</script>');
      assert.equal(table.drawn, true);
      assert.equal(table.text, '1 B | 1 GiB | 512 MiB');
      assert.equal(get('Notes').drawn, true);
      assert.match(get('Notes').text, /Runbook.*See the docs at grafana and evil\..*<img src=x onerror="window.__pwned=2"> code/s);
      assert.deepEqual(get('Pie'), { key: JSON.stringify(['panels', 7]), type: 'piechart', title: 'Pie', drawn: false, text: 'panel type piechart is not supported in the preview' });

      assert.equal(get('Memory stacked').drawn, true);
      assert.equal(get('Memory stacked').text, 'node-1:9100 | node-2:9100');
      assert.deepEqual(await page.locator('[data-type=graph] .ts-legend-item').allTextContents(), ['node-1:9100Max: 1 GiB', 'node-2:9100Max: 512 MiB']);
      assert.deepEqual(get('Request buckets'), { key: JSON.stringify(['panels', 10]), type: 'heatmap', title: 'Request buckets', drawn: true, text: '500 ms | +Inf' });
      assert.ok((await canvasInk(page, '[data-type=heatmap] canvas')) > 0.2, 'heatmap cells drawn');
      assert.equal(get('HTML notes').text, 'OwnersTeam SRE x site');
      assert.deepEqual(await page.locator('[data-key=\'["panels",9]\'] .text-panel *').evaluateAll((es) => es.map((e) => e.tagName.toLowerCase() + (e.attributes.length ? ' ' + Array.from(e.attributes, (a) => `${a.name}=${a.value}`).join(' ') : ''))), [
        'h3',
        'p',
        'b',
        'span',
        'a href=https://example.com/ rel=noopener noreferrer',
      ]);

      // The pixels: the graph's canvas has ink, the gauge an arc, the stat its threshold colour.
      assert.ok((await canvasInk(page, '[data-type=timeseries] canvas')) > 0.01, 'timeseries canvas is blank');
      assert.equal(await page.locator('[data-type=gauge] path.gauge-value').count(), 1);
      const statBg = await page.locator('[data-type=stat] .stat-tile').evaluate((e) => getComputedStyle(e).backgroundColor);
      assert.equal(statBg, theme === 'dark' ? 'rgb(115, 191, 105)' : 'rgb(86, 166, 75)', 'green (below the 2e9 threshold)');
      assert.equal(await page.locator('[data-type=timeseries] .ts-legend-item').count(), 4);

      // Markup from the dashboard or the data stays text.
      assert.equal(await page.locator('[data-type=stat] .panel-title').textContent(), XSS_TITLE);
      assert.equal(await page.locator('.dash-title').textContent(), 'Fixture <b>overview</b>');
      const cells = await page.locator('.dash-table td').allTextContents();
      assert.ok(cells.includes('<script>alert(1)</script>'), cells.join(' | '));
      assert.ok(cells.includes('<img src=x onerror=alert(2)>&amp;"quoted"'), cells.join(' | '));
      assert.equal(await page.locator('#grid img, #grid script, header img, header b').count(), 0);
      const links = await page.locator('.text-panel a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
      assert.deepEqual(links, [['grafana', 'https://grafana.com/docs'], ['site', 'https://example.com/']], 'javascript: links are text');
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);

      await page.screenshot({ path: path.join(OUT, `dashboard-${theme}.png`), fullPage: true });
      assert.deepEqual(dialogs, []);
      assert.deepEqual(violations, []);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it('shows the variables and time range, and posts what the header changes', async () => {
    const { page } = await open('dark');
    const vars = preview().variables;
    vars[0].options = jobs.map((j) => ({ text: j, value: j }));
    await send(page, { type: 'dashboard', preview: preview({ variables: vars }) });
    await page.waitForSelector('select[data-variable=job]');
    // includeAll adds All before the options evaluated against the data source.
    const jobOptions = await page.locator('select[data-variable=job] option').allTextContents();
    assert.deepEqual(jobOptions, ['All', ...jobs]);
    assert.ok(jobs.includes('node') && jobs.includes('<script>alert(1)</script>'), jobs.join(','));
    assert.equal(await page.locator('select[data-variable=job]').inputValue(), 'node');
    assert.deepEqual(await page.locator('.dash-var-label').allTextContents(), ['Job', 'instance', 'filter', 'broken']);
    assert.equal(await page.locator('.dash-var[data-name=broken]').getAttribute('title'), 'parse error: unexpected <eof>');
    assert.equal(await page.locator('[data-variable=hidden]').count(), 0);
    assert.equal(await page.locator('#time-range').inputValue(), 'now-1h');
    assert.equal(await page.locator('#time-range option').count(), 10);

    await clearPosted(page);
    await page.selectOption('select[data-variable=job]', '<script>alert(1)</script>');
    await page.click('[data-variable=instance] .dash-multi-button');
    await page.locator('[data-variable=instance] label', { hasText: 'node-2:9100' }).click();
    await page.locator('[data-variable=instance] label', { hasText: 'All' }).click();
    await page.fill('input[data-variable=filter]', 'abc');
    await page.press('input[data-variable=filter]', 'Enter');
    await page.selectOption('#time-range', 'now-6h');
    await page.click('#refresh');
    await page.click('[data-type=gauge] .panel-title');
    const sent = (await posted(page)).filter((m) => m.type !== 'rendered');
    assert.deepEqual(sent, [
      { type: 'setVariable', name: 'job', value: '<script>alert(1)</script>' },
      { type: 'setVariable', name: 'instance', value: ['node-1:9100', 'node-2:9100'] },
      { type: 'setVariable', name: 'instance', value: ['$__all'] },
      { type: 'setVariable', name: 'filter', value: 'abc' },
      { type: 'setTime', from: 'now-6h', to: 'now' },
      { type: 'refresh' },
      { type: 'revealPanel', path: ['panels', 2] },
    ]);
    await page.close();
  });

  it('draws the panels of real dashboards from the corpus without errors', async () => {
    // Every visible panel gets the same real range result: what matters is that no panel
    // configuration of these dashboards breaks the renderers.
    const r = await client.queryRange('rate(http_requests_total[5m])', T - 3600, T, 30);
    const data = jsonSafeData(r.data);
    for (const file of ['rfmoz/node-exporter-full.json', 'dotdc/k8s-views-global.json']) {
      const dashboard = JSON.parse(readFileSync(path.join(__dirname, '..', 'test-fixtures', 'corpus', 'dashboards', file), 'utf8'));
      const { page, errors, violations } = await open('dark');
      await send(page, { type: 'dashboard', preview: { ...preview(), dashboard, title: dashboard.title, variables: [] } });
      await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
      const visible = (await posted(page)).find((m) => m.type === 'visiblePanels') as Extract<Posted, { type: 'visiblePanels' }>;
      assert.ok(visible.panels.length >= 5, `${file}: ${visible.panels.length} panels`);
      await clearPosted(page);
      for (const p of visible.panels) {
        await send(page, { type: 'panelData', key: p.key, result: { path: p.path, results: [{ refId: 'A', expr: 'x', mode: 'range', legendFormat: '{{instance}} {{code}}', data }], intervalMs: 30_000, stepMs: 30_000 } });
      }
      const report = await lastRendered(page);
      assert.equal(report.panels.length, visible.panels.length);
      const broken = report.panels.filter((p) => /Could not draw/.test(p.text));
      assert.deepEqual(broken, [], file);
      const drawable = report.panels.filter((p) => ['timeseries', 'graph', 'stat', 'gauge', 'bargauge', 'table'].includes(p.type));
      assert.ok(drawable.length > 0);
      for (const p of drawable) assert.ok(p.drawn, `${file}: ${p.type} "${p.title}" not drawn: ${p.text}`);
      await page.screenshot({ path: path.join(OUT, `dashboard-corpus-${path.basename(file, '.json')}.png`) });
      assert.deepEqual(errors, []);
      assert.deepEqual(violations, []);
      await page.close();
    }
  });

  it('keeps the drawing of every panel an edit did not touch, and redraws the edited one', async () => {
    const { page } = await open('dark');
    await load(page);
    // Mark every panel element; an edit of panel 1's title must leave the other elements in place.
    await page.evaluate(() => document.querySelectorAll('.dash-panel').forEach((e) => ((e as HTMLElement).dataset.mark = 'before')));
    const panels = DASHBOARD.panels.map((p, i) => (i === 1 ? { ...p, title: 'Renamed <b>stat</b>' } : p));
    await clearPosted(page);
    await send(page, { type: 'dashboard', preview: preview({ dashboard: { ...DASHBOARD, panels } }) });
    await send(page, { type: 'panelData', key: JSON.stringify(['panels', 1]), result: panelData.get(JSON.stringify(['panels', 1]))! });
    const report = await lastRendered(page);
    assert.ok(report.panels.some((p) => p.title === 'Renamed <b>stat</b>' && p.drawn), JSON.stringify(report.panels.map((p) => p.title)));
    const marks = await page.evaluate(() => Array.from(document.querySelectorAll('.dash-panel'), (e) => [(e as HTMLElement).dataset.key, (e as HTMLElement).dataset.mark ?? 'new']));
    const edited = JSON.stringify(['panels', 1]);
    assert.deepEqual(marks.filter(([k]) => k === edited).map(([, m]) => m), ['new']);
    assert.ok(marks.length > 3 && marks.filter(([k]) => k !== edited).every(([, m]) => m === 'before'), JSON.stringify(marks));
    assert.ok((await canvasInk(page, '[data-type=timeseries] canvas')) > 0.01, 'the untouched graph is still drawn');
    await page.close();
  });

  it('applies the changes the host sends after an edit (DashboardMessages), and ignores changes to a dashboard it does not hold', async () => {
    const { page, errors } = await open('dark');
    const messages = new DashboardMessages();
    await send(page, messages.message(preview(), 'dark'));
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
    for (const [key, result] of panelData) await send(page, { type: 'panelData', key, result });
    await lastRendered(page);
    const titles = async () => page.evaluate(() => ({
      dashboard: document.querySelector('.dash-title')?.textContent,
      panels: Object.fromEntries(Array.from(document.querySelectorAll<HTMLElement>('.dash-panel'), (e) => [e.dataset.key, e.querySelector('.panel-title')?.textContent])),
    }));
    const before = await titles();
    const edited = JSON.stringify(['panels', 1]);
    const after = { ...before, panels: { ...before.panels, [edited]: 'Renamed by a patch' } };
    assert.equal(before.panels[edited], DASHBOARD.panels[1].title);
    // An edit of panel 1's title: one change, a message under half the whole one (the header stays in it).
    const panels = DASHBOARD.panels.map((p, i) => (i === 1 ? { ...p, title: 'Renamed by a patch' } : p));
    const patched = messages.message(preview({ dashboard: { ...DASHBOARD, panels } }), 'dark');
    assert.deepEqual(patched.patch?.changes, [{ path: ['panels', 1, 'title'], value: 'Renamed by a patch' }]);
    assert.ok(JSON.stringify(patched).length < JSON.stringify(preview()).length / 2, `${JSON.stringify(patched).length} vs ${JSON.stringify(preview()).length}`);
    await clearPosted(page);
    await send(page, patched);
    const report = await lastRendered(page);
    assert.deepEqual(Object.fromEntries(report.panels.map((p) => [p.key, p.title])), after.panels);
    assert.deepEqual(await titles(), after);
    // Changes to another dashboard than the page holds (a message meant for the page before a reload): ignored.
    await clearPosted(page);
    await send(page, { ...messages.message(preview({ dashboard: { ...DASHBOARD, title: 'x', panels: [] } }), 'dark'), patch: { base: 999, changes: [{ path: ['panels'], value: [] }] } });
    await send(page, { type: 'focusPanel', key: null }); // a message handled after it, to wait on
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
    assert.deepEqual(await titles(), after);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('repeats a panel per value of its variable: each copy its own title and its own data (server panelQuery with scopedVars)', async () => {
    const dashboard = {
      title: 'Repeated',
      schemaVersion: 39,
      templating: { list: [{ name: 'instance', type: 'custom', multi: true, includeAll: true, query: 'node-1:9100,node-2:9100', current: { text: ['node-1:9100', 'node-2:9100'], value: ['node-1:9100', 'node-2:9100'] } }] },
      panels: [
        panel(1, 'stat', 'Memory $instance', { x: 0, y: 0, w: 8, h: 4 }, [{ refId: 'A', expr: 'node_memory_used_bytes{instance=~"$instance"}' }], {
          repeat: 'instance', fieldConfig: { defaults: { unit: 'bytes' } }, options: { reduceOptions: { calcs: ['lastNotNull'] } },
        }),
        { id: 2, type: 'text', title: 'Below', gridPos: { x: 0, y: 4, w: 24, h: 3 }, options: { mode: 'markdown', content: 'below' } },
      ],
    };
    const text = JSON.stringify(dashboard);
    const range = { startMs: (T - 3600) * 1000, endMs: T * 1000 };
    // The server's own preview (variables resolved) and, per copy, its panelQuery on the real Prometheus.
    const p = await dashboardPreview(text, { client, datasourceName: 'fixture', time: { from: String(range.startMs), to: String(range.endMs) }, nowMs: range.endMs });
    const { page, errors } = await open('dark');
    await send(page, { type: 'dashboard', preview: p });
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
    const visible = (await posted(page)).find((m) => m.type === 'visiblePanels') as Extract<Posted, { type: 'visiblePanels' }>;
    assert.deepEqual(visible.panels.map((v) => [v.key, v.path, v.scopedVars]), [
      ['["panels",0]?var-instance=node-1%3A9100', ['panels', 0], { instance: { text: 'node-1:9100', value: 'node-1:9100' } }],
      ['["panels",0]?var-instance=node-2%3A9100', ['panels', 0], { instance: { text: 'node-2:9100', value: 'node-2:9100' } }],
      ['["panels",1]', ['panels', 1], undefined],
    ]);
    // 'h' over 2 values: two columns sharing the full width with an 8 px gap.
    const [w1, w2, wBelow] = visible.panels.map((v) => v.widthPx);
    assert.ok(w1 === w2 && Math.abs(w1 * 2 + 8 - wBelow) <= 2, JSON.stringify([w1, w2, wBelow]));
    await clearPosted(page);
    for (const v of visible.panels.slice(0, 2)) {
      const result = await panelQuery(text, v.path, { client, datasourceName: 'fixture', range, widthPx: v.widthPx, scopedVars: v.scopedVars });
      await send(page, { type: 'panelData', key: v.key, result: result as PanelQueryResult });
    }
    const report = await lastRendered(page);
    assert.deepEqual(report.panels.slice(0, 2).map((r) => [r.key, r.title, r.drawn, r.text]), [
      ['["panels",0]?var-instance=node-1%3A9100', 'Memory node-1:9100', true, '1 GiB'],
      ['["panels",0]?var-instance=node-2%3A9100', 'Memory node-2:9100', true, '512 MiB'],
    ]);
    assert.deepEqual(await page.locator('.dash-panel .panel-title').allTextContents(), ['Memory node-1:9100', 'Memory node-2:9100', 'Below']);
    const tops = await page.locator('.dash-panel').evaluateAll((es) => es.map((e) => [(e as HTMLElement).offsetLeft, (e as HTMLElement).offsetTop]));
    assert.deepEqual([tops[0][1], tops[1][1], tops[1][0] > tops[0][0], tops[2][1]], [0, 0, true, 4 * 38]);
    // A click on a copy reveals the source panel's JSON.
    await clearPosted(page);
    await page.locator('.dash-panel .panel-title', { hasText: 'Memory node-2:9100' }).click();
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'revealPanel'), [{ type: 'revealPanel', path: ['panels', 0] }]);
    await page.screenshot({ path: path.join(OUT, 'dashboard-repeat.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("fills a text panel's variables in as Grafana's TextPanel does: values, each copy its own, escaped in HTML", async () => {
    const dashboard = {
      title: 'Text with variables',
      schemaVersion: 39,
      templating: {
        list: [
          { name: 'instance', type: 'custom', multi: true, includeAll: true, query: 'node-1:9100,node-2:9100', current: { text: ['node-1:9100', 'node-2:9100'], value: ['node-1:9100', 'node-2:9100'] } },
          { name: 'team', type: 'custom', query: '<b>sre</b>', current: { text: '<b>sre</b>', value: '<b>sre</b>' } },
        ],
      },
      panels: [
        { id: 1, type: 'text', title: 'About $instance', repeat: 'instance', gridPos: { x: 0, y: 0, w: 12, h: 3 }, options: { mode: 'markdown', content: '**Host** $instance of ${instance:csv}' } },
        { id: 2, type: 'text', title: 'Owners', gridPos: { x: 0, y: 3, w: 12, h: 3 }, options: { mode: 'html', content: '<p>Team <i>$team</i> owns $instance</p>' } },
      ],
    };
    const range = { startMs: (T - 3600) * 1000, endMs: T * 1000 };
    const p = await dashboardPreview(JSON.stringify(dashboard), { client, datasourceName: 'fixture', time: { from: String(range.startMs), to: String(range.endMs) }, nowMs: range.endMs });
    const { page, errors } = await open('light');
    await send(page, { type: 'dashboard', preview: p });
    const report = await lastRendered(page);
    assert.deepEqual(report.panels.map((r) => [r.title, r.text]), [
      ['About node-1:9100', 'Host node-1:9100 of node-1:9100'],
      ['About node-2:9100', 'Host node-2:9100 of node-2:9100'],
      // The value itself shows, tags and all, never as markup: the only element made is the <i> written.
      ['Owners', 'Team <b>sre</b> owns node-1:9100, node-2:9100'],
    ]);
    assert.equal(await page.locator('.text-panel b').count(), 0);
    assert.equal(await page.locator('.text-panel i').count(), 1);
    assert.equal(await page.locator('.text-panel strong').count(), 2);
    await page.screenshot({ path: path.join(OUT, 'dashboard-text-variables.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('collapses rows, focuses one panel, keeps the last render on invalid JSON, shows errors', async () => {
    const { page } = await open('light');
    await load(page);
    // Collapsing the row hides its panels and asks only for the others.
    await clearPosted(page);
    await page.click('.dash-row-toggle');
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
    let visible = (await posted(page)).find((m) => m.type === 'visiblePanels') as Extract<Posted, { type: 'visiblePanels' }>;
    assert.deepEqual(visible.panels.map((p) => p.key), [0, 1, 2, 3].map((i) => JSON.stringify(['panels', i])));
    assert.equal(await page.locator('.dash-row-count').textContent(), '(6 panels)');
    assert.equal(await page.locator('[data-type=table]').count(), 0);
    // The data already received is kept: the graph draws again without a new query.
    assert.ok((await canvasInk(page, '[data-type=timeseries] canvas')) > 0.01);

    // The code lens "Preview panel" on a panel inside the collapsed row.
    await clearPosted(page);
    await send(page, { type: 'focusPanel', key: JSON.stringify(['panels', 5]) });
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
    visible = (await posted(page)).find((m) => m.type === 'visiblePanels') as Extract<Posted, { type: 'visiblePanels' }>;
    assert.equal(visible.panels.length, 1);
    assert.equal(visible.panels[0].key, JSON.stringify(['panels', 5]));
    assert.ok(visible.panels[0].widthPx > 1200);
    assert.equal(await page.locator('.dash-panel').count(), 1);
    await page.click('#show-all');
    assert.equal(await page.locator('.dash-panel').count(), 4);

    // A narrower view lays out again (debounced) and asks for the new widths: below 768 px every panel is full width.
    await clearPosted(page);
    await page.setViewportSize({ width: 700, height: 900 });
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
    visible = (await posted(page)).find((m) => m.type === 'visiblePanels') as Extract<Posted, { type: 'visiblePanels' }>;
    assert.equal(visible.panels.length, 4);
    assert.ok(visible.panels.every((p) => p.widthPx === visible.panels[0].widthPx && p.widthPx > 600 && p.widthPx < 700), JSON.stringify(visible.panels));
    await page.screenshot({ path: path.join(OUT, 'dashboard-narrow-light.png'), fullPage: true });

    // Invalid JSON: the banner says where, the panels stay.
    await send(page, { type: 'dashboard', preview: { ...preview(), dashboard: undefined, error: { message: 'Expected comma', line: 11, character: 4 } } });
    await page.waitForSelector('#banner .notice.error');
    assert.equal(await page.locator('#banner').textContent(), 'Invalid JSON at line 12, column 5: Expected comma');
    assert.equal(await page.locator('.dash-panel').count(), 4);

    // A failed query and a data source error.
    await clearPosted(page);
    await send(page, { type: 'dashboard', preview: preview({ datasourceError: 'no data source configured' }) });
    await send(page, { type: 'panelError', key: JSON.stringify(['panels', 1]), message: 'bad_data: 1:5: parse error <here>' });
    await page.waitForFunction(() =>
      (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'rendered' && m.panels.some((p) => p.type === 'stat' && p.text.startsWith('bad_data'))),
    );
    const report = await lastRendered(page);
    const stat = report.panels.find((p) => p.type === 'stat')!;
    assert.equal(stat.drawn, false);
    assert.equal(stat.text, 'bad_data: 1:5: parse error <here>');
    assert.match((await page.locator('#banner').textContent()) ?? '', /Data source: no data source configured/);
    await page.close();
  });

  it('draws a table of two table-format queries as Grafana does: a frame per query with its picker, or one row after merge; override names, units, hidden columns', async () => {
    // The "Prometheus Stats" table of kube-prometheus' prometheus.json (overrides as they are), on the
    // fixture's series: refIds A, B assigned to the targets (they have none), as the server does.
    const corpus = JSON.parse(readFileSync(path.join(__dirname, '..', 'test-fixtures', 'corpus', 'dashboards', 'kube-prometheus', 'prometheus.json'), 'utf8'));
    const stats = corpus.panels.find((p: { title: string; type: string }) => p.type === 'table' && p.title === 'Prometheus Stats');
    const exprs = [
      'count by (cluster, job, instance, version) (label_replace(node_memory_used_bytes{instance="node-1:9100"}, "version", "2.45.0", "", ""))',
      'max by (cluster, job, instance) (node_memory_used_bytes{instance="node-1:9100"}) / 1048576',
    ];
    const targets = stats.targets.map((t: object, i: number) => ({ ...t, expr: exprs[i] }));
    const dashboard = {
      title: 'Tables', schemaVersion: 39,
      panels: [
        { ...stats, id: 1, title: 'As saved', targets, gridPos: { x: 0, y: 0, w: 24, h: 6 } },
        { ...stats, id: 2, title: 'Merged', targets, gridPos: { x: 0, y: 6, w: 24, h: 6 }, transformations: [{ id: 'merge', options: {} }, { id: 'partitionByValues', options: {} }] },
      ],
    };
    const results: TargetResult[] = [];
    for (const [i, expr] of exprs.entries()) {
      const r = await client.query(expr, T);
      results.push({ refId: 'AB'[i], expr, legendFormat: '', mode: 'instant', data: jsonSafeData(r.data), warnings: r.warnings });
    }
    const { page, errors } = await open('dark');
    await send(page, { type: 'dashboard', preview: { ...preview(), dashboard, title: 'Tables', variables: [] } });
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
    await clearPosted(page);
    for (const k of [0, 1]) await send(page, { type: 'panelData', key: JSON.stringify(['panels', k]), result: { path: ['panels', k], results, intervalMs: 30_000, stepMs: 30_000 } });
    await lastRendered(page);
    const table = async (k: number) => {
      const sel = `.dash-panel[data-key='${JSON.stringify(['panels', k])}']`;
      const head = await page.locator(`${sel} .dash-table thead th`).allTextContents();
      const rows = await page.locator(`${sel} .dash-table tbody tr`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
      return { head, rows };
    };
    // As saved (no transformation): Grafana's table shows the first frame, a picker switches to the other.
    assert.deepEqual(await table(0), { head: ['Instance', 'Job', 'Version'], rows: [['node-1:9100', 'node', '2.45.0']] });
    const picker = page.locator(`.dash-panel[data-key='${JSON.stringify(['panels', 0])}'] select.dash-table-frames`);
    assert.deepEqual(await picker.locator('option').allTextContents(), ['Instance, Job, Version, Count', 'Instance, Job, Uptime']);
    await picker.selectOption('1');
    // 1 GiB / 1 MiB = 1024 s in unit "s" with the defaults' 2 decimals: 17.07 min.
    assert.deepEqual(await table(0), { head: ['Instance', 'Job', 'Uptime'], rows: [['node-1:9100', 'node', '17.07 min']] });
    // With merge: ONE row, joined on the labels both queries share; "Count" (Value #A) and Time hidden.
    assert.deepEqual(await table(1), { head: ['Instance', 'Job', 'Version', 'Uptime'], rows: [['node-1:9100', 'node', '2.45.0', '17.07 min']] });
    assert.equal(await page.locator(`.dash-panel[data-key='${JSON.stringify(['panels', 1])}'] .dash-table-note`).textContent(), 'Not applied in the preview: partitionByValues (transformation)');
    const report = await lastRendered(page);
    assert.deepEqual(report.panels.map((p) => [p.title, p.drawn, p.text]), [['As saved', true, ''], ['Merged', true, '17.07 min']]);
    await page.locator('.dash-panel').first().screenshot({ path: path.join(OUT, 'dashboard-table-frames.png') });
    await page.screenshot({ path: path.join(OUT, 'dashboard-tables.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('applies reduce (series to rows: Max, Mean) and groupBy (sum and count per job) to real query results, as Grafana\'s table shows them', async () => {
    // Two range queries of the fixture's sine wave (a frame per series, named by the legend), and
    // the request rate of every series at the end as one table-format frame, grouped by its job label.
    const temperatures: Target[] = [
      { refId: 'A', expr: 'temperature_celsius', legendFormat: '{{room}}' },
      { refId: 'B', expr: 'temperature_celsius * 2', legendFormat: 'doubled' },
      // No legend format: named as Grafana's data source names it, `metric{label="value", ...}`.
      { refId: 'C', expr: 'temperature_celsius' },
    ];
    const perSeries: Target = { refId: 'A', expr: 'rate(http_requests_total[5m])', instant: true };
    const dashboard = {
      title: 'Transformations', schemaVersion: 39,
      panels: [
        panel(1, 'table', 'Reduced', { x: 0, y: 0, w: 12, h: 6 }, temperatures, {
          fieldConfig: { defaults: { unit: 'celsius', decimals: 2 }, overrides: [] },
          transformations: [{ id: 'reduce', options: { mode: 'seriesToRows', reducers: ['max', 'mean'] } }],
        }),
        panel(2, 'table', 'Grouped', { x: 12, y: 0, w: 12, h: 6 }, [{ ...perSeries, format: 'table' } as Target], {
          fieldConfig: { defaults: { unit: 'reqps' }, overrides: [{ matcher: { id: 'byName', options: 'Value (count)' }, properties: [{ id: 'unit', value: 'none' }] }] },
          transformations: [{ id: 'groupBy', options: { fields: { job: { operation: 'groupby', aggregations: [] }, Value: { operation: 'aggregate', aggregations: ['sum', 'count'] } } } }],
        }),
      ],
    };
    const ranges = await Promise.all(temperatures.map((t) => client.queryRange(t.expr, T - 3600, T, 30)));
    const instant = await client.query(perSeries.expr, T);
    const results: TargetResult[][] = [
      temperatures.map((t, i) => ({ refId: t.refId, expr: t.expr, legendFormat: t.legendFormat, mode: 'range', data: jsonSafeData(ranges[i].data), warnings: ranges[i].warnings })),
      [{ refId: 'A', expr: perSeries.expr, legendFormat: '', mode: 'instant', data: jsonSafeData(instant.data), warnings: instant.warnings }],
    ];
    const { page, errors } = await open('dark');
    await send(page, { type: 'dashboard', preview: { ...preview(), dashboard, title: dashboard.title, variables: [] } });
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
    await clearPosted(page);
    for (const k of [0, 1]) await send(page, { type: 'panelData', key: JSON.stringify(['panels', k]), result: { path: ['panels', k], results: results[k], intervalMs: 30_000, stepMs: 30_000 } });
    const report = await lastRendered(page);
    const table = async (k: number) => {
      const sel = `.dash-panel[data-key='${JSON.stringify(['panels', k])}']`;
      const head = await page.locator(`${sel} .dash-table thead th`).allTextContents();
      const rows = await page.locator(`${sel} .dash-table tbody tr`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
      return { head, rows };
    };
    const reqps = (v: number) => formattedValueToString(formatValue(v, 'reqps', undefined));
    const celsius = (v: number) => formattedValueToString(formatValue(v, 'celsius', 2));

    // reduce: a row per series of both queries, "Field" its legend, then Max and Mean (Grafana's
    // names) in the panel's unit.
    type Series = { metric: Record<string, string>; values: Array<[number, number]> };
    const reduced = ranges.map((r, i) => {
      const [s] = (r.data as { series: Series[] }).series;
      const vals = s.values.map((v) => v[1]);
      const { __name__: metricName, ...labels } = s.metric;
      const full = `${metricName}{${Object.keys(labels).sort().map((k) => `${k}="${labels[k]}"`).join(', ')}}`;
      return [[s.metric.room, 'doubled', full][i], celsius(Math.max(...vals)), celsius(vals.reduce((a, b) => a + b, 0) / vals.length)];
    });
    assert.equal(reduced[0][0], 'lab');
    assert.match(reduced[2][0], /^temperature_celsius\{.*room="lab".*\}$/);
    assert.notEqual(reduced[0][1], reduced[0][2], 'a sine wave: its max is not its mean');
    assert.deepEqual(await table(0), { head: ['Field', 'Max', 'Mean'], rows: reduced });

    // groupBy: a row per job in order of first appearance, "Value (sum)" in req/s, "Value (count)" unitless.
    const perJob = new Map<string, number[]>();
    for (const s of (instant.data as { series: Series[] }).series) perJob.set(s.metric.job, [...(perJob.get(s.metric.job) ?? []), s.values[0][1]]);
    assert.deepEqual([...perJob.keys()].sort(), ['api', 'web']);
    const grouped = [...perJob].map(([job, vals]) => [job, reqps(vals.reduce((a, b) => a + b, 0)), String(vals.length)]);
    assert.deepEqual(await table(1), { head: ['job', 'Value (sum)', 'Value (count)'], rows: grouped });
    assert.deepEqual(grouped.map((r) => r[2]).sort(), ['1', '3']);

    // Both applied: no "Not applied" note; the report carries the numbers drawn.
    assert.equal(await page.locator('.dash-table-note').count(), 0);
    assert.deepEqual(report.panels.map((p) => [p.title, p.drawn, p.text]), [
      ['Reduced', true, reduced.flatMap((r) => r.slice(1)).join(' | ')],
      ['Grouped', true, grouped.flatMap((r) => r.slice(1)).join(' | ')],
    ]);
    await page.screenshot({ path: path.join(OUT, 'dashboard-table-transformations.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  // --- the time axis and the legend of time series panels (helper AXIS) ---------------------------
  /** A dashboard of time series panels of several widths, with table and right-hand legends. */
  const AXIS_DASHBOARD = {
    title: 'Axes and legends',
    schemaVersion: 39,
    panels: [
      panel(1, 'timeseries', 'Narrow 8 of 24', { x: 0, y: 0, w: 8, h: 7 }, [{ refId: 'A', expr: 'sum(rate(http_requests_total[5m]))', legendFormat: 'all' }], { fieldConfig: { defaults: { unit: 'reqps' } } }),
      panel(2, 'timeseries', 'Narrow 5 of 24', { x: 8, y: 0, w: 5, h: 7 }, [{ refId: 'A', expr: 'sum(rate(http_requests_total[5m]))', legendFormat: 'all' }], { fieldConfig: { defaults: { unit: 'reqps' } } }),
      panel(3, 'timeseries', 'Wide', { x: 13, y: 0, w: 11, h: 7 }, [{ refId: 'A', expr: 'sum(rate(http_requests_total[5m]))', legendFormat: 'all' }], { fieldConfig: { defaults: { unit: 'reqps' } } }),
      panel(4, 'timeseries', 'Table legend', { x: 0, y: 7, w: 12, h: 9 }, [{ refId: 'A', expr: 'rate(http_requests_total[5m])', legendFormat: '{{instance}} {{code}}' }], {
        fieldConfig: { defaults: { unit: 'reqps' } },
        options: { legend: { displayMode: 'table', placement: 'bottom', calcs: ['min', 'max', 'mean', 'lastNotNull'], sortBy: 'Max', sortDesc: true, showLegend: true } },
      }),
      panel(5, 'timeseries', 'Right legend', { x: 12, y: 7, w: 12, h: 9 }, [{ refId: 'A', expr: 'xss_probe or node_memory_used_bytes', legendFormat: '{{instance}}{{note}}' }], {
        fieldConfig: { defaults: { unit: 'bytes' } },
        options: { legend: { displayMode: 'table', placement: 'right', calcs: ['lastNotNull'], width: 220, showLegend: true } },
      }),
      // Legacy graph: alignAsTable + rightSide + sideWidth, values min/max/avg/current, sort by current descending.
      panel(6, 'graph', 'Legacy graph legend', { x: 0, y: 16, w: 24, h: 7 }, [{ refId: 'A', expr: 'node_memory_used_bytes', legendFormat: '{{instance}}' }], {
        yaxes: [{ format: 'bytes' }, { format: 'short' }],
        legend: { show: true, alignAsTable: true, rightSide: true, sideWidth: 360, values: true, min: true, max: true, avg: true, current: true, total: false, sort: 'current', sortDesc: false },
      }),
    ],
  };
  const AXIS_RANGES: Array<[string, number, number]> = [
    ['5m', 300, 15],
    ['1h', 3600, 30],
    ['24h', 86400, 300],
    ['7d', 7 * 86400, 3600],
    ['30d', 30 * 86400, 3600 * 4],
  ];

  /** The time axis' ticks of a panel: [label, centre px, width px]. */
  const xTicks = async (page: Page, title: string): Promise<Array<[string, number, number]>> =>
    JSON.parse((await page.locator('.dash-panel', { has: page.locator('.panel-title', { hasText: new RegExp(`^${title}$`) }) }).locator('.ts-chart').getAttribute('data-x-ticks')) ?? '[]');

  async function loadAxes(theme: 'dark' | 'light', seconds: number, step: number) {
    const opened = await open(theme);
    const { page } = opened;
    const range = { startMs: (T - seconds) * 1000, endMs: T * 1000 };
    await send(page, { type: 'dashboard', preview: preview({ dashboard: AXIS_DASHBOARD, title: AXIS_DASHBOARD.title, range, variables: [] }) });
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
    const visible = (await posted(page)).find((m) => m.type === 'visiblePanels') as Extract<Posted, { type: 'visiblePanels' }>;
    await clearPosted(page);
    const results = new Map<string, TargetResult[]>();
    for (const v of visible.panels) {
      const p = AXIS_DASHBOARD.panels[v.path[1] as number];
      const rs: TargetResult[] = [];
      for (const t of p.targets) {
        const r = await client.queryRange(t.expr, T - seconds, T, step);
        rs.push({ refId: t.refId, expr: t.expr, legendFormat: t.legendFormat, mode: 'range', data: jsonSafeData(r.data), warnings: r.warnings });
      }
      results.set(p.title, rs);
      await send(page, { type: 'panelData', key: v.key, result: { path: v.path, results: rs, intervalMs: step * 1000, stepMs: step * 1000 } });
    }
    const report = await lastRendered(page);
    return { ...opened, report, visible, results };
  }

  it('time axis: several 24-hour ticks in a format chosen from the range, none overlapping, on narrow and wide panels (5m to 30d)', async () => {
    const formats: Record<string, RegExp> = {
      '5m': /^\d\d:\d\d(:\d\d)?$/,
      '1h': /^\d\d:\d\d$/,
      '24h': /^\d\d:\d\d$/,
      '7d': /^\d\d\/\d\d( \d\d:\d\d)?$/,
      '30d': /^\d\d\/\d\d$/,
    };
    const seen: string[] = [];
    for (const [name, seconds, step] of AXIS_RANGES) {
      const { page, report, visible, errors } = await loadAxes('dark', seconds, step);
      // The fixture has 2 hours of data: over a day or more, a narrow panel's line is a few px long.
      if (seconds <= 3600) assert.ok(report.panels.every((p) => p.drawn), JSON.stringify(report.panels));
      for (const [i, title] of ['Narrow 8 of 24', 'Narrow 5 of 24', 'Wide', 'Table legend', 'Right legend', 'Legacy graph legend'].entries()) {
        const widthPx = visible.panels[i].widthPx;
        const ticks = await xTicks(page, title);
        const labels = ticks.map((t) => t[0]);
        const plotPx = await page.locator('.dash-panel', { has: page.locator('.panel-title', { hasText: new RegExp(`^${title}$`) }) }).locator('.u-over').evaluate((e) => e.clientWidth);
        seen.push(`${name} ${title} (${widthPx} px, plot ${plotPx} px): ${labels.join(' ')}`);
        // Every panel at least 250 px wide: ≥ 3 ticks. Over 5 minutes, minute steps need labels as Grafana writes
        // them (HH:mm:ss, 49 px + 18 px apart: a plot of 340 px); narrower plots step by 2 minutes: 2 or 3 ticks.
        assert.ok(widthPx >= 250 && ticks.length >= (name === '5m' && plotPx < 340 ? 2 : 3), seen.join('\n'));
        for (const l of labels) assert.match(l, formats[name], `${name} ${title}`);
        assert.ok(labels.every((l) => !/am|pm/i.test(l)), '24-hour labels');
        // In time order, all different, and no two labels overlap (at least 8 px apart).
        for (let k = 1; k < ticks.length; k++) {
          assert.ok(ticks[k][1] > ticks[k - 1][1], `${name} ${title}: ${JSON.stringify(ticks)}`);
          assert.ok(ticks[k][1] - ticks[k - 1][1] >= (ticks[k][2] + ticks[k - 1][2]) / 2 + 8, `${name} ${title} labels overlap: ${JSON.stringify(ticks)}`);
        }
        assert.equal(new Set(labels).size, labels.length, `${name} ${title}: ${labels.join(' ')}`);
        // The y axis: every tick with the decimals of the tick increment, as Grafana's (0.0, 2.5, 5.0, 7.5 —
        // not each value's own automatic decimals, e.g. 7.50), and none that the increment does not need.
        const yTicks = await page.locator('.dash-panel', { has: page.locator('.panel-title', { hasText: new RegExp(`^${title}$`) }) }).locator('.ts-chart').evaluate((e) => JSON.parse((e as HTMLElement).dataset.yTicks ?? '[]') as string[]);
        assert.ok(yTicks.length >= 2, `${name} ${title} y ticks: ${JSON.stringify(yTicks)}`);
        // (Scaled units such as bytes pick their own prefix and decimals per value, in Grafana too.)
        const fractions = yTicks.every((t) => t.endsWith(' req/s')) ? yTicks.map((t) => /\d(?:\.(\d+))?\D*$/.exec(t)?.[1] ?? '') : [''];
        assert.equal(new Set(fractions.map((f) => f.length)).size, 1, `${name} ${title} y ticks: ${JSON.stringify(yTicks)}`);
        if (fractions[0].length > 0) assert.ok(fractions.some((f) => !f.endsWith('0')), `${name} ${title} needless decimals: ${JSON.stringify(yTicks)}`);
      }
      if (name === '1h' || name === '24h') await page.screenshot({ path: path.join(OUT, `dashboard-axes-${name}-dark.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    }
    console.log(`      ${seen.join('\n      ')}`);
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`legend as a table (Name + one column per calc, sorted by sortBy/sortDesc, values in the unit), on the right, and the legacy graph's (${theme} theme)`, async () => {
      const { page, results, errors, dialogs } = await loadAxes(theme, 3600, 30);
      const table = page.locator('.dash-panel', { has: page.locator('.panel-title', { hasText: /^Table legend$/ }) });
      assert.deepEqual(await table.locator('.ts-legend-table th').allTextContents(), ['Name', 'Min', 'Max ▼', 'Mean', 'Last *']);
      // What the table must show: Grafana's reducers over the same real series, sorted by Max descending.
      const series = (results.get('Table legend')![0].data as { series: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> }).series;
      const expected = series
        .map((s) => {
          const vals = s.values.map((v) => Number(v[1]));
          return { name: `${s.metric.instance} ${s.metric.code}`, max: reduce(vals, 'max')!, cells: ['min', 'max', 'mean', 'lastNotNull'].map((c) => formattedValueToString(formatValue(reduce(vals, c)!, 'reqps', undefined))) };
        })
        .sort((a, b) => b.max - a.max);
      const rows = () => table.locator('tr.ts-legend-item').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent)));
      assert.deepEqual(await rows(), expected.map((e) => [e.name, ...e.cells]));
      assert.ok(expected.every((e) => e.cells.every((c) => / req\/s$/.test(c))), JSON.stringify(expected));
      // The table sits below the graph, full width; the graph keeps most of the height.
      const [chartBox, legendBox] = await Promise.all([table.locator('.ts-chart canvas').boundingBox(), table.locator('.ts-legend').boundingBox()]);
      assert.ok(chartBox && legendBox && legendBox.y >= chartBox.y + chartBox.height - 1 && chartBox.height > legendBox.height, JSON.stringify([chartBox, legendBox]));
      // A click on a header sorts as Grafana's does: the sorted column flips to ascending, a new one starts descending.
      await table.locator('th', { hasText: 'Max' }).click();
      assert.deepEqual((await rows()).map((r) => r[0]), [...expected].reverse().map((e) => e.name));
      await table.locator('th', { hasText: 'Name' }).click();
      assert.deepEqual((await rows()).map((r) => r[0]), expected.map((e) => e.name).sort((a, b) => b.localeCompare(a, undefined, { numeric: true })));
      assert.equal(await table.locator('th.sorted').textContent(), 'Name ▼');

      // placement right with width: the legend beside the graph, 220 px wide; markup in names stays text.
      const right = page.locator('.dash-panel', { has: page.locator('.panel-title', { hasText: /^Right legend$/ }) });
      const [rc, rl] = await Promise.all([right.locator('.ts-chart canvas').boundingBox(), right.locator('.ts-legend').boundingBox()]);
      assert.ok(rc && rl && rl.x >= rc.x + rc.width && Math.abs(rl.width - 220) <= 1 && Math.abs(rl.y - rc.y) <= 2, JSON.stringify([rc, rl]));
      assert.deepEqual(await right.locator('.ts-legend-table th').allTextContents(), ['Name', 'Last *']);
      assert.deepEqual((await right.locator('tr.ts-legend-item').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent)))).sort(), [
        ['<img src=x onerror=alert(2)>&amp;"quoted"', '1 B'],
        ['node-1:9100', '1 GiB'],
        ['node-2:9100', '512 MiB'],
      ]);
      assert.equal(await page.locator('.ts-legend img, .ts-legend script').count(), 0);

      // Legacy graph: alignAsTable, rightSide, sideWidth 360, min/max/avg/current, sort by current ascending.
      const graph = page.locator('[data-type=graph]');
      const [gc, gl] = await Promise.all([graph.locator('.ts-chart canvas').boundingBox(), graph.locator('.ts-legend').boundingBox()]);
      assert.ok(gc && gl && gl.x >= gc.x + gc.width && Math.abs(gl.width - 360) <= 1, JSON.stringify([gc, gl]));
      assert.deepEqual(await graph.locator('.ts-legend-table th').allTextContents(), ['Name', 'Min', 'Max', 'Mean', 'Last * ▲']);
      assert.deepEqual(await graph.locator('tr.ts-legend-item').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent))), [
        ['node-2:9100', '512 MiB', '512 MiB', '512 MiB', '512 MiB'],
        ['node-1:9100', '1 GiB', '1 GiB', '1 GiB', '1 GiB'],
      ]);
      await page.screenshot({ path: path.join(OUT, `dashboard-legends-${theme}.png`) });
      assert.deepEqual(errors, []);
      assert.deepEqual(dialogs, []);
      await page.close();
    });
  }

  it('stacks series by their stacking group: an override with group false (Node Exporter Full\'s "Total") stands alone', async () => {
    const GiB = 1024 ** 3;
    const stackPanel = (id: number, title: string, x: number, overrides: unknown[]) =>
      panel(id, 'timeseries', title, { x, y: 0, w: 12, h: 8 }, [{ refId: 'A', expr: 'node_memory_used_bytes', legendFormat: '{{instance}}' }], {
        fieldConfig: { defaults: { unit: 'bytes', custom: { stacking: { mode: 'normal', group: 'A' }, fillOpacity: 20 } }, overrides },
      });
    const dash = {
      ...DASHBOARD,
      panels: [
        stackPanel(1, 'Stacked', 0, []),
        stackPanel(2, 'Own group', 12, [{ matcher: { id: 'byName', options: 'node-1:9100' }, properties: [{ id: 'custom.stacking', value: { group: false, mode: 'normal' } }, { id: 'custom.fillOpacity', value: 0 }] }]),
      ],
    };
    const r = await client.queryRange('node_memory_used_bytes', T - 3600, T, 30);
    const result: PanelQueryResult = { path: [], results: [{ refId: 'A', expr: 'node_memory_used_bytes', legendFormat: '{{instance}}', mode: 'range', data: jsonSafeData(r.data) }], intervalMs: 30_000, stepMs: 30_000 };
    const { page, errors } = await open('dark');
    await send(page, { type: 'dashboard', preview: preview({ dashboard: dash }) });
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
    const visible = (await posted(page)).find((m) => m.type === 'visiblePanels') as Extract<Posted, { type: 'visiblePanels' }>;
    await clearPosted(page);
    for (const p of visible.panels) await send(page, { type: 'panelData', key: p.key, result: { ...result, path: p.path } });
    const report = await lastRendered(page);
    assert.deepEqual(report.panels.map((p) => [p.title, p.drawn]), [['Stacked', true], ['Own group', true]]);
    const yRange = (title: string) =>
      page.locator('.dash-panel', { has: page.locator('.panel-title', { hasText: new RegExp(`^${title}$`) }) }).locator('.ts-chart').evaluate((e) => JSON.parse((e as HTMLElement).dataset.yRange ?? '[]') as number[]);
    // Stacked: 1 GiB + 512 MiB reach 1.5 GiB. Own group: node-1 alone (1 GiB) is the top; nothing reaches 1.5 GiB.
    const [stacked, own] = [await yRange('Stacked'), await yRange('Own group')];
    assert.ok(stacked[1] >= 1.5 * GiB, `stacked y max ${stacked[1]}`);
    assert.ok(own[1] >= GiB && own[1] < 1.5 * GiB, `own group y max ${own[1]}`);
    // A legend click shows node-2 alone: it stands on zero again (the stack drawn without the hidden series).
    await page.locator('.dash-panel', { has: page.locator('.panel-title', { hasText: /^Stacked$/ }) }).locator('.ts-legend-toggle', { hasText: 'node-2:9100' }).click();
    const alone = await yRange('Stacked');
    assert.ok(alone[1] >= 0.5 * GiB && alone[1] < GiB, `node-2 alone: y max ${alone[1]}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
  // --- legend clicks and the dashboard's time zone ------------------------------------------------
  /** A panel of the page by its title. */
  const panelTitled = (page: Page, title: string) => page.locator('.dash-panel', { has: page.locator('.panel-title', { hasText: new RegExp(`^${title}$`) }) });

  /** Sends `dashboard`, then each visible panel its targets' results over [T - seconds, T], as the host would. */
  async function showDashboard(page: Page, dashboard: { title: string; panels: Array<{ targets?: Target[] }> }, seconds = 3600, step = 30) {
    const range = { startMs: (T - seconds) * 1000, endMs: T * 1000 };
    const time = { from: `now-${seconds / 3600}h`, to: 'now' };
    await send(page, { type: 'dashboard', preview: preview({ dashboard, title: dashboard.title, time, range, variables: [] }) });
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'visiblePanels'));
    const visible = (await posted(page)).find((m) => m.type === 'visiblePanels') as Extract<Posted, { type: 'visiblePanels' }>;
    await clearPosted(page);
    const results = new Map<string, PanelQueryResult>();
    for (const v of visible.panels) {
      const rs: TargetResult[] = [];
      for (const t of dashboard.panels[v.path[1] as number].targets ?? []) {
        const r = t.instant ? await client.query(t.expr, T) : await client.queryRange(t.expr, T - seconds, T, step);
        rs.push({ refId: t.refId, expr: t.expr, legendFormat: t.legendFormat, mode: t.instant ? 'instant' : 'range', data: jsonSafeData(r.data), warnings: r.warnings });
      }
      const result: PanelQueryResult = { path: v.path, results: rs, intervalMs: step * 1000, stepMs: step * 1000 };
      results.set(v.key, result);
      await send(page, { type: 'panelData', key: v.key, result });
    }
    return { report: await lastRendered(page), results };
  }

  /** Three series in pure red, green and blue (far from any theme's greys), 2 px lines, no fill. */
  const RGB: Array<[string, string, [number, number, number]]> = [
    ['api-1:8080 200', '#ff0000', [255, 0, 0]],
    ['api-1:8080 500', '#00ff00', [0, 255, 0]],
    ['api-2:8080 200', '#0000ff', [0, 0, 255]],
  ];
  const rgbPanel = (id: number, title: string, gridPos: object, legend: object) =>
    panel(id, 'timeseries', title, gridPos, [{ refId: 'A', expr: 'rate(http_requests_total{instance=~"api-.*"}[5m])', legendFormat: '{{instance}} {{code}}' }], {
      fieldConfig: {
        defaults: { unit: 'reqps', custom: { lineWidth: 2, fillOpacity: 0 } },
        overrides: RGB.map(([name, color]) => ({ matcher: { id: 'byName', options: name }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }] })),
      },
      options: { legend },
    });
  const LEGEND_DASHBOARD = {
    title: 'Legend clicks',
    schemaVersion: 39,
    panels: [
      rgbPanel(1, 'List legend', { x: 0, y: 0, w: 12, h: 9 }, { displayMode: 'list', placement: 'bottom', showLegend: true }),
      rgbPanel(2, 'Table legend', { x: 12, y: 0, w: 12, h: 9 }, { displayMode: 'table', placement: 'bottom', calcs: ['max'], showLegend: true }),
    ],
  };

  /** Opaque pixels of each of RGB's colours on the panel's canvas. */
  const inkPerSeries = (page: Page, title: string): Promise<number[]> =>
    panelTitled(page, title).locator('.ts-chart canvas').evaluate((c, colors) => {
      const canvas = c as HTMLCanvasElement;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const counts = colors.map(() => 0);
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] < 200) continue;
        colors.forEach((rgb, k) => {
          if (Math.abs(data[i] - rgb[0]) < 40 && Math.abs(data[i + 1] - rgb[1]) < 40 && Math.abs(data[i + 2] - rgb[2]) < 40) counts[k]++;
        });
      }
      return counts;
    }, RGB.map(([, , rgb]) => rgb));
  /** Which series the panel draws (more than a few pixels of its colour, in RGB's order) and which its legend greys (by name). */
  const drawnAndGreyed = async (page: Page, title: string) => ({
    drawn: (await inkPerSeries(page, title)).map((n) => n > 20),
    greyed: (await panelTitled(page, title).locator('.ts-legend-item').evaluateAll((items) => items.map((i) => [(i as HTMLElement).dataset.name, i.classList.contains('hidden')]))).sort(),
  });
  const yMax = async (page: Page, title: string) => (JSON.parse((await panelTitled(page, title).locator('.ts-chart').getAttribute('data-y-range')) ?? '[]') as number[])[1];

  for (const theme of ['dark', 'light'] as const) {
    it(`shows the values under the cursor in a tooltip: the nearest series (single), or all sorted (multi), hidden ones left out (${theme} theme)`, async () => {
      const dashboard = {
        title: 'Tooltips',
        schemaVersion: 39,
        panels: [
          { ...rgbPanel(1, 'Single', { x: 0, y: 0, w: 12, h: 9 }, { displayMode: 'list', placement: 'bottom', showLegend: true }) },
          { ...rgbPanel(2, 'Multi', { x: 12, y: 0, w: 12, h: 9 }, { displayMode: 'list', placement: 'bottom', showLegend: true }) },
        ],
      };
      dashboard.panels[1].options = { ...(dashboard.panels[1].options as object), tooltip: { mode: 'multi', sort: 'desc' } };
      const { page, errors } = await open(theme);
      const { results } = await showDashboard(page, dashboard);
      /** The tooltip's rows after hovering the middle of a panel's plot, at `yFraction` of its height. */
      const hover = async (title: string, yFraction: number) => {
        const over = panelTitled(page, title).locator('.u-over');
        const box = (await over.boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height * yFraction);
        const tip = panelTitled(page, title).locator('.ts-tooltip');
        await tip.waitFor({ state: 'visible' });
        return {
          time: await tip.locator('.ts-tooltip-time').textContent(),
          rows: await tip.locator('.ts-tooltip-row').evaluateAll((rs) => rs.map((r) => [r.querySelector('.ts-tooltip-name')!.textContent, r.querySelector('.ts-tooltip-value')!.textContent])),
        };
      };
      // The rates the tooltip must show: the real query results at the hovered time (results in ms, the tooltip in s).
      type Series = { metric: Record<string, string>; values: Array<[number, number]> };
      const series = ((results.values().next().value!.results[0].data as { series: Series[] }).series);
      const valueAt = (name: string, t: number) => {
        const s = series.find((x) => `${x.metric.instance} ${x.metric.code}` === name)!;
        return formattedValueToString(formatValue(Number(s.values.find((v) => v[0] === t * 1000)![1]), 'reqps', undefined));
      };
      // Single, near the top: the largest series (api-1 200 at 2 req/s draws highest).
      const top = await hover('Single', 0.05);
      assert.match(top.time ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      assert.equal(top.rows.length, 1);
      const t = Date.parse(`${top.time!.replace(' ', 'T')}Z`) / 1000;
      assert.deepEqual(top.rows, [[RGB[0][0], valueAt(RGB[0][0], t)]]);
      // Near the bottom: the smallest (the 500s).
      assert.deepEqual((await hover('Single', 0.95)).rows.map((r) => r[0]), [RGB[1][0]]);
      // Multi, sorted by value, largest first.
      const multi = await hover('Multi', 0.5);
      const tm = Date.parse(`${multi.time!.replace(' ', 'T')}Z`) / 1000;
      const expected = RGB.map(([name]) => [name, valueAt(name, tm)]).sort((a, b) => Number.parseFloat(b[1]) - Number.parseFloat(a[1]));
      assert.deepEqual(multi.rows, expected);
      await page.screenshot({ path: path.join(OUT, `dashboard-tooltip-${theme}.png`) });
      // A series hidden from the legend is left out.
      await panelTitled(page, 'Multi').locator('.ts-legend-item', { hasText: RGB[0][0] }).locator('button.ts-legend-toggle').click({ modifiers: ['Control'] });
      assert.deepEqual((await hover('Multi', 0.5)).rows.map((r) => r[0]), expected.map((r) => r[0]).filter((n) => n !== RGB[0][0]));
      assert.deepEqual(errors, []);
      await page.close();
    });

    it(`legend clicks show only a series, all again, or toggle one with Ctrl; kept over new data and edits, never saved (${theme} theme)`, async () => {
      const { page, errors } = await open(theme);
      const { results } = await showDashboard(page, LEGEND_DASHBOARD);
      const list = 'List legend';
      const toggle = (name: string) => panelTitled(page, list).locator('.ts-legend-item', { hasText: name }).locator('button.ts-legend-toggle');
      const all = { drawn: [true, true, true], greyed: RGB.map(([n]) => [n, false]) };
      const only = (k: number) => ({ drawn: RGB.map((_, j) => j === k), greyed: RGB.map(([n], j) => [n, j !== k]) });
      assert.deepEqual(await drawnAndGreyed(page, list), all);
      assert.match((await toggle(RGB[0][0]).getAttribute('title')) ?? '', /Click: show only this series.*\n.*Ctrl\/Cmd\+click: show or hide/s);
      const yAll = await yMax(page, list);

      // A click shows only that series (the small 500s: the y axis rescales to them); a second click shows all.
      await toggle(RGB[1][0]).click();
      assert.deepEqual(await drawnAndGreyed(page, list), only(1));
      assert.equal(await toggle(RGB[1][0]).getAttribute('aria-pressed'), 'true');
      assert.equal(await toggle(RGB[0][0]).getAttribute('aria-pressed'), 'false');
      const yOnly500 = await yMax(page, list);
      assert.ok(yOnly500 < yAll / 2, `y max ${yOnly500} with the 500s only, ${yAll} with all`);
      await page.screenshot({ path: path.join(OUT, `dashboard-legend-isolated-${theme}.png`) });
      await toggle(RGB[1][0]).click();
      assert.deepEqual(await drawnAndGreyed(page, list), all);
      assert.equal(await yMax(page, list), yAll);

      // Ctrl+click takes one series out, and puts it back (all shown: no choice left); Meta (Cmd) does the same.
      await toggle(RGB[2][0]).click({ modifiers: ['Control'] });
      assert.deepEqual(await drawnAndGreyed(page, list), { drawn: [true, true, false], greyed: RGB.map(([n], j) => [n, j === 2]) });
      await toggle(RGB[0][0]).click({ modifiers: ['Meta'] });
      assert.deepEqual(await drawnAndGreyed(page, list), only(1));
      await toggle(RGB[0][0]).click({ modifiers: ['Control'] });
      await toggle(RGB[2][0]).click({ modifiers: ['Control'] });
      assert.deepEqual(await drawnAndGreyed(page, list), all);

      // The keyboard: Tab reaches the series' names, Enter and Space act as a click.
      await toggle(RGB[0][0]).focus();
      await page.keyboard.press('Enter');
      assert.deepEqual(await drawnAndGreyed(page, list), only(0));
      // (The legend lists the series in the order of the query's result: api-2's 200s come next.)
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.closest<HTMLElement>('.ts-legend-item')?.dataset.name), RGB[2][0]);
      await page.keyboard.press('Control+Enter');
      assert.deepEqual(await drawnAndGreyed(page, list), { drawn: [true, false, true], greyed: RGB.map(([n], j) => [n, j === 1]) });
      await page.keyboard.press('Space');
      assert.deepEqual(await drawnAndGreyed(page, list), only(2));

      // A refresh (new data for the panel) and an edit (the panel rebuilt) keep the choice; nothing is posted for it.
      const key = JSON.stringify(['panels', 0]);
      await clearPosted(page);
      await send(page, { type: 'panelLoading', key });
      await send(page, { type: 'panelData', key, result: results.get(key)! });
      await lastRendered(page);
      assert.deepEqual(await drawnAndGreyed(page, list), only(2));
      const edited = { ...LEGEND_DASHBOARD, panels: LEGEND_DASHBOARD.panels.map((p, i) => (i === 0 ? { ...p, description: 'edited' } : p)) };
      await send(page, { type: 'dashboard', preview: preview({ dashboard: edited, title: edited.title, range: { startMs: (T - 3600) * 1000, endMs: T * 1000 }, variables: [] }) });
      await lastRendered(page);
      assert.deepEqual(await drawnAndGreyed(page, list), only(2));
      assert.deepEqual((await posted(page)).filter((m) => m.type !== 'rendered' && m.type !== 'visiblePanels'), []);
      // New data without the series shown and with another one: nothing of the old choice is drawn, the newcomer
      // stays hidden (Grafana's "All except" override), and a click on it isolates it.
      const before = results.get(key)!;
      const withoutApi2 = (before.results[0].data as { series: Array<{ metric: Record<string, string> }> }).series.filter((x) => x.metric.instance !== 'api-2:8080');
      const changed: PanelQueryResult = { ...before, results: [{ ...before.results[0], data: { resultType: 'matrix', series: withoutApi2 } as TargetResult['data'] }] };
      await send(page, { type: 'panelData', key, result: changed });
      await lastRendered(page);
      assert.deepEqual(await drawnAndGreyed(page, list), { drawn: [false, false, false], greyed: [[RGB[0][0], true], [RGB[1][0], true]] });
      await toggle(RGB[1][0]).click();
      assert.deepEqual(await drawnAndGreyed(page, list), { drawn: [false, true, false], greyed: [[RGB[0][0], true], [RGB[1][0], false]] });

      // The table legend: a click on a name isolates it; a sort keeps the greyed rows; the panels keep their own choice.
      const table = 'Table legend';
      const row = (name: string) => panelTitled(page, table).locator('tr.ts-legend-item', { hasText: name });
      await row(RGB[0][0]).locator('button.ts-legend-toggle').click();
      assert.deepEqual(await drawnAndGreyed(page, table), only(0));
      await panelTitled(page, table).locator('th', { hasText: 'Name' }).click();
      assert.deepEqual(await panelTitled(page, table).locator('th.sorted').textContent(), 'Name ▼');
      const rowNames = () => panelTitled(page, table).locator('tr.ts-legend-item').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.name));
      assert.deepEqual(await rowNames(), RGB.map(([n]) => n).reverse());
      assert.deepEqual(await drawnAndGreyed(page, table), only(0));
      assert.deepEqual((await drawnAndGreyed(page, list)).drawn, [false, true, false]);
      await page.screenshot({ path: path.join(OUT, `dashboard-legend-clicks-${theme}.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  /** A wide time series panel and a stat of an instant in `dateTimeAsIso`, in the dashboard's `timezone`. */
  const zoneDashboard = (timezone?: string) => ({
    title: `Time zone ${timezone ?? '(none)'}`,
    schemaVersion: 39,
    ...(timezone === undefined ? {} : { timezone }),
    panels: [
      panel(1, 'timeseries', 'Requests', { x: 0, y: 0, w: 24, h: 8 }, [{ refId: 'A', expr: 'sum(rate(http_requests_total[5m]))', legendFormat: 'all' }], { fieldConfig: { defaults: { unit: 'reqps' } } }),
      panel(2, 'stat', 'Instant', { x: 0, y: 8, w: 6, h: 4 }, [{ refId: 'A', expr: 'vector(1700000000000)', instant: true }], { fieldConfig: { defaults: { unit: 'dateTimeAsIso' } } }),
    ],
  });
  const minutesOf = (label: string) => {
    const [h, m] = label.split(':').map(Number);
    return h * 60 + m;
  };
  /**
   * Checks that every tick of `ticks` stands where its label says in a zone `offset` minutes east of
   * UTC, measured against the UTC axis of the same panel (the first tick and the px per minute).
   */
  function assertTicksInZone(ticks: Array<[string, number, number]>, utc: Array<[string, number, number]>, offset: number, incrMinutes: number) {
    const pxPerMinute = (utc[1][1] - utc[0][1]) / incrMinutes;
    for (const [label, px] of ticks) {
      const delta = (((minutesOf(label) - offset - minutesOf(utc[0][0])) % 1440) + 1440) % 1440;
      const expected = [delta, delta - 1440].map((d) => utc[0][1] + d * pxPerMinute).sort((a, b) => Math.abs(a - px) - Math.abs(b - px))[0];
      assert.ok(Math.abs(expected - px) <= 2, `${label} at ${px} px, expected ${expected.toFixed(1)} px: ${JSON.stringify(ticks)} vs UTC ${JSON.stringify(utc)}`);
    }
  }

  for (const theme of ['dark', 'light'] as const) {
    it(`reads times in the dashboard's timezone: utc, an IANA zone (Asia/Kolkata +05:30), the browser's ("" and unknown names) (${theme} theme)`, async () => {
      const seen: Record<string, { ticks: Array<[string, number, number]>; stat: string }> = {};
      const absolute: Record<string, string> = {};
      // The browser in New York (UTC-5 in November), so that "browser" differs from UTC too.
      for (const timezone of ['utc', 'Asia/Kolkata', '', 'browser', 'Mars/Olympus_Mons']) {
        const { page, errors } = await open(theme, 'America/New_York');
        const { report } = await showDashboard(page, zoneDashboard(timezone), 86400, 300);
        seen[timezone] = { ticks: await xTicks(page, 'Requests'), stat: report.panels.find((p) => p.title === 'Instant')!.text };
        // An absolute range (2023-11-14 20:00 to 22:00 UTC) is named in the dashboard's zone too.
        const time = { from: '2023-11-14T20:00:00.000Z', to: '2023-11-14T22:00:00.000Z' };
        await send(page, { type: 'dashboard', preview: preview({ dashboard: zoneDashboard(timezone), title: 'abs', time, range: { startMs: Date.parse(time.from), endMs: Date.parse(time.to) }, variables: [] }) });
        absolute[timezone] = (await page.locator('#time-range option').first().textContent()) ?? '';
        if (timezone === 'Asia/Kolkata') await page.screenshot({ path: path.join(OUT, `dashboard-timezone-kolkata-${theme}.png`) });
        if (timezone === 'utc') await page.screenshot({ path: path.join(OUT, `dashboard-timezone-utc-${theme}.png`) });
        assert.deepEqual(errors, [], timezone);
        await page.close();
      }
      const labels = (tz: string) => seen[tz].ticks.map((t) => t[0]);
      // 1700000000 s = 2023-11-14 22:13:20 UTC = 2023-11-15 03:43:20 in Kolkata = 17:13:20 in New York.
      assert.deepEqual(Object.fromEntries(Object.entries(seen).map(([tz, v]) => [tz, v.stat])), {
        utc: '2023-11-14 22:13:20',
        'Asia/Kolkata': '2023-11-15 03:43:20',
        '': '2023-11-14 17:13:20',
        browser: '2023-11-14 17:13:20',
        'Mars/Olympus_Mons': '2023-11-14 17:13:20',
      });
      assert.deepEqual(absolute, {
        utc: '2023-11-14 20:00 to 2023-11-14 22:00 UTC',
        'Asia/Kolkata': '2023-11-15 01:30 to 2023-11-15 03:30 Asia/Kolkata',
        '': '2023-11-14 15:00 to 2023-11-14 17:00 UTC-05:00',
        browser: '2023-11-14 15:00 to 2023-11-14 17:00 UTC-05:00',
        'Mars/Olympus_Mons': '2023-11-14 15:00 to 2023-11-14 17:00 UTC-05:00',
      });
      // A day on 1264 px: a tick every 2 hours, on the zone's even hours (uPlot's tzDate), not UTC's hours moved.
      const utc = seen.utc.ticks;
      assert.ok(utc.length >= 8 && labels('utc').every((l) => /^\d[02468]:00$/.test(l) || /^\d\d:00$/.test(l)), labels('utc').join(' '));
      const incr = (((minutesOf(utc[1][0]) - minutesOf(utc[0][0])) % 1440) + 1440) % 1440;
      for (const tz of ['Asia/Kolkata', '', 'Mars/Olympus_Mons']) {
        assert.ok(labels(tz).every((l) => /:00$/.test(l) && minutesOf(l) % incr === 0), `${tz}: ${labels(tz).join(' ')}`);
      }
      assert.notDeepEqual(labels('Asia/Kolkata'), labels('utc'));
      assertTicksInZone(seen['Asia/Kolkata'].ticks, utc, 330, incr);
      assertTicksInZone(seen[''].ticks, utc, -300, incr);
      assert.deepEqual(seen.browser.ticks, seen[''].ticks);
      assert.deepEqual(seen['Mars/Olympus_Mons'].ticks, seen[''].ticks);
      console.log(`      ${Object.entries(seen).map(([tz, v]) => `${tz || '""'}: ${v.ticks.map((t) => t[0]).join(' ')}`).join('\n      ')}`);
    });
  }
});
