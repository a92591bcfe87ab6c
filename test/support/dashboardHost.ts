// The dashboard preview end to end outside VS Code, for tests: the real language server over stdio,
// the dashboard webview bundle in a Chromium page, and between them a host that does what
// client/src/panels/dashboardPanel.ts does (minus vscode): asks `monitoring/dashboardPreview`, posts
// `dashboard`, queries the panels the page says are visible through panelQueries.ts's previewPanelJobs and
// PanelQueryQueue (at most 4 at a time, only what changed), and answers the header's setVariable,
// setTime and refresh and a click's revealPanel. (bench/dashboard.bench.mjs plays the same host
// with its own timings.)
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { PanelQueryQueue, previewPanelJobs } from '../../client/src/panels/panelQueries';
import type {
  DashboardPreviewParams,
  DashboardPreviewResult,
  FromDashboardWebview,
  JsonPath,
  PanelKey,
  PanelQueryResult,
  ToDashboardWebview,
} from '../../webview/src/dashboardProtocol';
import { forwardPostsTo, type THEMES, type WebviewServer } from './webviewHarness';

// __filename, not __dirname: tsx gives ESM importers (the benchmarks) a wrong __dirname.
const ROOT = path.join(path.dirname(__filename), '../..');
const SERVER_JS = path.join(ROOT, 'server/out/server.js');

export type Rendered = Extract<FromDashboardWebview, { type: 'rendered' }>;
export type RenderedPanel = Rendered['panels'][number];
type Visible = Extract<FromDashboardWebview, { type: 'visiblePanels' }>['panels'];

export interface LanguageServer {
  conn: MessageConnection;
  /** What the server wrote to stderr (for failure messages). */
  stderr(): string;
  open(uri: string, text: string, languageId?: string): void;
  stop(): Promise<void>;
}

/** `node server/out/server.js --stdio` with these data sources, as the client's initializationOptions send them. */
export async function startLanguageServer(datasources: Array<{ name: string; url: string }>): Promise<LanguageServer> {
  const proc: ChildProcessWithoutNullStreams = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: ROOT });
  let stderr = '';
  proc.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-8000)));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { monitoring: { datasources } } });
  await conn.sendNotification('initialized', {});
  let version = 1;
  return {
    conn,
    stderr: () => stderr,
    open: (uri, text, languageId = 'json') => void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: version++, text } }),
    stop: async () => {
      try {
        await conn.sendRequest('shutdown');
        await conn.sendNotification('exit');
      } catch {
        proc.kill();
      }
      await exited;
      conn.dispose();
    },
  };
}

export interface HostOptions {
  /** The time range picked (DashboardShowOptions.time); default the dashboard's own. */
  time?: { from: string; to: string };
  /** The editor theme the host tells the page (VS Code's colour theme kind). */
  theme?: 'light' | 'dark';
  timeoutMs?: number;
}

/** The panel host for one page and one dashboard document. */
export class DashboardHost {
  selections: Record<string, string | string[]> = {};
  time?: { from: string; to: string };
  /** The last preview without error. */
  preview?: DashboardPreviewResult;
  readonly queue: PanelQueryQueue<PanelQueryResult>;
  /** Every message from the page, in order, with its arrival time. */
  readonly inbox: Array<{ t: number; m: FromDashboardWebview }> = [];
  /** The last result posted per panel key (what the page drew from). */
  readonly results = new Map<PanelKey, PanelQueryResult>();
  readonly errors = new Map<PanelKey, string>();
  /** Panels whose query is queued or running. */
  readonly pending = new Set<PanelKey>();
  /** What `revealPanel` selected: the server's range for the clicked panel. */
  readonly revealed: Array<{ path: JsonPath; range: unknown }> = [];
  private lastVisible: Visible = [];
  private previews = 0;
  private lastChange = 0;
  private readonly waiters: Array<{ test: (m: FromDashboardWebview, t: number) => boolean; resolve: (x: { t: number; m: FromDashboardWebview }) => void }> = [];
  private readonly timeoutMs: number;

  constructor(
    readonly lsp: LanguageServer,
    readonly page: Page,
    readonly uri: string,
    private readonly options: HostOptions = {},
  ) {
    this.time = options.time;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.queue = new PanelQueryQueue<PanelQueryResult>(
      {
        loading: (key) => {
          this.pending.add(key);
          void this.post({ type: 'panelLoading', key });
        },
        done: (key, result) => {
          this.results.set(key, result);
          this.errors.delete(key);
          void this.post({ type: 'panelData', key, result }).finally(() => this.settle(key));
        },
        failed: (key, message) => {
          this.errors.set(key, message);
          void this.post({ type: 'panelError', key, message }).finally(() => this.settle(key));
        },
      },
    );
  }

  private settle(key: PanelKey): void {
    this.pending.delete(key);
    this.lastChange = performance.now();
  }

  /** Delivers a message as VS Code does: serialized, then a `message` event in the page. */
  async post(msg: ToDashboardWebview): Promise<void> {
    this.lastChange = performance.now();
    await this.page.evaluate((s) => window.dispatchEvent(new MessageEvent('message', { data: JSON.parse(s) })), JSON.stringify(msg));
  }

  /** Everything the page posts (wired by openDashboardPage). */
  receive(m: FromDashboardWebview): void {
    const t = performance.now();
    this.inbox.push({ t, m });
    void this.onMessage(m);
    for (const w of [...this.waiters]) {
      if (w.test(m, t)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve({ t, m });
      }
    }
  }

  private async onMessage(m: FromDashboardWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.queue.webviewReloaded();
        if (this.preview) await this.postDashboard();
        else await this.loadPreview();
        return;
      case 'visiblePanels': {
        this.lastVisible = m.panels;
        const keys = new Set(m.panels.map((p) => p.key));
        for (const k of [...this.pending]) if (!keys.has(k)) this.pending.delete(k);
        this.queryVisible();
        return;
      }
      case 'setVariable':
        this.selections = { ...this.selections, [m.name]: m.value };
        await this.loadPreview({ requery: true });
        return;
      case 'setTime':
        this.time = { from: m.from, to: m.to };
        await this.loadPreview({ requery: true });
        return;
      case 'refresh':
        this.queue.invalidate();
        await this.loadPreview({ requery: true, refresh: true });
        return;
      case 'revealPanel': {
        const r = await this.lsp.conn.sendRequest<{ range: unknown } | null>('monitoring/panelRange', { uri: this.uri, path: m.path });
        this.revealed.push({ path: m.path, range: r?.range });
        return;
      }
    }
  }

  /** Asks the server for the preview and posts it (dashboardPanel.ts loadPreview). */
  async loadPreview(opts: { requery?: boolean; refresh?: boolean } = {}): Promise<DashboardPreviewResult> {
    this.previews++;
    try {
      const params: DashboardPreviewParams = { uri: this.uri, selections: this.selections, ...(this.time ? { time: this.time } : {}), ...(opts.refresh ? { refresh: true } : {}) };
      const p = await this.lsp.conn.sendRequest<DashboardPreviewResult | null>('monitoring/dashboardPreview', params);
      if (!p) throw new Error(`the server does not have ${this.uri} open`);
      if (!p.error) this.preview = p;
      await this.post({ type: 'dashboard', preview: p, theme: this.theme() });
      if (opts.requery && !p.error) this.queryVisible();
      return p;
    } finally {
      this.previews--;
      this.lastChange = performance.now();
    }
  }

  private async postDashboard(): Promise<void> {
    await this.post({ type: 'dashboard', preview: this.preview!, theme: this.theme() });
  }

  private theme(): 'light' | 'dark' | undefined {
    return this.options.theme;
  }

  private queryVisible(): void {
    const preview = this.preview;
    if (!preview) return;
    const jobs = previewPanelJobs<PanelQueryResult>(this.lastVisible, preview, { uri: this.uri, selections: this.selections, time: this.time }, (params) => {
      // A newer query of the panel cancels this one, as the extension's does.
      const cts = new CancellationTokenSource();
      const promise = this.lsp.conn.sendRequest<PanelQueryResult>('monitoring/panelQuery', params, cts.token).finally(() => cts.dispose());
      return { promise, cancel: { cancel: () => cts.cancel() } };
    });
    this.queue.want(jobs);
  }

  /** The first message from the page after `since` (default: any) that passes `test`. */
  waitFor(what: string, test: (m: FromDashboardWebview, t: number) => boolean, since = 0): Promise<{ t: number; m: FromDashboardWebview }> {
    const hit = this.inbox.find((x) => x.t >= since && test(x.m, x.t));
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.findIndex((w) => w.resolve === done), 1);
        reject(new Error(`timed out waiting for ${what}; last messages: ${JSON.stringify(this.inbox.slice(-2).map((x) => x.m)).slice(0, 2000)}\nserver stderr: ${this.lsp.stderr().slice(-2000)}`));
      }, this.timeoutMs);
      const done = (x: { t: number; m: FromDashboardWebview }): void => {
        clearTimeout(timer);
        resolve(x);
      };
      this.waiters.push({ test, resolve: done });
    });
  }

  /** Nothing in flight: no preview request, no panel query, nothing being posted. */
  get idle(): boolean {
    return this.previews === 0 && this.pending.size === 0 && this.queue.inFlight === 0;
  }

  /**
   * The page's report once everything settled: the host idle and a `rendered` report that came
   * after the last message posted to the page (and after `since`, a performance.now() taken before
   * an action in the page).
   */
  async settled(since = 0): Promise<Rendered> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      let last: { t: number; m: FromDashboardWebview } | undefined;
      for (const x of this.inbox) if (x.m.type === 'rendered') last = x;
      if (this.idle && last && last.t > this.lastChange && last.t > since) return last.m as Rendered;
      if (Date.now() > deadline) {
        throw new Error(`the preview did not settle: pending ${[...this.pending].join(', ')}; in flight ${this.queue.inFlight}; previews ${this.previews}\nserver stderr: ${this.lsp.stderr().slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export interface DashboardPage {
  page: Page;
  host: DashboardHost;
  /** Uncaught errors in the page. */
  errors: string[];
  /** Content-Security-Policy violations reported by the page. */
  violations: string[];
}

/**
 * A new page showing the dashboard webview bundle in a theme, wired to a new host for `uri`
 * (already open in the server). The host loads the preview when the page says `ready`.
 */
export async function openDashboardPage(
  browser: Browser,
  web: WebviewServer,
  lsp: LanguageServer,
  uri: string,
  options: HostOptions & { theme: keyof typeof THEMES; viewport?: { width: number; height: number } },
): Promise<DashboardPage> {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  const errors: string[] = [];
  const violations: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const host = new DashboardHost(lsp, page, uri, options);
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await forwardPostsTo(page, (m: FromDashboardWebview) => host.receive(m));
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(e.violatedDirective + ' ' + e.blockedURI));`);
  await page.goto(web.pageUrl('dashboard', options.theme));
  return { page, host, errors, violations };
}
