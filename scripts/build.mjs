// Bundles the server (analysis core, CLI, language server) and the client with esbuild.
// The VSIX ships these bundles, not node_modules.
//
//   node scripts/build.mjs                                 development: every bundle, with source maps, in place
//   node scripts/build.mjs --production --outdir DIR       what the VSIX ships (scripts/package.mjs):
//                                                          minified, no source maps, only what the extension loads
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeCliCodeCache } from './cliCodeCache.mjs';

const { values: args } = parseArgs({ options: { production: { type: 'boolean', default: false }, outdir: { type: 'string', default: '.' } } });
const production = args.production;
const outdir = resolve(args.outdir);
const out = (p) => join(outdir, p);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  // Minified class and function names would change what error messages and logs print.
  keepNames: production,
  logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build whose internal require()s esbuild cannot follow
  // ("Cannot find module './impl/format'" at run time); its ESM build bundles cleanly.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

/** An esbuild plugin resolving the imports of modules named `importPath` to the file `replacement`. */
function swapModule(importPath, replacement) {
  return {
    name: 'swap-module',
    setup(build) {
      build.onResolve({ filter: importPath }, () => ({ path: resolve(replacement) }));
    },
  };
}

const entries = [
  // The CLI and the library entry are not loaded by the extension: the VSIX leaves them out.
  { in: 'server/src/index.ts', out: 'server/out/index.js', vsix: false },
  // The CLI never runs the Chevrotain grammar (completion): it gets a stand-in for Chevrotain's
  // runtime instead of Chevrotain and lodash-es (server/src/check/chevrotainLite.ts).
  { in: 'server/src/cli.ts', out: 'server/out/cli.js', vsix: false, plugins: [swapModule(/^\.\/chevrotainRuntime$/, 'server/src/check/chevrotainLite.ts')] },
  { in: 'server/src/server.ts', out: 'server/out/server.js', vsix: true },
  { in: 'client/src/extension.ts', out: 'client/out/extension.js', external: ['vscode'], vsix: true },
];

const webviews = [
  { in: 'webview/src/query/main.ts', out: 'webview/out/query.js', css: ['node_modules/uplot/dist/uPlot.min.css', 'webview/src/query/style.css'], cssOut: 'webview/out/query.css' },
  { in: 'webview/src/dashboard/main.ts', out: 'webview/out/dashboard.js', css: ['node_modules/uplot/dist/uPlot.min.css', 'webview/src/dashboard/style.css'], cssOut: 'webview/out/dashboard.css' },
];

await Promise.all([
  ...webviews.map((w) =>
    esbuild.build({ bundle: true, platform: 'browser', target: 'chrome114', format: 'iife', minify: true, sourcemap: false, logLevel: 'warning', entryPoints: [w.in], outfile: out(w.out) }),
  ),
  ...webviews.map(async (w) => {
    mkdirSync(dirname(out(w.cssOut)), { recursive: true });
    writeFileSync(out(w.cssOut), w.css.map((f) => readFileSync(f, 'utf8')).join('\n'));
  }),
]);

await Promise.all(
  entries
    .filter((e) => existsSync(e.in) && (!production || e.vsix))
    .map((e) => esbuild.build({ ...common, entryPoints: [e.in], outfile: out(e.out), external: e.external ?? [], plugins: e.plugins ?? [] })),
);

if (!production && existsSync('server/src/cli.ts')) {
  const problem = makeCliCodeCache(outdir);
  if (problem) console.warn(`build: ${problem}`);
}
