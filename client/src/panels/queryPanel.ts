// The query results panel: one webview per source document, beside it. Runs the query through the
// language server (`monitoring/runQuery`), one request at a time (a new run or closing the panel
// cancels the one in flight), and answers the webview's requests: another range, refresh, auto
// refresh, export. Messages follow webview/src/protocol.ts.
import * as vscode from 'vscode';
import type { FromWebview, TimeRange, ToWebview } from '../../../webview/src/protocol';
import { saveExport } from './exportFile';
import type { LspRange, QueryDiagnostics } from './queryDiagnostics';
import { openBundlePanel } from './bundlePanel';

/** What to run: the expression at a document position, or a given expression from a document. */
export interface QueryTarget {
  uri: vscode.Uri;
  position?: { line: number; character: number };
  expr?: string;
  /** Where `expr` starts in the document, to place a syntax error Prometheus reports. */
  exprStart?: vscode.Position;
}

export interface RunOptions {
  range?: TimeRange;
  mode?: 'range' | 'instant';
}

export interface Requester {
  sendRequest<R>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<R>;
}

type ServerAnswer = ToWebview & { fileRange?: LspRange; errorRange?: { start: number; end: number } };

const DEFAULT_RANGE: TimeRange = { relative: '1h' };

class QueryPanel {
  readonly panel: vscode.WebviewPanel;
  target: QueryTarget;
  range: TimeRange = DEFAULT_RANGE;
  mode: 'range' | 'instant' = 'range';
  lastMessage?: ToWebview;
  rendered?: unknown;
  private running?: vscode.CancellationTokenSource;
  private autoRefresh?: NodeJS.Timeout;
  private disposed = false;

  constructor(
    target: QueryTarget,
    private readonly host: QueryPanels,
  ) {
    this.target = target;
    this.panel = openBundlePanel(host.extensionUri, {
      viewType: 'monitoring.queryResults',
      title: `Query: ${baseName(target.uri)}`,
      pageTitle: 'Query results',
      bundle: 'query',
    });
    this.panel.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m));
    this.panel.onDidDispose(() => this.dispose());
  }

  private post(msg: ToWebview): void {
    this.lastMessage = msg;
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  private async onMessage(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (this.lastMessage) void this.panel.webview.postMessage(this.lastMessage);
        return;
      case 'setRange':
        this.range = m.range;
        this.mode = m.mode;
        await this.run();
        return;
      case 'refresh':
        await this.run();
        return;
      case 'setAutoRefresh':
        this.setAutoRefresh(m.seconds);
        return;
      case 'export':
        await saveExport(m.format, m.fileName, m.content, this.target.uri);
        return;
      case 'rendered':
        this.rendered = m;
        return;
      case 'addToDashboard':
        await this.addToDashboard();
        return;
    }
  }

  /** "Add to dashboard…": pick a dashboard JSON file, insert a timeseries panel with the expression, show it. */
  async addToDashboard(): Promise<void> {
    const last = this.lastMessage;
    const expr = last?.expr || this.target.expr || '';
    if (!expr.trim()) {
      void vscode.window.showWarningMessage('Run a query first: there is no expression to add.');
      return;
    }
    const files = await vscode.workspace.findFiles('**/*.json', '**/node_modules/**', 500);
    const dashboards: vscode.Uri[] = [];
    for (const uri of files) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const text = open ? open.getText() : Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      if (text.includes('"panels"') || text.includes('"rows"')) dashboards.push(uri);
    }
    if (dashboards.length === 0) {
      void vscode.window.showWarningMessage('No dashboard JSON file (with "panels") in the workspace.');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      dashboards.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })).sort((a, b) => a.label.localeCompare(b.label)),
      { title: 'Add a timeseries panel to…', placeHolder: 'Dashboard JSON file' },
    );
    if (!picked) return;
    const legendFormat = last?.type === 'result' ? last.legendFormat : undefined;
    type Answer = { edit: { range: LspRange; newText: string }; panelRange: LspRange } | { error: string };
    let answer: Answer;
    try {
      answer = await this.host.server.sendRequest<Answer>('monitoring/addPanel', { uri: picked.uri.toString(), expr, legendFormat });
    } catch (e) {
      answer = { error: (e as Error)?.message ?? String(e) };
    }
    if ('error' in answer) {
      void vscode.window.showErrorMessage(`Cannot add the panel to ${picked.label}: ${answer.error}`);
      return;
    }
    const toRange = (r: LspRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(picked.uri, toRange(answer.edit.range), answer.edit.newText);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Cannot add the panel to ${picked.label}: the edit was not applied.`);
      return;
    }
    const panelRange = toRange(answer.panelRange);
    const editor = await vscode.window.showTextDocument(picked.uri, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Selection(panelRange.start, panelRange.start) });
    editor.revealRange(panelRange, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.host.lastAdded = { uri: picked.uri.toString(), range: answer.panelRange };
  }

  private setAutoRefresh(seconds: number): void {
    if (this.autoRefresh) clearInterval(this.autoRefresh);
    this.autoRefresh = undefined;
    if (Number.isFinite(seconds) && seconds > 0) this.autoRefresh = setInterval(() => void this.run(), Math.max(5, seconds) * 1000);
  }

  /** Runs the target again with the panel's range and mode; resolves with what the panel shows. */
  async run(): Promise<ToWebview | undefined> {
    if (this.disposed) return undefined;
    this.running?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.running = cts;
    const t = this.target;
    const expr = t.expr ?? (this.lastMessage?.expr || '');
    this.rendered = undefined;
    this.post({ type: 'loading', expr, datasource: this.host.datasourceName() });
    const params = {
      ...(t.expr !== undefined ? { expr: t.expr } : { uri: t.uri.toString(), position: t.position }),
      mode: this.mode,
      range: this.range,
    };
    let answer: ServerAnswer;
    try {
      answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Running query' }, () =>
        this.host.server.sendRequest<ServerAnswer>('monitoring/runQuery', params, cts.token),
      );
    } catch (e) {
      if (cts.token.isCancellationRequested) return undefined;
      answer = { type: 'error', expr, datasource: this.host.datasourceName(), kind: 'internal', message: (e as Error)?.message ?? String(e) };
    } finally {
      if (this.running === cts) this.running = undefined;
      cts.dispose();
    }
    // A newer run (or closing the panel) superseded this one.
    if (cts.token.isCancellationRequested || this.disposed) return undefined;
    this.showDiagnostic(answer);
    const { fileRange: _f, errorRange: _e, ...msg } = answer as ServerAnswer & Record<string, unknown>;
    this.post(msg as ToWebview);
    return msg as ToWebview;
  }

  private showDiagnostic(answer: ServerAnswer): void {
    const uri = this.target.uri;
    if (answer.type === 'result') {
      this.host.diagnostics.clear(uri);
      return;
    }
    if (answer.type !== 'error' || answer.kind !== 'syntax') return;
    let range = answer.fileRange;
    const start = this.target.exprStart;
    if (!range && answer.errorRange && start && this.target.expr !== undefined) {
      // A selection ran as a plain expression: its offsets are the selection's.
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (doc) {
        const base = doc.offsetAt(start);
        const at = (o: number) => doc.positionAt(base + o);
        range = { start: at(answer.errorRange.start), end: at(answer.errorRange.end) };
      }
    }
    if (range) this.host.diagnostics.report(uri, range, answer.message);
  }

  reveal(): void {
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.running?.cancel();
    if (this.autoRefresh) clearInterval(this.autoRefresh);
    this.host.forget(this);
    this.panel.dispose();
  }
}

export class QueryPanels implements vscode.Disposable {
  private readonly panels = new Map<string, QueryPanel>();
  /** For the integration tests: where "Add to dashboard…" last put a panel. */
  lastAdded?: { uri: string; range: LspRange };

  constructor(
    readonly extensionUri: vscode.Uri,
    readonly server: Requester,
    readonly diagnostics: QueryDiagnostics,
    readonly datasourceName: () => string,
  ) {}

  /** Opens (or reuses) the panel of the target's document and runs the query in it. */
  async show(target: QueryTarget, options: RunOptions = {}): Promise<ToWebview | undefined> {
    const key = target.uri.toString();
    let p = this.panels.get(key);
    const created = !p;
    if (p) {
      p.target = target;
      p.reveal();
    } else {
      p = new QueryPanel(target, this);
      this.panels.set(key, p);
    }
    if (options.range) p.range = options.range;
    if (options.mode) p.mode = options.mode;
    const shown = await p.run();
    // The cursor was not on an expression (e.g. the context menu in a plain YAML file): no panel for that.
    if (created && shown?.type === 'error' && shown.kind === 'no-expression') {
      p.dispose();
      void vscode.window.showInformationMessage('There is no PromQL expression at the cursor: put it on one, or select one, to run it.');
    }
    return shown;
  }

  /** For the integration tests: each panel's document, last message sent and last render report. */
  list(): Array<{ uri: string; lastMessage?: unknown; rendered?: unknown }> {
    return [...this.panels.entries()].map(([uri, p]) => ({ uri, lastMessage: p.lastMessage, rendered: p.rendered }));
  }

  /** What the panel's "Add to dashboard…" button does (for the integration tests, which cannot click in a webview). */
  async addToDashboard(uri: string): Promise<void> {
    await this.panels.get(uri)?.addToDashboard();
  }

  forget(p: QueryPanel): void {
    for (const [k, v] of this.panels) if (v === p) this.panels.delete(k);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
  }
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}
