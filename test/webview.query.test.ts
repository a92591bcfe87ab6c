// The query results webview in a real Chromium, fed real results from a real Prometheus.
// Looks at the pixels: the chart has drawn each series' colour; labels are text, never markup.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { QueryResultMessage } from '../webview/src/protocol';
import { PrometheusClient } from '../server/src/prometheus/client';
import { jsonSafeData, type QueryResult } from '../server/src/prometheus/result';
import { launchChromium } from './support/chromium';
import { FIXTURE_START, startPrometheus, type RunningPrometheus } from './support/realPrometheus';
import { installVsCodeApiStub, serveWebviews, type WebviewServer } from './support/webviewHarness';

const OUT = path.join(__dirname, '../test-output');
const T = FIXTURE_START + 7200;

function message(expr: string, r: QueryResult, mode: 'range' | 'instant', legendFormat?: string): QueryResultMessage {
  return {
    type: 'result',
    expr,
    datasource: 'fixture',
    mode,
    range: { startMs: (T - 7200) * 1000, endMs: T * 1000, stepMs: 60_000 },
    data: jsonSafeData(r.data),
    warnings: r.warnings,
    infos: r.infos,
    stats: r.stats,
    truncated: r.truncated,
    legendFormat,
  };
}

/** Pixels of the chart canvas close to the given CSS colour. */
async function pixelsOfColour(page: Page, hex: string): Promise<number> {
  return page.evaluate((h) => {
    const want = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    const c = document.querySelector('#chart canvas') as HTMLCanvasElement;
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 200 && Math.abs(data[i] - want[0]) < 40 && Math.abs(data[i + 1] - want[1]) < 40 && Math.abs(data[i + 2] - want[2]) < 40) n++;
    }
    return n;
  }, hex);
}

describe('query results webview in Chromium', function () {
  this.timeout(120_000);
  let prom: RunningPrometheus;
  let client: PrometheusClient;
  let browser: Browser;
  let server: WebviewServer;

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    [prom, browser, server] = await Promise.all([startPrometheus(), launchChromium(), serveWebviews()]);
    client = new PrometheusClient({ name: 'fixture', url: prom.url });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await prom?.stop();
  });

  async function open(theme: 'dark' | 'light'): Promise<{ page: Page; dialogs: string[]; violations: string[] }> {
    const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
    const dialogs: string[] = [];
    const violations: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await installVsCodeApiStub(page);
    await page.goto(server.pageUrl('query', theme));
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
    return { page, dialogs, violations };
  }

  async function send(page: Page, msg: QueryResultMessage): Promise<void> {
    await page.evaluate((m) => {
      delete document.body.dataset.drawn;
      window.postMessage(m, '*');
    }, msg);
    await page.waitForFunction(() => document.body.dataset.drawn !== undefined);
  }

  for (const theme of ['dark', 'light'] as const) {
    it(`draws a range query as a graph with a legend (${theme} theme)`, async () => {
      const expr = 'rate(http_requests_total[5m])';
      const r = await client.queryRange(expr, T - 7200, T, 60);
      const { page, violations } = await open(theme);
      await send(page, message(expr, r, 'range', '{{instance}} {{code}}'));
      const legend = await page.locator('#legend .legend-item').allTextContents();
      assert.deepEqual(legend.sort(), ['api-1:8080 200', 'api-1:8080 500', 'api-2:8080 200', 'web-1:80 200']);
      // Each of the four series' colours is on the canvas, as a line (hundreds of pixels).
      const palette = theme === 'dark' ? ['#3794ff', '#d18616', '#89d185', '#f14c4c'] : ['#1a85ff', '#d18616', '#388a34', '#e51400'];
      for (const colour of palette) assert.ok((await pixelsOfColour(page, colour)) > 150, `${colour} not drawn`);
      // 121 steps per series; at the first the 5m window holds one sample, so rate() has no value there.
      assert.match(await page.locator('#status').textContent() ?? '', /4 series · 480 samples/);
      // The report the extension records for its integration tests says the same.
      await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'rendered'));
      const rendered = await page.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted.find((m) => m.type === 'rendered'));
      assert.deepEqual({ ...rendered, legend: (rendered?.legend as string[]).sort() }, { type: 'rendered', series: 4, legend: ['api-1:8080 200', 'api-1:8080 500', 'api-2:8080 200', 'web-1:80 200'], canvas: true, table: 0 });
      await page.mouse.move(450, 200);
      assert.ok(await page.locator('.tooltip').isVisible(), 'tooltip shows on hover');
      assert.match((await page.locator('.tooltip').textContent()) ?? '', /UTC.*api-1:8080 200/);
      await page.screenshot({ path: path.join(OUT, `webview-query-graph-${theme}.png`) });
      assert.deepEqual(violations, []);
      await page.close();
    });
  }

  it("shows only a series on a legend click, all on a second, and hides one on Ctrl+click (Prometheus' and Grafana's legend)", async () => {
    const expr = 'rate(http_requests_total[5m])';
    const r = await client.queryRange(expr, T - 7200, T, 60);
    const { page } = await open('dark');
    await send(page, message(expr, r, 'range', '{{instance}} {{code}}'));
    // The fourth series gets the fourth palette colour, red; the first the first, blue.
    const red = async () => pixelsOfColour(page, '#f14c4c');
    const blue = async () => pixelsOfColour(page, '#3794ff');
    const hidden = async () => page.locator('#legend .legend-item.hidden').count();
    assert.ok((await red()) > 150 && (await blue()) > 150);
    const fourth = page.locator('#legend .legend-item').nth(3);
    await fourth.click();
    assert.ok((await red()) > 150, 'the series clicked is drawn');
    assert.ok((await blue()) < 20, 'the others are not');
    assert.equal(await hidden(), 3);
    await fourth.click();
    assert.ok((await red()) > 150 && (await blue()) > 150, 'a second click shows all');
    assert.equal(await hidden(), 0);
    await fourth.click({ modifiers: ['Control'] });
    assert.ok((await red()) < 20, 'Ctrl+click hides that one');
    assert.ok((await blue()) > 150);
    assert.equal(await hidden(), 1);
    await page.close();
  });

  it('shows an instant vector as a table, labels with markup as plain text', async () => {
    const expr = 'xss_probe or node_memory_used_bytes';
    const r = await client.query(expr, T);
    const { page, dialogs } = await open('light');
    await send(page, message(expr, r, 'instant'));
    const cells = await page.locator('#table td').allTextContents();
    assert.ok(cells.some((c) => c.includes('job="<script>alert(1)</script>"')), cells.join('\n'));
    assert.ok(cells.some((c) => c.includes('<img src=x onerror=alert(2)>&amp;')), 'markup shown literally');
    assert.ok(cells.includes('1073741824'));
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'rendered'));
    const rendered = await page.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted.find((m) => m.type === 'rendered'));
    assert.equal(rendered?.canvas, false);
    assert.equal(rendered?.table, await page.locator('#table tbody tr').count());
    assert.equal(await page.locator('#table img, #table script, body > script:not([src])').count(), 0);
    assert.deepEqual(dialogs, []);
    await page.screenshot({ path: path.join(OUT, 'webview-query-table-light.png') });
    await page.close();
  });

  it('shows scalars, warnings, truncation and errors', async () => {
    const { page } = await open('dark');
    const s = await client.query('scalar(sum(node_memory_used_bytes{instance="node-1:9100"}))', T);
    await send(page, { ...message('scalar(...)', s, 'instant'), warnings: ['PromQL warning: something to know'], truncated: { seriesKept: 1, seriesTotal: 9, pointsDropped: 0 } });
    assert.equal(await page.locator('#table td.value').textContent(), '1073741824');
    const notices = await page.locator('#notices').textContent();
    assert.match(notices ?? '', /Warning: PromQL warning: something to know/);
    assert.match(notices ?? '', /Showing 1 of 9 series/);
    await page.evaluate(() => window.postMessage({ type: 'error', expr: 'sum(', datasource: 'fixture', kind: 'syntax', message: '1:5: parse error: unclosed left parenthesis' }, '*'));
    await page.waitForSelector('.notice.error');
    assert.match((await page.locator('.notice.error').textContent()) ?? '', /Syntax error: 1:5: parse error: unclosed left parenthesis/);
    await page.close();
  });

  it('asks the extension for another range and exports CSV', async () => {
    const expr = 'temperature_celsius';
    const r = await client.queryRange(expr, T - 3600, T, 60);
    const { page } = await open('dark');
    await send(page, message(expr, r, 'range'));
    await page.selectOption('#range', '6h');
    await page.click('#export-csv');
    await page.click('#add-to-dashboard');
    const posted = await page.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted);
    assert.deepEqual(posted.filter((m) => m.type === 'addToDashboard'), [{ type: 'addToDashboard' }]);
    assert.deepEqual(posted.find((m) => m.type === 'setRange'), { type: 'setRange', range: { relative: '6h' }, mode: 'range' });
    const csv = posted.find((m) => m.type === 'export') as { content: string } | undefined;
    assert.ok(csv);
    const lines = csv.content.trim().split('\n');
    assert.equal(lines[0], 'timestamp,__name__,job,room,value');
    assert.equal(lines.length, 62);
    assert.equal(lines[1].split(',')[0], new Date((T - 3600) * 1000).toISOString());
    await page.close();
  });

  it('uses a strict Content-Security-Policy with a nonce and loads nothing remote', async () => {
    const { page } = await open('dark');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /default-src 'none'/);
    assert.match(csp ?? '', /script-src 'nonce-[A-Za-z0-9+/=]{20,}'(;|$)/);
    const blocked = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __injected?: boolean }).__injected !== true;
    });
    assert.ok(blocked, 'an injected inline script ran');
    await page.close();
  });
});
