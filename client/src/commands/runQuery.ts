// `monitoring.runQuery(uri?, position?, options?)`: from a code lens (document and position of
// the expression), or from the active editor (the selection if any, else the expression at the
// cursor). `options` ({ range?, mode? }) sets the panel's time range, e.g. an absolute one.
import * as vscode from 'vscode';
import { readDatasources } from '../config';
import type { QueryPanels, QueryTarget, RunOptions } from '../panels/queryPanel';

type PositionLike = { line: number; character: number };

export async function runQueryCommand(panels: QueryPanels, uri?: string | vscode.Uri, position?: PositionLike, options?: RunOptions): Promise<unknown> {
  if (readDatasources().length === 0) {
    const add = 'Add data source';
    const answer = await vscode.window.showWarningMessage('No Prometheus data source is configured: add one to monitoring.datasources to run queries.', add);
    if (answer === add) await vscode.commands.executeCommand('workbench.action.openSettings', 'monitoring.datasources');
    return undefined;
  }
  const target = uri ? fromArguments(uri, position) : fromEditor(vscode.window.activeTextEditor);
  if (!target) {
    void vscode.window.showInformationMessage('Put the cursor on a PromQL expression (or select one) to run it.');
    return undefined;
  }
  return panels.show(target, sanitize(options));
}

function fromArguments(uri: string | vscode.Uri, position?: PositionLike): QueryTarget | undefined {
  const u = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  if (position && typeof position.line === 'number' && typeof position.character === 'number') {
    return { uri: u, position: { line: position.line, character: position.character } };
  }
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === u.toString());
  return editor ? fromEditor(editor) : undefined;
}

function fromEditor(editor: vscode.TextEditor | undefined): QueryTarget | undefined {
  if (!editor) return undefined;
  const { document, selection } = editor;
  if (!selection.isEmpty) {
    const expr = document.getText(selection);
    if (expr.trim() !== '') return { uri: document.uri, expr, exprStart: selection.start };
  }
  const p = selection.active;
  return { uri: document.uri, position: { line: p.line, character: p.character } };
}

/** Only what the panel understands, from an argument anyone can pass (keybindings, URIs). */
function sanitize(o: RunOptions | undefined): RunOptions {
  if (!o || typeof o !== 'object') return {};
  const out: RunOptions = {};
  if (o.mode === 'range' || o.mode === 'instant') out.mode = o.mode;
  const r = o.range;
  if (r && typeof r === 'object') {
    if (typeof r.startMs === 'number' && typeof r.endMs === 'number' && r.endMs > r.startMs) out.range = { startMs: r.startMs, endMs: r.endMs };
    else if (typeof r.relative === 'string') out.range = { relative: r.relative };
  }
  return out;
}
