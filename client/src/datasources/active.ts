// Which data source is in use: the user's pick from the status bar (kept per workspace in
// workspaceState) over `monitoring.defaultDatasource` over the first configured one.
import * as vscode from 'vscode';
import { readDatasources, resolveActiveDatasource, type DataSourceSettings } from '../config';

const KEY = 'monitoring.activeDatasource';

export class ActiveDatasource implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the user picks another data source. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  /** The name picked in the status bar for this workspace, if any. */
  get chosen(): string | undefined {
    return this.state.get<string>(KEY);
  }

  current(): DataSourceSettings | undefined {
    return resolveActiveDatasource(this.chosen);
  }

  /** `monitoring.selectDatasource`: a quick pick of the configured data sources. */
  async select(): Promise<void> {
    const list = readDatasources();
    if (list.length === 0) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'monitoring.datasources');
      return;
    }
    const current = this.current()?.name;
    const items = list.map((d) => ({ label: d.name, description: d.url, detail: d.name === current ? 'in use' : undefined, name: d.name }));
    const pick = await vscode.window.showQuickPick(items, { title: 'Data source for queries, completion and previews', placeHolder: current });
    if (!pick || pick.name === current) return;
    await this.state.update(KEY, pick.name);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
