// The VSIX users install (`npm run package`): its layout, its size, and that what it bundles runs
// on its own — the language server started from the unpacked VSIX, outside the repository, with no
// node_modules to fall back on, answers over JSON-RPC like the editor would use it.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { parsePromQL } from '../server/src/promql/parse';

const ROOT = path.join(__dirname, '..');
const MAX_BYTES = 2 * 1024 * 1024;
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Every file under `dir`, relative, with forward slashes. */
function listFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, r) : [r];
  });
}

/** Width and height from a PNG's IHDR chunk; throws on anything that is not a PNG. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  assert.equal(b.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', `${file} is not a PNG`);
  assert.equal(b.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('the packaged VSIX (npm run package)', function () {
  this.timeout(120_000);
  // Outside the repository, so nothing can resolve a module from its node_modules.
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mac-package-test-'));
  const vsix = path.join(tmp, 'test.vsix');
  const unpacked = path.join(tmp, 'unpacked');
  const ext = path.join(unpacked, 'extension');
  let files: string[] = [];

  before(() => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
    execFileSync('unzip', ['-q', vsix, '-d', unpacked]);
    files = listFiles(unpacked).sort();
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('is a zip with the VSIX layout: the manifest, content types, and the extension folder', () => {
    assert.deepEqual(readdirSync(unpacked).sort(), ['[Content_Types].xml', 'extension', 'extension.vsixmanifest']);
    // vsce renames README/CHANGELOG/LICENSE to the names the marketplace expects.
    assert.deepEqual(readdirSync(ext).sort(), ['LICENSE.txt', 'changelog.md', 'client', 'docs', 'images', 'package.json', 'readme.md', 'server', 'syntaxes', 'webview']);
  });

  it('holds exactly the bundles, grammars, docs and icon the manifest ships', () => {
    const syntaxes = readdirSync(path.join(ROOT, 'syntaxes')).filter((f) => f.endsWith('.json')).map((f) => `extension/syntaxes/${f}`);
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/client/out/extension.js',
      'extension/docs/rules.md',
      'extension/images/icon.png',
      'extension/package.json',
      'extension/readme.md',
      'extension/server/out/server.js',
      'extension/webview/out/dashboard.css',
      'extension/webview/out/dashboard.js',
      'extension/webview/out/query.css',
      'extension/webview/out/query.js',
      ...syntaxes,
    ].sort();
    assert.deepEqual(files, expected);
    assert.deepEqual(files.filter((f) => /node_modules|\/src\/|test-fixtures|\.map$|\.ts$|\.cache/.test(f)), []);
  });

  it(`is under ${MAX_BYTES / 1024} KiB`, () => {
    const size = statSync(vsix).size;
    assert.ok(size < MAX_BYTES, `${size} bytes`);
    // A VSIX this small has lost a bundle, not gained a diet.
    assert.ok(size > 100 * 1024, `${size} bytes`);
  });

  it('ships the manifest VS Code reads, pointing at files that are in the package', () => {
    const shipped = JSON.parse(readFileSync(path.join(ext, 'package.json'), 'utf8'));
    for (const key of ['name', 'publisher', 'version', 'engines', 'contributes', 'activationEvents', 'main', 'icon', 'repository']) {
      assert.deepEqual(shipped[key], manifest[key], key);
    }
    assert.equal(shipped.devDependencies, undefined);
    assert.equal(shipped.scripts, undefined);
    const referenced = [
      shipped.main,
      shipped.icon,
      ...shipped.contributes.grammars.map((g: { path: string }) => g.path),
      ...shipped.contributes.languages.map((l: { configuration: string }) => l.configuration),
    ];
    for (const p of referenced) assert.ok(statSync(path.join(ext, p)).isFile(), p);
    assert.deepEqual(pngSize(path.join(ext, shipped.icon)), { width: 128, height: 128 });
    assert.match(readFileSync(path.join(ext, 'changelog.md'), 'utf8'), new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('has a client bundle that needs nothing but the vscode module', () => {
    // Loads extension.js with every require of `vscode` answered by a stand-in: any other missing
    // module fails the require. The stand-in answers every property and call with itself.
    const probe = `
      const Module = require('module');
      const load = Module._load;
      const stub = new Proxy(function () {}, { get: (_t, k) => (k === 'prototype' ? {} : stub), apply: () => stub, construct: () => ({}) });
      Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
      const ext = require(process.argv[1]);
      if (typeof ext.activate !== 'function' || typeof ext.deactivate !== 'function') { console.error('no activate/deactivate'); process.exit(2); }`;
    const r = spawnSync(process.execPath, ['-e', probe, path.join(ext, 'client', 'out', 'extension.js')], { cwd: tmp, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  describe('its language server, started from the unpacked VSIX', () => {
    let proc: ChildProcessWithoutNullStreams;
    let conn: MessageConnection;
    let stderr = '';
    const published = new Map<string, Array<{ message: string; source: string; code?: string; codeDescription?: { href: string } }>>();

    before(async () => {
      proc = spawn(process.execPath, [path.join(ext, 'server', 'out', 'server.js'), '--stdio'], { cwd: tmp });
      proc.stderr.on('data', (d) => (stderr += String(d)));
      conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
      conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: [] }) => {
        published.set(p.uri, [...(published.get(p.uri) ?? []), ...p.diagnostics]);
      });
      conn.listen();
    });

    after(() => {
      conn?.dispose();
      if (proc.exitCode === null) proc.kill();
    });

    function diagnosticsFor(uri: string, accept: (d: { source: string }) => boolean): Promise<NonNullable<ReturnType<typeof published.get>>> {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = () => {
          const got = (published.get(uri) ?? []).filter(accept);
          if (got.length > 0) return resolve(got);
          if (Date.now() - started > 15_000) return reject(new Error(`no diagnostics for ${uri}; stderr: ${stderr}`));
          setTimeout(poll, 20);
        };
        poll();
      });
    }

    it('initializes', async () => {
      const init = await conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(path.join(ROOT, 'test-fixtures', 'workspace')).href,
        capabilities: {},
        initializationOptions: { monitoring: { promql: {} } },
      });
      assert.ok(init.capabilities.completionProvider && init.capabilities.hoverProvider && init.capabilities.documentFormattingProvider);
      await conn.sendNotification('initialized', {});
    });

    it('reports a PromQL error with the core\'s message', async () => {
      const uri = 'untitled:packaged.promql';
      const text = 'sum(rat(up[5m]))\n';
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'promql', version: 1, text } });
      const got = await diagnosticsFor(uri, (d) => d.source === 'promql');
      assert.deepEqual(got.map((d) => d.message), parsePromQL(text).errors.map((e) => e.message));
    });

    it('links lint findings to the docs/rules.md inside the package', async () => {
      const file = path.join(ROOT, 'test-fixtures', 'workspace', 'lint', 'rules.yml');
      const uri = pathToFileURL(file).href;
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') } });
      const got = await diagnosticsFor(uri, (d) => d.source === 'monitoring-lint');
      const href = got.find((d) => d.codeDescription)?.codeDescription?.href ?? '';
      assert.ok(href.startsWith(`${pathToFileURL(path.join(ext, 'docs', 'rules.md')).href}#`), href);
    });

    it('shuts down cleanly', async () => {
      const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      assert.equal(await exited, 0, stderr);
    });
  });
});
