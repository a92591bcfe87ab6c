// A syntax error Prometheus reported for a query run from a document, shown on the document where
// it is; gone with the next successful run or the next edit of that document.
import * as vscode from 'vscode';

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export class QueryDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('monitoring-query');
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.collection.has(e.document.uri)) this.collection.delete(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
  }

  report(uri: vscode.Uri, range: LspRange, message: string): void {
    let r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    // Prometheus reports a position, not a span: underline the word there so it can be seen.
    if (r.isEmpty) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      r = doc?.getWordRangeAtPosition(r.start) ?? new vscode.Range(r.start, r.start.translate(0, 1));
    }
    const d = new vscode.Diagnostic(r, message, vscode.DiagnosticSeverity.Error);
    d.source = 'prometheus';
    this.collection.set(uri, [d]);
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
