// Activation: start the language client for PromQL wherever it lives (.promql files, rule files,
// dashboards) and keep the server's settings in step. Nothing else happens here.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SECTION, serverSettings } from './config';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // The server decides which YAML/JSON files hold PromQL (rule files, dashboards).
    documentSelector: [
      { language: 'promql' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
    ],
    initializationOptions: serverSettings(),
  };
  client = new LanguageClient('monitoring-as-code', 'Monitoring as Code', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION) && client) {
        void client.sendNotification('workspace/didChangeConfiguration', { settings: serverSettings() });
      }
    }),
    vscode.commands.registerCommand('monitoring.restartLanguageServer', () => client?.restart()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
