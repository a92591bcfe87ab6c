// Saves what the results panel exports (CSV text, or a PNG as a data: URL) where the user says.
import * as vscode from 'vscode';

/** The bytes of an export: CSV as UTF-8, a PNG data URL decoded; undefined if it is not one. */
export function exportBytes(format: 'csv' | 'png', content: string): Uint8Array | undefined {
  if (format === 'csv') return Buffer.from(content, 'utf8');
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(content);
  return m ? Buffer.from(m[1], 'base64') : undefined;
}

export async function saveExport(format: 'csv' | 'png', fileName: string, content: string, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const bytes = exportBytes(format, content);
  if (!bytes) {
    void vscode.window.showErrorMessage('The results panel sent an export that is not a PNG image.');
    return undefined;
  }
  const safeName = fileName.replace(/[\\/:*?"<>|]/g, '_') || `query.${format}`;
  const folder = near && near.scheme === 'file' ? vscode.Uri.joinPath(near, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: format === 'csv' ? 'Export query result as CSV' : 'Export graph as PNG',
    defaultUri: folder ? vscode.Uri.joinPath(folder, safeName) : undefined,
    filters: format === 'csv' ? { CSV: ['csv'] } : { 'PNG image': ['png'] },
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, bytes);
  return target;
}
