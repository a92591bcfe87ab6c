// Queries from the editor against a real Prometheus (started by scripts/run-vscode-tests.mjs with
// the fixture data, URL in MAC_TEST_PROMETHEUS_URL): the status bar shows its version, the results
// panel opens beside the document and draws what Prometheus returned, and a syntax error Prometheus
// reports lands on the document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, rangeText, waitFor } from './helpers';

const ID = 'monitoring-as-code.monitoring-as-code';
/** The fixture data's two hours (test/support/realPrometheus.ts). */
const FIXTURE_START = 1_700_000_000;
const RANGE = { startMs: FIXTURE_START * 1000, endMs: (FIXTURE_START + 7200) * 1000 };

interface Rendered {
  type: 'rendered';
  series: number;
  legend: string[];
  canvas: boolean;
  table: number;
}
interface PanelInfo {
  uri: string;
  lastMessage?: { type: string; expr?: string; kind?: string; message?: string; stats?: { series: number } };
  rendered?: Rendered;
}
interface TestApi {
  queryPanels(): PanelInfo[];
  addToDashboard(uri: string): Promise<void>;
  lastAddedPanel(): { uri: string; range: { start: { line: number; character: number } } } | undefined;
  statusBar(): { text: string; tooltip: string };
  refreshStatusBar(): Promise<void>;
}

async function api(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi>(ID);
  assert.ok(ext, `${ID} is not installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('monitoring');
}

/** The panel of a document once it has drawn (the webview's own report). */
async function renderedPanel(t: TestApi, uri: vscode.Uri, done: (r: Rendered) => boolean): Promise<PanelInfo> {
  const panel = () => t.queryPanels().find((p) => p.uri === uri.toString());
  const p = await waitFor(panel, (p) => !!p?.rendered && done(p.rendered), 30_000);
  assert.ok(p, `no results panel for ${uri.toString()}`);
  assert.ok(p.rendered, `the panel never reported a drawing; it was sent ${JSON.stringify(p.lastMessage)?.slice(0, 300)}`);
  return p;
}

/** Types into the quick pick or input box titled `title` as a user would (the runner's keyboard). */
async function quickInput(text: string, title: string): Promise<{ title: string; inputType: string | null }> {
  const url = process.env.VSCODE_TEST_SCREENSHOT_URL;
  assert.ok(url, 'the runner (scripts/run-vscode-tests.mjs) types into input boxes; it left no address');
  const res = await fetch(`${url}?quickInput=${encodeURIComponent(text)}&title=${encodeURIComponent(title)}`);
  const body = (await res.json()) as { title: string; inputType: string | null; error?: string };
  assert.ok(res.ok, body.error);
  return body;
}

async function screenshot(name: string): Promise<void> {
  const url = process.env.VSCODE_TEST_SCREENSHOT_URL;
  if (url) await fetch(`${url}?name=${name}`);
}

describe('queries against a real Prometheus', function () {
  this.timeout(120_000);
  const url = process.env.MAC_TEST_PROMETHEUS_URL;
  let t: TestApi;

  before(async () => {
    assert.ok(url, 'MAC_TEST_PROMETHEUS_URL is not set: run the suite with scripts/run-vscode-tests.mjs');
    t = await api();
    await configuration().update('datasources', [{ name: 'fixture', url }], vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await closeAllEditors();
    await configuration().update('datasources', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows the data source and its Prometheus version in the status bar', async () => {
    const info = (await (await fetch(`${url}/api/v1/status/buildinfo`)).json()) as { data: { version: string } };
    const want = `$(database) fixture · ${info.data.version}`;
    const shown = await waitFor(
      () => t.statusBar(),
      (s) => s.text === want,
      20_000,
    );
    assert.equal(shown.text, want);
    assert.match(shown.tooltip, new RegExp(url!.replace(/[.]/g, '\\.')));
  });

  it('runs a rule\'s expression into a panel beside the file and draws its series', async () => {
    const doc = await openFixture('rules/alerts.yml');
    const at = doc.getText().indexOf('sum by (job) (rate(http_requests_total[5m]))');
    assert.ok(at > 0);
    // The server's code lens above the expression carries what the command needs: [uri, position].
    const start = doc.positionAt(at);
    let lens: vscode.CodeLens | undefined;
    for (let i = 0; i < 50 && !lens; i++) {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      lens = lenses.find((l) => l.command?.command === 'monitoring.runQuery' && l.range.start.line === start.line);
      if (!lens) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(lens?.command, 'no "Run query" code lens on the rule\'s expression');
    const [uri, position] = lens.command.arguments as [string, { line: number; character: number }];
    assert.equal(String(uri), doc.uri.toString());
    assert.deepEqual({ line: position.line, character: position.character }, { line: start.line, character: start.character });
    const sent = await vscode.commands.executeCommand<PanelInfo['lastMessage']>('monitoring.runQuery', uri, position, { range: RANGE, mode: 'range' });
    assert.equal(sent?.type, 'result', JSON.stringify(sent));
    const p = await renderedPanel(t, doc.uri, (r) => r.canvas);
    assert.deepEqual(p.rendered, { type: 'rendered', series: 2, legend: ['{job="api"}', '{job="web"}'], canvas: true, table: 0 });
    assert.equal(p.lastMessage?.expr, 'sum by (job) (rate(http_requests_total[5m]))');
    // Beside the rule file, which keeps the focus.
    const tabs = vscode.window.tabGroups.all.map((g) => g.tabs.map((tab) => tab.label));
    assert.ok(tabs.length >= 2, JSON.stringify(tabs));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    await new Promise((r) => setTimeout(r, 500));
    await screenshot('query-panel');
  });

  it('reuses the document\'s panel and runs the selection as typed', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'promql', content: '# four series\nrate(http_requests_total[5m])\n' });
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    editor.selection = new vscode.Selection(1, 0, 1, doc.lineAt(1).text.length);
    await vscode.commands.executeCommand('monitoring.runQuery', undefined, undefined, { range: RANGE });
    const p = await renderedPanel(t, doc.uri, (r) => r.canvas);
    assert.equal(p.rendered?.series, 4);
    assert.equal(p.rendered?.legend.length, 4);
    assert.ok(p.rendered?.legend.every((l) => /instance="[^"]+"/.test(l) && /code="\d+"/.test(l)), JSON.stringify(p.rendered?.legend));
    // The same document again: still one panel for it.
    await vscode.commands.executeCommand('monitoring.runQuery', undefined, undefined, { range: RANGE, mode: 'instant' });
    const again = await renderedPanel(t, doc.uri, (r) => r.table > 0);
    assert.deepEqual({ series: again.rendered?.series, table: again.rendered?.table, canvas: again.rendered?.canvas }, { series: 4, table: 4, canvas: false });
    assert.equal(t.queryPanels().filter((x) => x.uri === doc.uri.toString()).length, 1);
  });

  it('puts a syntax error Prometheus reports on the document, until the next edit', async () => {
    const doc = await openFixture('queries.promql');
    const at = doc.getText().indexOf('sum by (job) (rat(');
    assert.ok(at > 0);
    const position = doc.positionAt(at);
    const sent = await vscode.commands.executeCommand<PanelInfo['lastMessage']>('monitoring.runQuery', doc.uri.toString(), { line: position.line, character: position.character }, { range: RANGE });
    assert.equal(sent?.type, 'error', JSON.stringify(sent));
    assert.equal(sent?.kind, 'syntax');
    const ours = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'prometheus');
    const diags = await waitFor(ours, (d) => d.length === 1);
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /unknown function with name "rat"/);
    // On the function name, in the file's coordinates.
    const rat = doc.positionAt(at + 'sum by (job) ('.length);
    assert.equal(rangeText(diags[0].range), `${rat.line}:${rat.character}-${rat.line}:${rat.character + 3}`);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(doc.positionAt(at + 'sum by (job) (rat'.length), 'e'));
    assert.deepEqual(await waitFor(ours, (d) => d.length === 0), []);
    await closeAllEditors();
  });

  it('sends the password typed into the masked input box to a data source that needs it', async () => {
    const guardedUrl = process.env.MAC_TEST_AUTH_URL;
    const password = process.env.MAC_TEST_AUTH_PASSWORD;
    assert.ok(guardedUrl && password, 'MAC_TEST_AUTH_URL / MAC_TEST_AUTH_PASSWORD are not set');
    const guarded = { name: 'guarded', url: guardedUrl, auth: { kind: 'basic', username: 'alice' } };
    await configuration().update('datasources', [{ name: 'fixture', url }, guarded], vscode.ConfigurationTarget.Global);
    await configuration().update('defaultDatasource', 'guarded', vscode.ConfigurationTarget.Global);
    try {
      const locked = await waitFor(() => t.statusBar(), (s) => s.text === '$(warning) guarded unreachable');
      assert.equal(locked.text, '$(warning) guarded unreachable');
      assert.match(locked.tooltip, /HTTP 401/);

      const setting = vscode.commands.executeCommand('monitoring.setDatasourceCredentials');
      await quickInput('guarded', 'Set the password or token');
      const box = await quickInput(password!, 'Password for guarded');
      assert.equal(box.inputType, 'password', 'the password box must mask what is typed');
      await setting;
      const unlocked = await waitFor(() => t.statusBar().text, (s) => s.startsWith('$(database) guarded · '));
      assert.match(unlocked, /^\$\(database\) guarded · \d+\.\d+/);
      const doc = await openFixture('queries.promql');
      const at = doc.positionAt(doc.getText().indexOf('histogram_quantile'));
      const sent = await vscode.commands.executeCommand<PanelInfo['lastMessage'] & { datasource?: string }>('monitoring.runQuery', doc.uri.toString(), { line: at.line, character: at.character }, { range: RANGE });
      assert.equal(sent?.type, 'result', JSON.stringify(sent));
      assert.equal(sent?.datasource, 'guarded');

      const clearing = vscode.commands.executeCommand('monitoring.clearDatasourceCredentials');
      await quickInput('guarded', 'Forget the password and token');
      await clearing;
      assert.equal((await waitFor(() => t.statusBar().text, (s) => s.includes('unreachable'))), '$(warning) guarded unreachable');
    } finally {
      await configuration().update('defaultDatasource', undefined, vscode.ConfigurationTarget.Global);
      await configuration().update('datasources', [{ name: 'fixture', url }], vscode.ConfigurationTarget.Global);
      await closeAllEditors();
    }
  });

  it('switches data source from the status bar\'s quick pick, for this workspace', async () => {
    await configuration().update('datasources', [{ name: 'fixture', url }, { name: 'second', url }], vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => t.statusBar().text, (s) => s.startsWith('$(database) fixture · '));
      const picking = vscode.commands.executeCommand('monitoring.selectDatasource');
      await quickInput('second', 'Data source for queries');
      await picking;
      const shown = await waitFor(() => t.statusBar().text, (s) => s.startsWith('$(database) second · '));
      assert.match(shown, /^\$\(database\) second · /);
      const doc = await vscode.workspace.openTextDocument({ language: 'promql', content: 'vector(1)\n' });
      await vscode.window.showTextDocument(doc);
      const sent = await vscode.commands.executeCommand<{ type: string; datasource?: string }>('monitoring.runQuery', doc.uri.toString(), { line: 0, character: 0 }, { mode: 'instant' });
      assert.deepEqual({ type: sent?.type, datasource: sent?.datasource }, { type: 'result', datasource: 'second' });
      // And back, so the choice does not outlive the test.
      const back = vscode.commands.executeCommand('monitoring.selectDatasource');
      await quickInput('fixture', 'Data source for queries');
      await back;
      await waitFor(() => t.statusBar().text, (s) => s.startsWith('$(database) fixture · '));
    } finally {
      await configuration().update('datasources', [{ name: 'fixture', url }], vscode.ConfigurationTarget.Global);
      await closeAllEditors();
    }
  });

  it('adds the query as a timeseries panel to a chosen dashboard ("Add to dashboard…")', async () => {
    const target = fixtureUri('dashboards/variables.json');
    const original = await vscode.workspace.fs.readFile(target);
    // VS Code in the browser saves edits after a second by default: the fixture must stay as it is.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    try {
      const doc = await openFixture('queries.promql');
      const at = doc.positionAt(doc.getText().indexOf('histogram_quantile'));
      const sent = await vscode.commands.executeCommand<PanelInfo['lastMessage']>('monitoring.runQuery', doc.uri.toString(), { line: at.line, character: at.character }, { range: RANGE });
      assert.equal(sent?.type, 'result', JSON.stringify(sent));
      const adding = t.addToDashboard(doc.uri.toString());
      await quickInput('variables.json', 'Add a timeseries panel to…');
      await adding;
      const added = t.lastAddedPanel();
      assert.equal(added?.uri, target.toString());
      const dash = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
      assert.ok(dash, 'the dashboard is open');
      const json = JSON.parse(dash.getText()) as { panels: Array<{ type: string; targets?: Array<{ expr: string }> }> };
      const last = json.panels.at(-1);
      assert.equal(last?.type, 'timeseries');
      assert.equal(last?.targets?.[0]?.expr, sent?.expr);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString());
      assert.equal(vscode.window.activeTextEditor?.selection.active.line, added?.range.start.line);
      await screenshot('add-to-dashboard');
    } finally {
      await closeAllEditors();
      const now = await vscode.workspace.fs.readFile(target);
      if (Buffer.compare(now, original) !== 0) await vscode.workspace.fs.writeFile(target, original);
      await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('asks for a data source when none is configured', async () => {
    await configuration().update('datasources', undefined, vscode.ConfigurationTarget.Global);
    try {
      const shown = await waitFor(() => t.statusBar().text, (s) => s === '$(database) No data source');
      assert.equal(shown, '$(database) No data source');
      const doc = await vscode.workspace.openTextDocument(fixtureUri('queries.promql'));
      const before = t.queryPanels().length;
      // The warning stays up (nobody clicks it): the command must not wait for it to open a panel.
      const run = vscode.commands.executeCommand('monitoring.runQuery', doc.uri.toString(), { line: 1, character: 0 });
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(t.queryPanels().length, before);
      void run;
    } finally {
      await configuration().update('datasources', [{ name: 'fixture', url }], vscode.ConfigurationTarget.Global);
    }
  });
});
