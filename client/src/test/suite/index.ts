// Test entry point in the layout @vscode/test-electron expects: VS Code loads this module inside
// the extension host and calls run(). scripts/run-vscode-tests.mjs does the same through
// code-server, where VS Code cannot be downloaded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { closeAllEditors } from './helpers';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  await showFixtureForScreenshot();
  if (failures > 0) throw new Error(`${failures} tests failed.`);
}

/**
 * Shows the error fixture and the Problems panel, and asks the runner (if it left an address in
 * VSCODE_TEST_SCREENSHOT_URL) to take its screenshot now, while the language server still runs.
 */
async function showFixtureForScreenshot(): Promise<void> {
  try {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    await closeAllEditors();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'queries.promql'));
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await new Promise((r) => setTimeout(r, 1000));
    const url = process.env.VSCODE_TEST_SCREENSHOT_URL;
    if (!url) return;
    await fetch(url);
    // The rule file shows PromQL highlighted inside YAML, with its diagnostics.
    const rules = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'rules', 'alerts.yml'));
    await vscode.window.showTextDocument(rules, { preview: false });
    await new Promise((r) => setTimeout(r, 1000));
    await fetch(`${url}?name=vscode-rule-file`);
  } catch {
    // only cosmetics for the screenshot
  }
}
