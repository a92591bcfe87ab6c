// The dashboard preview: one webview per dashboard document, beside it. Asks the language server
// for the dashboard with its variables resolved (`monitoring/dashboardPreview`), posts it to the
// webview, which lays it out and says which panels are visible and how wide; those are queried
// (`monitoring/panelQuery`, at most 4 at a time, panelQueries.ts) unless nothing they depend on
// changed. Header choices (variables, time, refresh) and edits of the document (debounced) ask for
// the preview again; a click on a panel reveals its JSON. Messages follow webview/src/dashboardProtocol.ts.
import * as vscode from 'vscode';
import type {
  DashboardPreviewParams,
  DashboardPreviewResult,
  FromDashboardWebview,
  JsonPath,
  PanelKey,
  PanelQueryResult,
  ToDashboardWebview,
} from '../../../webview/src/dashboardProtocol';
import { PanelQueryQueue, previewPanelJobs } from './panelQueries';
import { DashboardMessages, dashboardOfText, layoutNeutral } from '../../../webview/src/dashboard/patch';
import type { Requester } from './queryPanel';
import { openBundlePanel } from './bundlePanel';
import { grafanaIntervalToMs } from '../../../server/src/grafana/builtins';

const EDIT_DEBOUNCE_MS = 300;
const NOT_OPEN_RETRIES = 10;
const NOT_OPEN_RETRY_MS = 200;
/** Grafana's own floor for auto refresh (min_refresh_interval). */
const MIN_AUTO_REFRESH_MS = 5000;

type Rendered = Extract<FromDashboardWebview, { type: 'rendered' }>;
type VisiblePanel = Extract<FromDashboardWebview, { type: 'visiblePanels' }>['panels'][number];

export interface DashboardShowOptions {
  /** The panel to show alone (the "Preview panel" code lens), or all (null/undefined). */
  path?: JsonPath | null;
  /** A time range for the preview (tests use absolute ms). */
  time?: { from: string; to: string };
}

export interface DashboardPanelInfo {
  uri: string;
  rendered?: Rendered;
  queries: number;
  queriesByKey: Record<PanelKey, number>;
  /** How many times the page loaded (it reloads when shown again after being hidden). */
  pageLoads: number;
  /** The last preview the server answered (for test failure messages). */
  preview?: DashboardPreviewResult;
}

class DashboardPanel {
  readonly panel: vscode.WebviewPanel;
  /** Variable selections made in the header; they survive re-renders and edits. */
  selections: Record<string, string | string[]> = {};
  /** The time range chosen in the header (or by a caller); undefined = the dashboard's own. */
  time?: { from: string; to: string };
  focus: PanelKey | null = null;
  /** The focus is still to be sent to the page with the next dashboard. */
  private focusPending = false;
  rendered?: Rendered;
  pageLoads = 0;
  /** The last preview without error: what panels are queried against. */
  preview?: DashboardPreviewResult;
  /** The last preview answered, with or without error. */
  lastAnswer?: DashboardPreviewResult;
  readonly queue: PanelQueryQueue<PanelQueryResult>;
  private lastVisible: VisiblePanel[] = [];
  private previewRun?: vscode.CancellationTokenSource;
  private previewSeq = 0;
  /** `dashboard` messages: after the first, what changed since the dashboard the page holds. */
  private readonly dashboardMessages = new DashboardMessages();
  private editTimer?: NodeJS.Timeout;
  private autoRefresh?: { every: string; timer: NodeJS.Timeout };
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly uri: vscode.Uri,
    private readonly host: DashboardPanels,
  ) {
    this.panel = openBundlePanel(host.extensionUri, {
      viewType: 'monitoring.dashboardPreview',
      title: `Preview: ${baseName(uri)}`,
      pageTitle: 'Dashboard preview',
      bundle: 'dashboard',
    });
    const webview = this.panel.webview;
    this.queue = new PanelQueryQueue<PanelQueryResult>(
      {
        loading: (key) => this.post({ type: 'panelLoading', key }),
        done: (key, result) => this.post({ type: 'panelData', key, result }),
        failed: (key, message) => this.post({ type: 'panelError', key, message }),
      },
    );
    this.subscriptions.push(
      webview.onDidReceiveMessage((m: FromDashboardWebview) => void this.onMessage(m)),
      this.panel.onDidDispose(() => this.dispose()),
      vscode.window.onDidChangeActiveColorTheme(() => {
        if (this.lastAnswer) this.postDashboard(this.lastAnswer);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString() && e.contentChanges.length > 0) this.documentEdited();
      }),
    );
  }

  private post(msg: ToDashboardWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  private async onMessage(m: FromDashboardWebview): Promise<void> {
    if (!m || typeof m !== 'object') return;
    switch (m.type) {
      case 'ready':
        // A new page (first load, or shown again after being hidden): it holds nothing yet.
        this.pageLoads++;
        this.queue.webviewReloaded();
        this.dashboardMessages.reset();
        this.focusPending = true;
        // The last good dashboard, then what is wrong with the document now, if anything.
        if (this.preview) this.postDashboard(this.preview);
        if (this.lastAnswer && this.lastAnswer !== this.preview) this.postDashboard(this.lastAnswer);
        // The answer in flight is posted when it comes.
        if (!this.lastAnswer && !this.previewRun) await this.loadPreview();
        return;
      case 'visiblePanels':
        this.lastVisible = Array.isArray(m.panels) ? m.panels : [];
        this.queryVisible();
        return;
      case 'setVariable':
        if (typeof m.name !== 'string' || !(typeof m.value === 'string' || (Array.isArray(m.value) && m.value.every((v) => typeof v === 'string')))) return;
        this.selections = { ...this.selections, [m.name]: m.value };
        await this.loadPreview({ requery: true });
        return;
      case 'setTime':
        if (typeof m.from !== 'string' || typeof m.to !== 'string') return;
        this.time = { from: String(m.from), to: String(m.to) };
        await this.loadPreview({ requery: true });
        return;
      case 'refresh':
        this.queue.invalidate();
        await this.loadPreview({ requery: true, refresh: true });
        return;
      case 'revealPanel':
        await this.host.revealPanel(this.uri, m.path);
        return;
      case 'rendered':
        this.rendered = m;
        return;
    }
  }

  private documentEdited(): void {
    if (this.editTimer) clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => {
      this.editTimer = undefined;
      void this.loadPreview();
    }, EDIT_DEBOUNCE_MS);
  }

  /**
   * Asks the server for the preview and posts it. With `requery`, the panels visible last are
   * checked at once (the layout did not change: a variable, the time or a refresh); otherwise the
   * webview's next `visiblePanels` decides; with `refresh`, the server evaluates the variables again.
   * Resolves with the answer, unless a newer one superseded it.
   */
  async loadPreview(opts: { requery?: boolean; refresh?: boolean } = {}): Promise<DashboardPreviewResult | undefined> {
    if (this.disposed) return undefined;
    this.previewRun?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.previewRun = cts;
    const seq = ++this.previewSeq;
    // The document is plain JSON (as a rule): parse it here rather than have the server build the
    // whole dashboard and send it back.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString());
    const parsed = doc ? dashboardOfText(doc.getText()) : undefined;
    const params: DashboardPreviewParams = {
      uri: this.uri.toString(), selections: this.selections, ...(this.time ? { time: this.time } : {}),
      ...(parsed ? { omitDashboard: true } : {}), ...(opts.refresh ? { refresh: true } : {}),
    };
    let answer: DashboardPreviewResult;
    try {
      let got: DashboardPreviewResult | null = null;
      // null: the server has not been told about the document yet (it was just opened).
      for (let attempt = 0; attempt < NOT_OPEN_RETRIES && !cts.token.isCancellationRequested; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, NOT_OPEN_RETRY_MS));
        got = await this.host.server.sendRequest<DashboardPreviewResult | null>('monitoring/dashboardPreview', params, cts.token);
        if (got) break;
      }
      if (!got) throw new Error('the language server does not have the document open (is it a JSON file on disk?)');
      answer = !got.error && got.dashboard === undefined && parsed ? { ...got, dashboard: parsed } : got;
    } catch (e) {
      if (cts.token.isCancellationRequested || this.disposed) return undefined;
      answer = {
        title: baseName(this.uri),
        time: this.time ?? { from: 'now-6h', to: 'now' },
        range: { startMs: Date.now() - 6 * 3600_000, endMs: Date.now() },
        variables: [],
        error: { message: `The preview failed: ${(e as Error)?.message ?? String(e)}`, line: 0, character: 0 },
      };
    } finally {
      if (this.previewRun === cts) this.previewRun = undefined;
      cts.dispose();
    }
    if (seq !== this.previewSeq || this.disposed) return undefined;
    this.lastAnswer = answer;
    if (!answer.error) this.preview = answer;
    const posted = this.postDashboard(answer);
    // An edit inside panels only (not their place, size, rows or repeats): the panels visible and
    // their widths stay, so the changed ones are queried now, not after the webview reports again.
    if (!opts.requery && !answer.error && posted?.patch && layoutNeutral(posted.patch.changes)) this.queryVisible();
    this.setAutoRefresh(answer.error ? this.autoRefresh?.every : answer.refresh);
    if (opts.requery && !answer.error) this.queryVisible();
    return answer;
  }

  private postDashboard(preview: DashboardPreviewResult): Extract<ToDashboardWebview, { type: 'dashboard' }> | undefined {
    const kind = vscode.window.activeColorTheme.kind;
    const light = kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight;
    // The focus first, so the page lays out (and asks for) that panel only. Once per page: its
    // "show all" button clears it there.
    if (this.focusPending && this.focus !== null) this.post({ type: 'focusPanel', key: this.focus });
    this.focusPending = false;
    // After an edit, what changed (one panel's member) rather than the whole dashboard again.
    const msg = this.dashboardMessages.message(preview, light ? 'light' : 'dark');
    if (this.disposed) return undefined;
    void this.panel.webview.postMessage(msg).then((delivered) => {
      if (!delivered) this.dashboardMessages.notDelivered(msg.seq);
    });
    return msg;
  }

  setFocus(path: JsonPath | null | undefined): void {
    const key = Array.isArray(path) ? JSON.stringify(path) : null;
    const changed = key !== this.focus;
    this.focus = key;
    if (!changed) return;
    if (this.lastAnswer) this.post({ type: 'focusPanel', key });
    else this.focusPending = true;
  }

  /** Queries the visible panels whose inputs changed since their last query. */
  private queryVisible(): void {
    const preview = this.preview;
    if (!preview || this.disposed) return;
    const state = { uri: this.uri.toString(), selections: this.selections, time: this.time };
    const jobs = previewPanelJobs<PanelQueryResult>(this.lastVisible, preview, state, (params) => {
      const cts = new vscode.CancellationTokenSource();
      const promise = Promise.resolve(this.host.server.sendRequest<PanelQueryResult>('monitoring/panelQuery', params, cts.token)).finally(() => cts.dispose());
      return { promise, cancel: { cancel: () => cts.cancel() } };
    });
    this.queue.want(jobs);
  }

  /** Grafana's dashboard `refresh` ('30s', '1m', ...): re-runs the preview and every visible panel. */
  private setAutoRefresh(every: string | undefined): void {
    if (this.autoRefresh?.every === every) return;
    if (this.autoRefresh) clearInterval(this.autoRefresh.timer);
    this.autoRefresh = undefined;
    // Grafana reads `refresh` with rangeutil's intervalToMs.
    const ms = every ? grafanaIntervalToMs(every) : undefined;
    if (!every || ms === undefined || !(ms > 0)) return;
    const timer = setInterval(() => {
      if (!this.panel.visible) return;
      this.queue.invalidate();
      void this.loadPreview({ requery: true, refresh: true });
    }, Math.max(MIN_AUTO_REFRESH_MS, ms));
    this.autoRefresh = { every, timer };
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  info(): DashboardPanelInfo {
    return { uri: this.uri.toString(), rendered: this.rendered, queries: this.queue.queries, queriesByKey: { ...this.queue.queriesByKey }, pageLoads: this.pageLoads, preview: this.lastAnswer };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.previewRun?.cancel();
    this.queue.dispose();
    if (this.editTimer) clearTimeout(this.editTimer);
    if (this.autoRefresh) clearInterval(this.autoRefresh.timer);
    for (const s of this.subscriptions) s.dispose();
    this.host.forget(this);
    this.panel.dispose();
  }
}

export class DashboardPanels implements vscode.Disposable {
  private readonly panels = new Map<string, DashboardPanel>();

  constructor(
    readonly extensionUri: vscode.Uri,
    readonly server: Requester,
  ) {}

  /** Opens (or reuses) the preview of a dashboard document; resolves with the server's preview. */
  async show(uri: vscode.Uri, options: DashboardShowOptions = {}): Promise<DashboardPreviewResult | undefined> {
    const key = uri.toString();
    let p = this.panels.get(key);
    if (p) p.reveal();
    else {
      p = new DashboardPanel(uri, this);
      this.panels.set(key, p);
    }
    p.setFocus(options.path);
    if (options.time) {
      p.time = options.time;
      return p.loadPreview({ requery: true });
    }
    return p.lastAnswer ?? p.loadPreview();
  }

  /** Re-asks every open preview (e.g. another data source is active). */
  reloadAll(): void {
    for (const p of this.panels.values()) void p.loadPreview({ requery: true });
  }

  /** Selects a panel's JSON in the editor showing the document (or opens it). */
  async revealPanel(uri: vscode.Uri, path: JsonPath): Promise<void> {
    if (!Array.isArray(path)) return;
    let answer: { range?: { start: { line: number; character: number }; end: { line: number; character: number } } } | null;
    try {
      answer = await this.server.sendRequest('monitoring/panelRange', { uri: uri.toString(), path });
    } catch {
      return;
    }
    const r = answer?.range;
    if (!r) return;
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const doc = shown?.document ?? (await vscode.workspace.openTextDocument(uri));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** For the integration tests. */
  list(): DashboardPanelInfo[] {
    return [...this.panels.values()].map((p) => p.info());
  }

  forget(p: DashboardPanel): void {
    for (const [k, v] of this.panels) if (v === p) this.panels.delete(k);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
  }
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}
