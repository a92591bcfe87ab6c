// Builds the VSIX users install:  npm run package  →  dist/monitoring-as-code-<version>.vsix
//
// Production bundles (scripts/build.mjs --production: minified, no source maps) go into a
// throw-away staging folder together with the manifest and the files the manifest's `files` list
// names; `vsce package --no-dependencies` packs that folder, so no node_modules, sources or the
// development bundles in client/out, server/out can slip in, and the working tree's own out/
// folders (which other runs may be building at the same time) are left alone.
//
//   node scripts/package.mjs [--out FILE.vsix]      prints the contents and fails over MAX_BYTES
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The budget for what users download. */
export const MAX_BYTES = 2 * 1024 * 1024;

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const { values: args } = parseArgs({ options: { out: { type: 'string' } } });
const vsix = resolve(args.out ?? join(ROOT, 'dist', `${manifest.name}-${manifest.version}.vsix`));

const stage = mkdtempSync(join(tmpdir(), 'mac-vsix-'));
try {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production', '--outdir', stage], { cwd: ROOT, stdio: 'inherit' });
  // Static files named in `files` (the bundles above are the rest).
  for (const f of ['README.md', 'CHANGELOG.md', 'LICENSE', 'docs/rules.md', 'images/icon.png', 'syntaxes']) {
    cpSync(join(ROOT, f), join(stage, f), { recursive: true });
  }
  // Development-only keys mean nothing to VS Code; `scripts` would also make vsce run a prepublish.
  const { scripts: _s, devDependencies: _d, workspaces: _w, ...shipped } = manifest;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(shipped, null, 2) + '\n');

  mkdirSync(dirname(vsix), { recursive: true });
  rmSync(vsix, { force: true });
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: stage, stdio: 'inherit' });
} finally {
  rmSync(stage, { recursive: true, force: true });
}

const size = statSync(vsix).size;
console.log(execFileSync('unzip', ['-l', vsix], { encoding: 'utf8' }));
console.log(`${relative(process.cwd(), vsix) || vsix}: ${(size / 1024).toFixed(0)} KiB (budget ${MAX_BYTES / 1024} KiB)`);
if (size > MAX_BYTES) {
  console.error(`The VSIX is over the ${MAX_BYTES / 1024} KiB budget.`);
  process.exit(1);
}
