// Settings reach the language server: the experimental-functions switch changes both diagnostics
// and completion, as with Prometheus' --enable-feature=promql-experimental-functions.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './helpers';

const KEY = 'promql.experimentalFunctions';

async function setExperimental(value: boolean | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('monitoring').update(KEY, value, vscode.ConfigurationTarget.Global);
}

describe('settings', () => {
  after(() => setExperimental(undefined));

  it('monitoring.promql.experimentalFunctions switches experimental functions on and off', async () => {
    await setExperimental(false);
    const doc = await vscode.workspace.openTextDocument({ language: 'promql', content: 'mad_over_time(up[5m])\n' });
    const ours = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'promql');
    const off = await waitFor(ours, (d) => d.length > 0);
    assert.equal(off.length, 1);
    assert.equal(off[0].message, 'function "mad_over_time" is not enabled');

    await setExperimental(true);
    const on = await waitFor(ours, (d) => d.length === 0);
    assert.deepEqual(on.map((d) => d.message), []);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(1, 0),
    );
    assert.ok(list.items.some((i) => i.label === 'limitk'), 'experimental aggregations are offered');
  });
});
