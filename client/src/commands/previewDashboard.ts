// `monitoring.previewDashboard(uri?, path?, options?)`: from the editor title button or the
// palette (the active editor's JSON document), or from the server's "Preview panel" code lens
// (the document and the panel's JSON path: that panel alone). `options` ({ time?: { from, to } })
// sets the preview's time range, e.g. absolute ms for the tests.
import * as vscode from 'vscode';
import type { DashboardPreviewResult, JsonPath } from '../../../webview/src/dashboardProtocol';
import type { DashboardPanels, DashboardShowOptions } from '../panels/dashboardPanel';

const JSON_LANGUAGES = new Set(['json', 'jsonc']);

export async function previewDashboardCommand(panels: DashboardPanels, uri?: unknown, path?: unknown, options?: unknown): Promise<DashboardPreviewResult | undefined> {
  const target = uri ? toUri(uri) : vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void vscode.window.showInformationMessage('Open a Grafana dashboard JSON file to preview it.');
    return undefined;
  }
  // Opening it tells the language server about it, if no editor has it yet.
  const doc = await vscode.workspace.openTextDocument(target);
  if (!JSON_LANGUAGES.has(doc.languageId)) {
    void vscode.window.showInformationMessage(`${baseName(target)} is not a JSON file: only Grafana dashboard JSON can be previewed.`);
    return undefined;
  }
  return panels.show(doc.uri, sanitize(path, options));
}

function toUri(u: unknown): vscode.Uri | undefined {
  if (u instanceof vscode.Uri) return u;
  if (typeof u === 'string' && u !== '') return vscode.Uri.parse(u);
  return undefined;
}

/** Only what the preview understands, from arguments anyone can pass (keybindings, URIs). */
function sanitize(path: unknown, options: unknown): DashboardShowOptions {
  const out: DashboardShowOptions = { path: null };
  if (Array.isArray(path) && path.length > 0 && path.every((p) => typeof p === 'string' || (typeof p === 'number' && Number.isInteger(p)))) {
    out.path = path as JsonPath;
  }
  const time = (options as { time?: { from?: unknown; to?: unknown } } | undefined)?.time;
  if (time && typeof time === 'object' && ['string', 'number'].includes(typeof time.from) && ['string', 'number'].includes(typeof time.to)) {
    out.time = { from: String(time.from), to: String(time.to) };
  }
  return out;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}
