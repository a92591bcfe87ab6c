// Serves a webview bundle on loopback inside the same HTML page (and CSP) the extension uses, with
// a stand-in for acquireVsCodeApi that records what the page posts. Themes mimic VS Code's.
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { webviewHtml } from '../../client/src/panels/webviewHtml';

// __filename, not __dirname: tsx gives ESM importers (the benchmarks) a wrong __dirname.
const ROOT = path.join(path.dirname(__filename), '../..');

export const THEMES = {
  dark: {
    bodyClass: 'vscode-dark',
    css: `body { --vscode-editor-background: #1e1e1e; --vscode-editor-foreground: #d4d4d4; --vscode-descriptionForeground: #9d9d9d; --vscode-widget-border: #454545; --vscode-button-background: #0e639c; --vscode-button-foreground: #ffffff; --vscode-editorHoverWidget-background: #252526; --vscode-editorHoverWidget-foreground: #cccccc; --vscode-editorHoverWidget-border: #454545; --vscode-charts-blue: #3794ff; --vscode-charts-orange: #d18616; --vscode-charts-green: #89d185; --vscode-charts-red: #f14c4c; --vscode-charts-purple: #b180d7; --vscode-charts-yellow: #cca700; --vscode-font-family: sans-serif; --vscode-editor-font-family: monospace; }`,
  },
  light: {
    bodyClass: 'vscode-light',
    css: `body { --vscode-editor-background: #ffffff; --vscode-editor-foreground: #1f1f1f; --vscode-descriptionForeground: #616161; --vscode-widget-border: #d4d4d4; --vscode-button-background: #005fb8; --vscode-button-foreground: #ffffff; --vscode-editorHoverWidget-background: #f8f8f8; --vscode-editorHoverWidget-foreground: #3b3b3b; --vscode-editorHoverWidget-border: #c8c8c8; --vscode-charts-blue: #1a85ff; --vscode-charts-orange: #d18616; --vscode-charts-green: #388a34; --vscode-charts-red: #e51400; --vscode-charts-purple: #652d90; --vscode-charts-yellow: #bf8803; --vscode-font-family: sans-serif; --vscode-editor-font-family: monospace; }`,
  },
} as const;

export interface WebviewServer {
  origin: string;
  pageUrl(bundle: string, theme: keyof typeof THEMES): string;
  close(): Promise<void>;
}

export async function serveWebviews(): Promise<WebviewServer> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/page') {
      const bundle = url.searchParams.get('bundle') ?? 'query';
      const theme = THEMES[(url.searchParams.get('theme') as keyof typeof THEMES) ?? 'dark'];
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(webviewHtml({ cspSource: origin, scriptUri: `${origin}/out/${bundle}.js`, styleUri: `${origin}/out/${bundle}.css`, title: bundle, bodyClass: theme.bodyClass, themeCss: theme.css }));
      return;
    }
    const m = /^\/out\/([\w.-]+\.(js|css))$/.exec(url.pathname);
    if (m) {
      try {
        const body = readFileSync(path.join(ROOT, 'webview/out', m[1]));
        res.writeHead(200, { 'Content-Type': m[2] === 'js' ? 'text/javascript' : 'text/css' });
        res.end(body);
        return;
      } catch {
        // fall through to 404
      }
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageUrl: (bundle, theme) => `${origin}/page?bundle=${bundle}&theme=${theme}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Installs the acquireVsCodeApi stand-in before any page script runs. */
export async function installVsCodeApiStub(page: Page): Promise<void> {
  // A string, not a function: tsx would wrap a function's inner names in helpers the page lacks.
  await page.addInitScript(`
    window.__posted = [];
    window.__state = undefined;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__posted.push(m),
      getState: () => window.__state,
      setState: (s) => { window.__state = s; },
    });
  `);
}

/**
 * The VS Code API stub, with everything the page posts also handed to `receive` as it happens
 * (a panel host played by a test or a benchmark).
 */
export async function forwardPostsTo(page: Page, receive: (message: never) => unknown): Promise<void> {
  await page.exposeFunction('__toHost', receive);
  await installVsCodeApiStub(page);
  await page.addInitScript(`
    const api = window.acquireVsCodeApi;
    window.acquireVsCodeApi = () => {
      const a = api();
      return { ...a, postMessage: (m) => { a.postMessage(m); window.__toHost(m); } };
    };
  `);
}

/** Fraction of canvas pixels that differ from the background colour (has anything been drawn?). */
export async function canvasInk(page: Page, selector = '#chart canvas'): Promise<number> {
  return page.evaluate((sel) => {
    const c = document.querySelector(sel) as HTMLCanvasElement | null;
    if (!c) return 0;
    const ctx = c.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
    return ink / (c.width * c.height);
  }, selector);
}
