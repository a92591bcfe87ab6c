// Shared helpers of the integration tests: the fixture workspace and waiting on the editor.
import * as vscode from 'vscode';

export function fixtureUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need the test-fixtures/workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Polls `get` until `done` holds or the time is up; returns the last value either way. */
export async function waitFor<T>(get: () => T, done: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = get();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = get();
  }
  return value;
}

export async function openFixture(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(relative));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Diagnostics of our language server for a document, once it has published some. */
export async function serverDiagnostics(uri: vscode.Uri, expectAtLeast = 1): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'promql'),
    (d) => d.length >= expectAtLeast,
  );
}

/** `line:character-line:character`, 0-based, for readable range assertions. */
export function rangeText(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** `length` characters from `skip` characters into the first occurrence of `needle` in a document. */
export function rangeOf(doc: vscode.TextDocument, needle: string, length = needle.length, skip = 0): vscode.Range {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`fixture ${doc.uri.fsPath} no longer contains ${JSON.stringify(needle)}`);
  return new vscode.Range(doc.positionAt(at + skip), doc.positionAt(at + skip + length));
}

/** Closes every editor, discarding changes, so no save prompt blocks the next test. */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}
