// A webview panel that runs one of our webview bundles (webview/out/<bundle>.js and .css) beside
// the editor: scripts on, only the bundle folder readable, the page from webviewHtml.ts (strict
// CSP with a nonce); not retained when hidden (the pages restore themselves). The query results panel and the dashboard preview both open theirs here.
import * as vscode from 'vscode';
import { webviewHtml } from './webviewHtml';

export interface BundlePanelOptions {
  viewType: string;
  /** Tab title. */
  title: string;
  /** The page's <title>. */
  pageTitle: string;
  /** `query` → webview/out/query.js + query.css. */
  bundle: string;
}

export function openBundlePanel(extensionUri: vscode.Uri, o: BundlePanelOptions): vscode.WebviewPanel {
  const out = vscode.Uri.joinPath(extensionUri, 'webview', 'out');
  const panel = vscode.window.createWebviewPanel(
    o.viewType,
    o.title,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    { enableScripts: true, localResourceRoots: [out] },
  );
  const webview = panel.webview;
  webview.html = webviewHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(out, `${o.bundle}.js`)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(out, `${o.bundle}.css`)).toString(),
    title: o.pageTitle,
  });
  return panel;
}
