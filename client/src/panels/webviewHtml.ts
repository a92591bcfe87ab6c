// The HTML page of a webview panel: a strict Content-Security-Policy with a fresh nonce, only
// local script and style, nothing remote. Pure (no vscode import) so tests render the same page.
import { randomBytes } from 'node:crypto';

export interface WebviewPage {
  /** webview.cspSource: the origin local resources are served from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  /** Classes for <body> when rendered outside VS Code (tests): e.g. "vscode-dark". */
  bodyClass?: string;
  /** Inline CSS variables when rendered outside VS Code (tests), e.g. a theme's colours. */
  themeCss?: string;
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function webviewHtml(page: WebviewPage, nonce: string = newNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(page.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" nonce="${nonce}" href="${escapeHtml(page.styleUri)}">
${page.themeCss ? `<style nonce="${nonce}">${page.themeCss.replace(/</g, '\\3c ')}</style>` : ''}
</head>
<body${page.bodyClass ? ` class="${escapeHtml(page.bodyClass)}"` : ''}>
<script nonce="${nonce}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>
`;
}
