// Completion, hover and signature help through VS Code's own provider commands, as a user gets them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtureUri } from './helpers';

async function promqlDoc(content: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument({ language: 'promql', content });
}

/** Position of the `|` marker in `text`, and the text without it. */
function marked(text: string): { content: string; offset: number } {
  const offset = text.indexOf('|');
  return { content: text.slice(0, offset) + text.slice(offset + 1), offset };
}

describe('language features in the editor', () => {
  it('completes functions and aggregations where an expression starts', async () => {
    const { content, offset } = marked('sum(ra|)');
    const doc = await promqlDoc(content);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      doc.positionAt(offset),
    );
    const byLabel = new Map(list.items.map((i) => [typeof i.label === 'string' ? i.label : i.label.label, i]));
    assert.equal(byLabel.get('rate')?.kind, vscode.CompletionItemKind.Function);
    assert.match(byLabel.get('rate')?.detail ?? '', /^rate\(\S+ range vector\) instant vector$/);
    assert.ok(byLabel.has('avg'), 'aggregations are offered');
    assert.ok(!byLabel.has('limitk'), 'experimental aggregations are hidden by default');
  });

  it('documents a completion item when VS Code resolves it (the list itself carries none)', async () => {
    const { content, offset } = marked('sum(ra|)');
    const doc = await promqlDoc(content);
    const docOf = (item: vscode.CompletionItem | undefined) =>
      typeof item?.documentation === 'string' ? item.documentation : (item?.documentation?.value ?? '');
    const listed = async (resolveCount: number) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        doc.positionAt(offset),
        undefined,
        resolveCount,
      );
      return new Map(list.items.map((i) => [typeof i.label === 'string' ? i.label : i.label.label, i]));
    };
    assert.equal(docOf((await listed(0)).get('rate')), '', 'not resolved: no documentation');
    const resolved = await listed(1000);
    assert.match(docOf(resolved.get('rate')), /per-second increase of each counter/);
    assert.notEqual(docOf(resolved.get('avg')), '', 'aggregations are documented too');
  });

  it('completes matcher operators after a label name, label names right after the brace', async () => {
    const labelsAt = async (text: string) => {
      const { content, offset } = marked(text);
      const doc = await promqlDoc(content);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        doc.positionAt(offset),
      );
      return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Operator).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    assert.deepEqual((await labelsAt('up{job |}')).sort(), ['!=', '!~', '=', '=~']);
    assert.deepEqual(await labelsAt('up{|}'), []);
  });

  it('shows a function\'s signature on hover', async () => {
    const doc = await promqlDoc('rate(http_requests_total[5m])');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /rate\(\S+ range vector\) instant vector/);
    assert.deepEqual(hovers[0].range && [hovers[0].range.start.character, hovers[0].range.end.character], [0, 4]);
  });

  it('says durations in words on hover', async () => {
    const doc = await promqlDoc('rate(http_requests_total[1h30m])');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 27));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /1 hour 30 minutes/);
  });

  it('shows a static target of prometheus.yml as relabeling leaves it, on hover', async () => {
    const doc = await vscode.workspace.openTextDocument(fixtureUri('scrape/prometheus.yml'));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const at = doc.positionAt(doc.getText().indexOf('node-1.eu-west') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\| instance \| node\\-1 \|/);
    assert.match(text, /\| region \| eu\\-west \|/);
    // Shown as the user sees it, for the screenshot.
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((r) => setTimeout(r, 1500));
    const url = process.env.VSCODE_TEST_SCREENSHOT_URL;
    if (url) await fetch(`${url}?name=target-hover`);
  });

  it('shows signature help with the active parameter', async () => {
    const { content, offset } = marked('histogram_quantile(0.9, |)');
    const doc = await promqlDoc(content);
    const help = await vscode.commands.executeCommand<vscode.SignatureHelp>(
      'vscode.executeSignatureHelpProvider',
      doc.uri,
      doc.positionAt(offset),
    );
    assert.match(help.signatures[0].label, /^histogram_quantile\(\S+ scalar, \S+ instant vector\) instant vector$/);
    assert.equal(help.activeParameter, 1);
  });

  it('formats a .promql document the way Prometheus prints it', async () => {
    const doc = await promqlDoc('sum(rate(http_requests_total[5m]))by(job)\n');
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, {
      tabSize: 2,
      insertSpaces: true,
    });
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.getText(), 'sum by (job) (rate(http_requests_total[5m]))\n');
  });

  it('outlines a rule file as groups holding their rules', async () => {
    const uri = fixtureUri('rules/alerts.yml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.deepEqual(symbols.map((s) => [s.name, s.kind]), [['http', vscode.SymbolKind.Namespace]]);
    const [http] = symbols;
    assert.equal(doc.getText(http.selectionRange), 'http');
    assert.deepEqual(http.children.map((r) => [r.name, r.detail, r.kind]), [
      ['job:http_requests:rate5m', 'recording rule', vscode.SymbolKind.Function],
      ['HighErrorRate', 'alerting rule', vscode.SymbolKind.Event],
    ]);
    for (const rule of http.children) {
      assert.ok(http.range.contains(rule.range), rule.name);
      assert.equal(doc.getText(rule.selectionRange), rule.name);
      assert.match(doc.getText(rule.range), /expr:/, 'the rule range covers its expr');
    }
  });

  it('colours the words of a dashboard expression with semantic tokens', async () => {
    const uri = fixtureUri('dashboards/service.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', uri);
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', uri);
    const words: string[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      char = tokens.data[i] === 0 ? char + tokens.data[i + 1] : tokens.data[i + 1];
      words.push(`${doc.lineAt(line).text.slice(char, char + tokens.data[i + 2])}:${legend.tokenTypes[tokens.data[i + 3]]}`);
    }
    const p90 = words.indexOf('histogram_quantile:function');
    assert.ok(p90 >= 0, words.join(' '));
    assert.deepEqual(words.slice(p90, p90 + 5), ['histogram_quantile:function', '0.9:number', 'sum:keyword', 'by:keyword', 'le:property']);
    assert.ok(!words.some((w) => w.startsWith('Latency')), 'panel titles are not PromQL');
  });
});

