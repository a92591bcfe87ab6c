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
};

const entries = [
  { in: 'server/src/index.ts', out: 'server/out/index.js' },
  { in: 'server/src/cli.ts', out: 'server/out/cli.js' },
  { in: 'server/src/server.ts', out: 'server/out/server.js' },
  { in: 'client/src/extension.ts', out: 'client/out/extension.js', external: ['vscode'] },
];

await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) => esbuild.build({ ...common, entryPoints: [e.in], outfile: e.out, external: e.external ?? [] })),
);
