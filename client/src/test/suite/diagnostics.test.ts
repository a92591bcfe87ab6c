// Diagnostics as the real editor shows them: the language server's errors, at exact ranges.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, rangeOf, rangeText, serverDiagnostics, waitFor } from './helpers';

describe('diagnostics in a .promql file', () => {
  it('the fixture opens as PromQL', async () => {
    const doc = await openFixture('queries.promql');
    assert.equal(doc.languageId, 'promql');
  });

  it('reports the unknown function with Prometheus\' message, on the function name only', async () => {
    const doc = await openFixture('queries.promql');
    const diagnostics = await serverDiagnostics(doc.uri);
    assert.deepEqual(
      diagnostics.map((d) => ({ message: d.message, range: rangeText(d.range), severity: d.severity })),
      [
        {
          message: 'unknown function with name "rat"',
          range: rangeText(rangeOf(doc, 'rat(http', 3)),
          severity: vscode.DiagnosticSeverity.Error,
        },
      ],
    );
  });

  it('clears the diagnostic when the error is fixed', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'promql', content: 'sum(rat(up[5m]))\n' });
    await vscode.window.showTextDocument(doc);
    let diagnostics = await serverDiagnostics(doc.uri);
    assert.equal(rangeText(diagnostics[0].range), '0:4-0:7');

    const editor = vscode.window.activeTextEditor!;
    await editor.edit((e) => e.insert(new vscode.Position(0, 7), 'e'));
    assert.equal(doc.getText(), 'sum(rate(up[5m]))\n');
    diagnostics = await waitForCount(doc.uri, 0);
    assert.deepEqual(diagnostics.map((d) => d.message), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

describe('diagnostics in embedded PromQL', () => {
  it('reports an unclosed parenthesis at the end of a rule\'s block-scalar expr', async () => {
    const doc = await openFixture('rules/alerts.yml');
    assert.equal(doc.languageId, 'yaml');
    const diagnostics = await serverDiagnostics(doc.uri, 1);
    const needle = '(rate(http_requests_total[5m]))\n        for:';
    const end = rangeOf(doc, needle, 0, needle.indexOf('\n')).end;
    // As Prometheus shows it: the lexer's error alone. (Go also records "no arguments for aggregate
    // expression provided" on the sum, which has its argument, but never prints it.)
    assert.deepEqual(
      diagnostics.map((d) => ({ message: d.message, range: rangeText(d.range) })),
      [{ message: 'unclosed left parenthesis', range: rangeText(new vscode.Range(end, end)) }],
    );
  });

  it('reports an unexpected keyword inside a dashboard target\'s JSON string', async () => {
    const doc = await openFixture('dashboards/service.json');
    const diagnostics = await serverDiagnostics(doc.uri);
    assert.deepEqual(
      diagnostics.map((d) => ({ message: d.message, range: rangeText(d.range) })),
      [{ message: 'unexpected <by>', range: rangeText(rangeOf(doc, ')) by"', 2, 3)) }],
    );
  });
});

async function waitForCount(uri: vscode.Uri, count: number): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + 10_000;
  let d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'promql');
  while (d.length !== count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'promql');
  }
  return d;
}

describe('lint quick fixes: Fix All', () => {
  // A rule file outside the workspace folder: written for the test, as a user's file on disk.
  const RULES = 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up{job=~"api", env!~"prod"} == 0\n    for: 5m\n    anotations:\n      summary: s\n';
  const FIXED = RULES.replace('job=~"api"', 'job="api"').replace('env!~"prod"', 'env!="prod"');

  async function openRuleFile(): Promise<{ doc: vscode.TextDocument; dir: string }> {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-fixall-'));
    const file = path.join(dir, 'alerts.yml');
    fs.writeFileSync(file, RULES);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, { preview: false });
    const lint = await waitFor(
      () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'monitoring-lint'),
      (d) => d.some((x) => codeOf(x) === 'rule/redundant-regex'),
    );
    assert.deepEqual([...new Set(lint.map(codeOf))].sort(), ['rule/missing-annotation', 'rule/redundant-regex', 'rule/unknown-field']);
    return { doc, dir };
  }
  const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

  it('the Fix All command applies the safe fixes, leaves the typo for the user, and the Problems panel follows at once', async () => {
    const { doc } = await openRuleFile();
    await vscode.commands.executeCommand('editor.action.fixAll');
    await waitFor(() => doc.getText(), (t) => t !== RULES, 10_000);
    assert.equal(doc.getText(), FIXED);
    // Not saved: the fix's command lints the file again, so the mended findings go now.
    const lint = await waitFor(
      () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'monitoring-lint'),
      (d) => !d.some((x) => codeOf(x) === 'rule/redundant-regex'),
      10_000,
    );
    assert.deepEqual([...new Set(lint.map(codeOf))].sort(), ['rule/missing-annotation', 'rule/unknown-field']);
    assert.equal(doc.isDirty, true);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('editor.codeActionsOnSave with source.fixAll.monitoringAsCode fixes the file as it is saved', async () => {
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'yaml' });
    await config.update('codeActionsOnSave', { 'source.fixAll.monitoringAsCode': 'explicit' }, vscode.ConfigurationTarget.Global, true);
    try {
      const { doc } = await openRuleFile();
      await vscode.commands.executeCommand('workbench.action.files.save');
      const fs = await import('node:fs');
      const onDisk = await waitFor(() => fs.readFileSync(doc.uri.fsPath, 'utf8'), (t) => t === FIXED, 10_000);
      assert.equal(onDisk, FIXED);
      assert.equal(doc.getText(), FIXED);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
    }
  });
});
