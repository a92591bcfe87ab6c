// Which copy of the extension the editor runs: the runner (scripts/run-vscode-tests.mjs) says where
// it must live, so the VSIX pass proves the installed package — not the working tree — is tested.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openFixture, serverDiagnostics, waitFor } from './helpers';

const ID = 'monitoring-as-code.monitoring-as-code';

describe('the extension under test', () => {
  it('activates on a .promql file and its language server answers', async () => {
    const extension = vscode.extensions.getExtension(ID);
    assert.ok(extension, `${ID} is not installed`);
    const doc = await openFixture('queries.promql');
    assert.equal(await waitFor(() => extension.isActive, (a) => a), true);
    assert.ok((await serverDiagnostics(doc.uri)).length > 0, 'no diagnostics from the language server');
  });

  it('is the copy this run meant to test', () => {
    const extension = vscode.extensions.getExtension(ID);
    assert.ok(extension);
    const pass = process.env.MAC_TEST_PASS;
    // Under @vscode/test-electron nobody sets MAC_TEST_*: only the manifest can be checked.
    if (!pass) {
      assert.equal(JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')).name, 'monitoring-as-code');
      return;
    }
    if (pass === 'dev') {
      assert.equal(extension.extensionPath, process.env.MAC_TEST_EXTENSION_PATH);
      return;
    }
    assert.equal(pass, 'vsix');
    // `code-server --install-extension` unpacks into <extensions dir>/<publisher>.<name>-<version>.
    assert.equal(path.dirname(extension.extensionPath), process.env.MAC_TEST_EXTENSIONS_DIR);
    assert.equal(path.basename(extension.extensionPath), `${ID}-${extension.packageJSON.version}`);
    // The package holds production bundles only.
    const files = listFiles(extension.extensionPath);
    assert.ok(files.includes('server/out/server.js'));
    assert.ok(files.includes('client/out/extension.js'));
    assert.deepEqual(files.filter((f) => /(^|\/)(node_modules|src)\/|\.map$|\.ts$/.test(f)), []);
  });
});

function listFiles(root: string, dir = ''): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(root, rel) : [rel];
  });
}
