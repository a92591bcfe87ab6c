// Bundles the server (analysis core, CLI, language server) and the client with esbuild.
// The VSIX ships these bundles, not node_modules.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build whose internal require()s esbuild cannot follow
  // ("Cannot find module './impl/format'" at run time); its ESM build bundles cleanly.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

const entries = [
  { in: 'server/src/index.ts', out: 'server/out/index.js' },
  { in: 'server/src/cli.ts', out: 'server/out/cli.js' },
  { in: 'server/src/server.ts', out: 'server/out/server.js' },
  { in: 'client/src/extension.ts', out: 'client/out/extension.js', external: ['vscode'] },
];

const webviews = [{ in: 'webview/src/query/main.ts', out: 'webview/out/query.js', css: ['node_modules/uplot/dist/uPlot.min.css', 'webview/src/query/style.css'], cssOut: 'webview/out/query.css' }];

await Promise.all([
  ...webviews.map((w) =>
    esbuild.build({ bundle: true, platform: 'browser', target: 'chrome114', format: 'iife', minify: true, sourcemap: false, logLevel: 'warning', entryPoints: [w.in], outfile: w.out }),
  ),
  ...webviews.map(async (w) => {
    const { readFileSync, writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync('webview/out', { recursive: true });
    writeFileSync(w.cssOut, w.css.map((f) => readFileSync(f, 'utf8')).join('\n'));
  }),
]);

await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) => esbuild.build({ ...common, entryPoints: [e.in], outfile: e.out, external: e.external ?? [] })),
);
