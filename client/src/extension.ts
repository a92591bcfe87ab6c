// Activation: start the language client for PromQL wherever it lives (.promql files, rule files,
// dashboards), keep the server's settings and data-source credentials in step, and wire the query
// commands, the results panels and the data-source status bar item.
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/processFlags';
import { previewDashboardCommand } from './commands/previewDashboard';
import { runQueryCommand } from './commands/runQuery';
import { SECTION, serverSettings } from './config';
import { ActiveDatasource } from './datasources/active';
import { DatasourceSecrets } from './datasources/secrets';
import { DatasourceStatusBar } from './datasources/statusBar';
import { DashboardPanels, type DashboardPanelInfo } from './panels/dashboardPanel';
import { QueryDiagnostics } from './panels/queryDiagnostics';
import { QueryPanels } from './panels/queryPanel';

let client: LanguageClient | undefined;

/** What `activate` returns: read by the integration tests (client/src/test/suite). */
export interface TestApi {
  queryPanels(): Array<{ uri: string; lastMessage?: unknown; rendered?: unknown }>;
  /** What the query panel's "Add to dashboard…" button does, for the panel of this document. */
  addToDashboard(uri: string): Promise<void>;
  lastAddedPanel(): { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } } | undefined;
  dashboardPanels(): DashboardPanelInfo[];
  statusBar(): { text: string; tooltip: string; last?: unknown };
  refreshStatusBar(): Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<TestApi> {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009', ...SERVER_NODE_FLAGS] } },
  };
  const active = new ActiveDatasource(context.workspaceState);
  const clientOptions: LanguageClientOptions = {
    // The server decides which YAML/JSON files hold PromQL (rule files, dashboards).
    documentSelector: [
      { language: 'promql' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
    ],
    // A function: a restarted server gets the settings of the moment.
    initializationOptions: () => serverSettings(active.chosen),
  };
  const lc = new LanguageClient('monitoring-as-code', 'Monitoring as Code', serverOptions, clientOptions);
  client = lc;
  const statusBar = new DatasourceStatusBar(lc, active);
  const secrets = new DatasourceSecrets(context.secrets, lc, () => void statusBar.refresh());
  const diagnostics = new QueryDiagnostics();
  const panels = new QueryPanels(context.extensionUri, lc, diagnostics, () => active.current()?.name ?? '');
  const dashboards = new DashboardPanels(context.extensionUri, lc);

  const sendSettings = async (): Promise<void> => {
    if (lc.state !== State.Running) return;
    await lc.sendNotification('workspace/didChangeConfiguration', { settings: serverSettings(active.chosen) });
    // New data source names may have secrets stored already.
    await secrets.send();
    await statusBar.refresh();
    // Another data source (or other variables from it): open previews ask again.
    dashboards.reloadAll();
  };
  context.subscriptions.push(
    active,
    secrets,
    statusBar,
    diagnostics,
    panels,
    dashboards,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) void sendSettings();
    }),
    // Trusting the workspace brings its own data sources into play.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void sendSettings()),
    active.onDidChange(() => void sendSettings()),
    // After a restart the server has forgotten the credentials.
    lc.onDidChangeState((e) => {
      if (e.newState === State.Running) void secrets.send().then(() => statusBar.refresh());
    }),
    vscode.commands.registerCommand('monitoring.restartLanguageServer', () => lc.restart()),
    vscode.commands.registerCommand('monitoring.runQuery', (uri?, position?, options?) => runQueryCommand(panels, uri, position, options)),
    vscode.commands.registerCommand('monitoring.previewDashboard', (uri?, path?, options?) => previewDashboardCommand(dashboards, uri, path, options)),
    vscode.commands.registerCommand('monitoring.selectDatasource', () => active.select()),
    vscode.commands.registerCommand('monitoring.setDatasourceCredentials', () => secrets.set()),
    vscode.commands.registerCommand('monitoring.clearDatasourceCredentials', () => secrets.clear()),
  );
  await lc.start();
  await secrets.send();
  void statusBar.refresh();
  return {
    queryPanels: () => panels.list(),
    addToDashboard: (uri) => panels.addToDashboard(uri),
    lastAddedPanel: () => panels.lastAdded,
    dashboardPanels: () => dashboards.list(),
    statusBar: () => statusBar.snapshot(),
    refreshStatusBar: () => statusBar.refresh(),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
