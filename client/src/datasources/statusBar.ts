// The status bar item of the data source in use: its name and Prometheus version, or that it is
// unreachable (why, in the tooltip). Asks the language server (`monitoring/buildInfo`) at start, on
// settings changes and every minute; a click switches data source (or opens the settings).
import * as vscode from 'vscode';
import type { ActiveDatasource } from './active';

export type BuildInfoResult =
  | { datasource: string; url: string; ok: true; version: string }
  | { datasource: string; url: string; ok: false; message: string };

export interface Requester {
  sendRequest<R>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<R>;
}

export const REFRESH_MS = 60_000;

export class DatasourceStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('monitoring.datasource', vscode.StatusBarAlignment.Right, 100);
  private readonly timer: NodeJS.Timeout;
  private generation = 0;
  /** What the last refresh reported (for the integration tests). */
  last?: BuildInfoResult;

  constructor(
    private readonly server: Requester,
    private readonly active: ActiveDatasource,
  ) {
    this.item.name = 'Monitoring data source';
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const d = this.active.current();
    if (!d) {
      this.last = undefined;
      this.item.text = '$(database) No data source';
      this.item.tooltip = 'No Prometheus data source is configured: click to add one (monitoring.datasources).';
      this.item.command = { title: 'Add data source', command: 'workbench.action.openSettings', arguments: ['monitoring.datasources'] };
      this.item.show();
      return;
    }
    this.item.command = 'monitoring.selectDatasource';
    if (this.item.text === '' || this.item.text.includes('No data source')) this.item.text = `$(sync~spin) ${d.name}`;
    let info: BuildInfoResult;
    try {
      info = await this.server.sendRequest<BuildInfoResult>('monitoring/buildInfo', { datasource: d.name });
    } catch (e) {
      info = { datasource: d.name, url: d.url, ok: false, message: (e as Error)?.message ?? String(e) };
    }
    if (generation !== this.generation) return; // a newer refresh owns the item
    this.last = info;
    const name = info.datasource || d.name;
    // Plain text: URLs and server messages are shown as they are, never as markdown.
    const lines = [`${name} — ${info.url || d.url}`];
    if (info.ok) {
      this.item.text = `$(database) ${name} · ${info.version}`;
      lines.push(`Prometheus ${info.version}`);
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = `$(warning) ${name} unreachable`;
      lines.push(info.message);
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
    lines.push('Click to switch data source.');
    this.item.tooltip = lines.join('\n');
    this.item.show();
  }

  /** The item as shown (for the integration tests). */
  snapshot(): { text: string; tooltip: string; last?: BuildInfoResult } {
    const t = this.item.tooltip;
    return { text: this.item.text, tooltip: typeof t === 'string' ? t : (t?.value ?? ''), last: this.last };
  }

  dispose(): void {
    clearInterval(this.timer);
    this.item.dispose();
  }
}
