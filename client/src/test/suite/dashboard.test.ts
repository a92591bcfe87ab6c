// The dashboard preview end to end against a real Prometheus (started by scripts/run-vscode-tests.mjs
// with the fixture data, URL in MAC_TEST_PROMETHEUS_URL): the command opens the preview beside the
// dashboard, the webview draws every panel with data, an edit of one panel's title re-renders that
// panel only (the others are not queried again), invalid JSON keeps the last render, a click on a
// panel in the webview (a real mouse click, through the runner) selects its JSON, and the
// dashboard's `refresh` re-queries the panels on its own while the preview is shown.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, waitFor } from './helpers';

const ID = 'monitoring-as-code.monitoring-as-code';
/** The fixture data's two hours (test/support/realPrometheus.ts), as Grafana's ms epoch strings. */
const FIXTURE_START = 1_700_000_000;
const TIME = { from: String(FIXTURE_START * 1000), to: String((FIXTURE_START + 7200) * 1000) };

interface RenderedPanel {
  key: string;
  type: string;
  title: string;
  drawn: boolean;
  text: string;
}
interface DashboardInfo {
  uri: string;
  rendered?: { type: 'rendered'; panels: RenderedPanel[] };
  queries: number;
  queriesByKey: Record<string, number>;
  pageLoads: number;
  preview?: { title: string; refresh?: string; error?: { message: string }; datasource?: string; datasourceError?: string };
}
interface TestApi {
  dashboardPanels(): DashboardInfo[];
}

async function api(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi>(ID);
  assert.ok(ext, `${ID} is not installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

async function screenshot(name: string): Promise<void> {
  const url = process.env.VSCODE_TEST_SCREENSHOT_URL;
  if (url) await fetch(`${url}?name=${name}`);
}

/** A real mouse click on an element of the (one) webview page holding it, by the runner's playwright. */
async function clickInWebview(selector: string): Promise<void> {
  const url = process.env.VSCODE_TEST_SCREENSHOT_URL;
  assert.ok(url, 'VSCODE_TEST_SCREENSHOT_URL is not set: run the suite with scripts/run-vscode-tests.mjs');
  const res = await fetch(`${url}?clickWebview=${encodeURIComponent(selector)}`);
  assert.equal(res.status, 200, await res.text());
}

/** Inserts `"refresh": every` as the dashboard's first member, as typing it would. */
async function setRefresh(doc: vscode.TextDocument, every: string): Promise<void> {
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const at = doc.getText().indexOf('{') + 1;
  assert.ok(await editor.edit((e) => e.insert(doc.positionAt(at), `\n  "refresh": ${JSON.stringify(every)},`)));
}

const KEYS = ['["panels",0]', '["panels",1]', '["panels",2]'];

describe('dashboard preview against a real Prometheus', function () {
  this.timeout(120_000);
  const url = process.env.MAC_TEST_PROMETHEUS_URL;
  let t: TestApi;
  let original: Uint8Array;

  before(async () => {
    assert.ok(url, 'MAC_TEST_PROMETHEUS_URL is not set: run the suite with scripts/run-vscode-tests.mjs');
    t = await api();
    await vscode.workspace.getConfiguration('monitoring').update('datasources', [{ name: 'fixture', url }], vscode.ConfigurationTarget.Global);
    // VS Code in the browser saves edits after a second by default: the fixture must stay as it is.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    original = await vscode.workspace.fs.readFile(fixtureUri('dashboards/preview.json'));
  });
  after(async () => {
    await closeAllEditors();
    const now = await vscode.workspace.fs.readFile(fixtureUri('dashboards/preview.json'));
    if (Buffer.compare(now, original) !== 0) await vscode.workspace.fs.writeFile(fixtureUri('dashboards/preview.json'), original);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('monitoring').update('datasources', undefined, vscode.ConfigurationTarget.Global);
  });

  it('previews the dashboard beside it, re-renders an edited panel alone and keeps the last render on invalid JSON', async () => {
    const doc = await openFixture('dashboards/preview.json');
    const mine = () => t.dashboardPanels().find((p) => p.uri === doc.uri.toString());
    const preview = await vscode.commands.executeCommand<DashboardInfo['preview']>('monitoring.previewDashboard', doc.uri.toString(), undefined, { time: TIME });
    assert.equal(preview?.error, undefined, JSON.stringify(preview?.error));
    assert.equal(preview?.title, 'Preview fixture');
    assert.equal(preview?.datasource, 'fixture', preview?.datasourceError);

    const allDrawn = (p: DashboardInfo | undefined) => p?.rendered?.panels.length === 3 && p.rendered.panels.every((x) => x.drawn);
    const first = await waitFor(mine, allDrawn, 60_000);
    assert.ok(first, 'no preview panel for the dashboard');
    assert.ok(allDrawn(first), `not every panel drawn: ${JSON.stringify(first.rendered)?.slice(0, 1500)}; queries ${JSON.stringify(first.queriesByKey)}`);
    assert.deepEqual(
      first.rendered!.panels.map((p) => [p.key, p.type, p.title]),
      [
        [KEYS[0], 'timeseries', 'Requests by job'],
        [KEYS[1], 'stat', 'Memory used'],
        [KEYS[2], 'gauge', 'Temperature'],
      ],
    );
    // Each visible panel queried (once; a narrower or re-laid-out webview may add a query, never none).
    for (const k of KEYS) assert.ok((first.queriesByKey[k] ?? 0) >= 1, JSON.stringify(first.queriesByKey));
    // Beside the dashboard, which keeps the focus.
    const tabs = vscode.window.tabGroups.all.map((g) => g.tabs.map((tab) => tab.label));
    assert.ok(tabs.length >= 2 && tabs.flat().includes('Preview: preview.json'), JSON.stringify(tabs));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
    await new Promise((r) => setTimeout(r, 500));
    await screenshot('dashboard-preview');

    // The same document again: the same panel.
    await vscode.commands.executeCommand('monitoring.previewDashboard', doc.uri.toString());
    assert.equal(t.dashboardPanels().filter((p) => p.uri === doc.uri.toString()).length, 1);

    // Edit one panel's title: that panel re-renders with it; the others are not queried again.
    const before = { ...mine()!.queriesByKey };
    const at = doc.getText().indexOf('"Memory used"');
    assert.ok(at > 0);
    // An editor edit, as typing does.
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"Memory used"'.length)), '"Memory in use"')));
    const retitled = await waitFor(mine, (p) => !!p?.rendered?.panels.some((x) => x.title === 'Memory in use' && x.drawn), 30_000);
    assert.deepEqual(
      retitled?.rendered?.panels.map((p) => p.title),
      ['Requests by job', 'Memory in use', 'Temperature'],
      JSON.stringify(retitled?.rendered),
    );
    // Give late queries a chance to show up before counting.
    await new Promise((r) => setTimeout(r, 1000));
    const after = mine()!.queriesByKey;
    assert.equal(after[KEYS[0]], before[KEYS[0]], `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    assert.equal(after[KEYS[2]], before[KEYS[2]], `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    assert.ok(after[KEYS[1]] >= before[KEYS[1]], JSON.stringify(after));

    // Invalid JSON: the server says where; the last render stays.
    const rendered = mine()!.rendered;
    assert.ok(await editor.edit((e) => e.insert(doc.positionAt(doc.getText().indexOf('"panels"')), '"oops": ,\n  ')));
    const failed = await waitFor(mine, (p) => !!p?.preview?.error, 10_000);
    assert.ok(failed?.preview?.error, `no error for invalid JSON: ${JSON.stringify(failed?.preview)?.slice(0, 300)}`);
    assert.deepEqual(failed.rendered?.panels.map((p) => p.title), rendered?.panels.map((p) => p.title));
    assert.deepEqual(failed.queriesByKey, after);
    await screenshot('dashboard-preview-invalid');
  });

  it('shows one panel alone from its "Preview panel" code lens', async () => {
    await closeAllEditors();
    const doc = await openFixture('dashboards/preview.json');
    const at = doc.positionAt(doc.getText().indexOf('"id": 3'));
    let lens: vscode.CodeLens | undefined;
    for (let i = 0; i < 50 && !lens; i++) {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      lens = lenses.find((l) => l.command?.command === 'monitoring.previewDashboard' && l.range.start.line === at.line - 1);
      if (!lens) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(lens?.command, 'no "Preview panel" code lens above the third panel');
    assert.equal(lens.command.title, 'Preview panel');
    const [uri, path] = lens.command.arguments as [string, Array<string | number>];
    assert.equal(String(uri), doc.uri.toString());
    assert.deepEqual(path, ['panels', 2]);
    await vscode.commands.executeCommand('monitoring.previewDashboard', uri, path, { time: TIME });
    const p = await waitFor(
      () => t.dashboardPanels().find((x) => x.uri === doc.uri.toString()),
      (x) => x?.rendered?.panels.length === 1 && x.rendered.panels[0].drawn,
      30_000,
    );
    assert.deepEqual(p?.rendered?.panels.map((x) => [x.key, x.title, x.drawn]), [[KEYS[2], 'Temperature', true]], JSON.stringify(p?.rendered));
  });

  it('selects a panel\'s JSON in the editor when the panel is clicked in the preview', async () => {
    const doc = await openFixture('dashboards/preview.json');
    const shown = await vscode.window.showTextDocument(doc, { preview: false });
    shown.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('monitoring.previewDashboard', doc.uri.toString(), undefined, { time: TIME });
    const mine = () => t.dashboardPanels().find((p) => p.uri === doc.uri.toString());
    const all = await waitFor(mine, (p) => p?.rendered?.panels.length === 3, 30_000);
    assert.equal(all?.rendered?.panels.length, 3, JSON.stringify(all?.rendered));
    // The preview's group has the focus (a webview: no text editor is active); the click must bring
    // the document's editor back with the panel selected.
    await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
    assert.equal(vscode.window.activeTextEditor, undefined);
    await clickInWebview(`.dash-panel[data-key='${KEYS[1]}'] .panel-title`);
    const isPanel = (e: vscode.TextEditor | undefined) => e?.document.uri.toString() === doc.uri.toString() && !e.selection.isEmpty;
    const editor = await waitFor(() => vscode.window.activeTextEditor, isPanel, 10_000);
    assert.ok(isPanel(editor), `active: ${editor?.document.uri.toString()}, selection empty: ${editor?.selection.isEmpty}`);
    const selected = editor!.document.getText(editor!.selection);
    assert.ok(selected.trimStart().startsWith('{') && selected.trimEnd().endsWith('}'), selected);
    assert.deepEqual(JSON.parse(selected).title, 'Memory used');
    await screenshot('dashboard-preview-click');
  });

  it('draws again from what it kept when the page reloads or is shown again, without querying', async () => {
    const doc = await openFixture('dashboards/preview.json');
    await vscode.commands.executeCommand('monitoring.previewDashboard', doc.uri.toString(), undefined, { time: TIME });
    const mine = () => t.dashboardPanels().find((p) => p.uri === doc.uri.toString());
    const allDrawn = (p: DashboardInfo | undefined) => p?.rendered?.panels.length === 3 && p.rendered.panels.every((x) => x.drawn);
    const shown = await waitFor(mine, allDrawn, 30_000);
    assert.ok(allDrawn(shown), JSON.stringify(shown?.rendered));
    const { queries, pageLoads } = shown!;
    // A new page (as after being hidden, retainContextWhenHidden being off) holds nothing: the host sends what it kept.
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    const reloaded = await waitFor(mine, (p) => (p?.pageLoads ?? 0) > pageLoads && p?.rendered !== shown!.rendered && allDrawn(p), 30_000);
    assert.equal(reloaded?.pageLoads, pageLoads + 1);
    assert.ok(allDrawn(reloaded), JSON.stringify(reloaded?.rendered));
    assert.equal(reloaded?.queries, queries);

    // Hidden behind another editor, then shown again: drawn, still without querying.
    const group = vscode.window.tabGroups.all.find((g) => g.tabs.some((tab) => tab.label === 'Preview: preview.json'));
    assert.ok(group, 'no tab group holds the preview');
    const other = await vscode.workspace.openTextDocument(fixtureUri('queries.promql'));
    await vscode.window.showTextDocument(other, { viewColumn: group.viewColumn, preview: false });
    const tab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((x) => x.label === 'Preview: preview.json');
    assert.equal((await waitFor(tab, (x) => !!x && !x.isActive, 5000))?.isActive, false);
    await vscode.commands.executeCommand('monitoring.previewDashboard', doc.uri.toString());
    assert.equal((await waitFor(tab, (x) => !!x?.isActive, 5000))?.isActive, true);
    await new Promise((r) => setTimeout(r, 1000));
    const again = await waitFor(mine, allDrawn, 30_000);
    assert.ok(allDrawn(again), JSON.stringify(again?.rendered));
    assert.equal(again?.queries, queries);
  });

  it('previews the active editor\'s JSON without arguments, and refuses other files', async () => {
    await closeAllEditors();
    const doc = await openFixture('dashboards/service.json');
    const preview = await vscode.commands.executeCommand<DashboardInfo['preview']>('monitoring.previewDashboard');
    assert.equal(preview?.title, 'Service overview');
    // code-server at times does not load a webview created right after every editor was closed (no
    // page load in 30 s, in 3 of 10 runs); showing the preview again, as a user would, loads it.
    const loaded = await waitFor(() => t.dashboardPanels().find((x) => x.uri === doc.uri.toString()), (x) => (x?.pageLoads ?? 0) > 0, 10_000);
    if (!loaded?.pageLoads) await vscode.commands.executeCommand('monitoring.previewDashboard');
    const p = await waitFor(
      () => t.dashboardPanels().find((x) => x.uri === doc.uri.toString()),
      (x) => (x?.rendered?.panels.length ?? 0) === 2,
      30_000,
    );
    // On failure, what the host knows of every preview: which page loads, answers and renders it saw.
    const state = () => JSON.stringify(t.dashboardPanels().map((x) => ({ uri: x.uri, pageLoads: x.pageLoads, rendered: x.rendered?.panels.map((r) => r.title), preview: x.preview?.title })));
    assert.deepEqual(p?.rendered?.panels.map((x) => x.title), ['Requests', 'Latency p90'], state());
    const count = t.dashboardPanels().length;
    await openFixture('queries.promql');
    assert.equal(await vscode.commands.executeCommand('monitoring.previewDashboard'), undefined);
    assert.equal(t.dashboardPanels().length, count);
    await closeAllEditors();
    // Closing the preview forgets it.
    assert.deepEqual(await waitFor(() => t.dashboardPanels(), (l) => l.length === 0, 5000), []);
  });

  it('re-queries its panels every `refresh` on its own while shown; waits while hidden; stops when closed', async () => {
    await closeAllEditors();
    const doc = await openFixture('dashboards/preview.json');
    await vscode.commands.executeCommand('monitoring.previewDashboard', doc.uri.toString(), undefined, { time: TIME });
    const mine = () => t.dashboardPanels().find((p) => p.uri === doc.uri.toString());
    const allDrawn = (p: DashboardInfo | undefined) => p?.rendered?.panels.length === 3 && p.rendered.panels.every((x) => x.drawn);
    const first = await waitFor(mine, allDrawn, 60_000);
    assert.ok(allDrawn(first), JSON.stringify(first?.rendered));
    assert.equal(first?.preview?.refresh, undefined);

    // "refresh": "5s" typed into the dashboard (Grafana's minimum interval): the preview picks it up.
    await setRefresh(doc, '5s');
    const armed = await waitFor(mine, (p) => p?.preview?.refresh === '5s', 10_000);
    assert.equal(armed?.preview?.refresh, '5s', JSON.stringify(armed?.preview));
    const base = { ...armed!.queriesByKey };
    const grown = (p: DashboardInfo | undefined, by: number) => KEYS.every((k) => (p?.queriesByKey[k] ?? 0) >= (base[k] ?? 0) + by);
    // Nobody touches anything: every visible panel is queried again, twice.
    const twice = await waitFor(mine, (p) => grown(p, 2), 40_000);
    assert.ok(grown(twice, 2), `${JSON.stringify(base)} → ${JSON.stringify(twice?.queriesByKey)}`);
    assert.ok(allDrawn(twice), JSON.stringify(twice?.rendered));

    // Hidden behind another dashboard's preview (in the same group) that refreshes every 5 s too:
    // while that one refreshes twice more (two intervals), the hidden one queries nothing.
    const other = await openFixture('dashboards/service.json');
    await setRefresh(other, '5s');
    await vscode.commands.executeCommand('monitoring.previewDashboard', other.uri.toString(), undefined, { time: TIME });
    const tab = (label: string) => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((x) => x.label === label);
    const behind = await waitFor(() => tab('Preview: preview.json'), (x) => x?.isActive === false, 5000);
    assert.equal(behind?.isActive, false, JSON.stringify(vscode.window.tabGroups.all.map((g) => g.tabs.map((x) => [x.label, x.isActive]))));
    assert.equal(behind?.group.viewColumn, tab('Preview: service.json')?.group.viewColumn);
    const witness = () => t.dashboardPanels().find((p) => p.uri === other.uri.toString());
    const w0 = await waitFor(witness, (p) => p?.preview?.refresh === '5s' && p.rendered?.panels.length === 2 && p.queries >= 2, 30_000);
    assert.equal(w0?.preview?.refresh, '5s');
    const w1 = await waitFor(witness, (p) => (p?.queries ?? 0) >= w0!.queries + 2, 20_000);
    assert.ok((w1?.queries ?? 0) >= w0!.queries + 2, 'the shown preview did not refresh');
    const hidden = mine()!.queries;
    const w3 = await waitFor(witness, (p) => (p?.queries ?? 0) >= w1!.queries + 4, 30_000);
    assert.ok((w3?.queries ?? 0) >= w1!.queries + 4, 'the shown preview did not refresh twice more');
    assert.equal(mine()!.queries, hidden, 'the hidden preview queried');

    // Shown again (the other one closed): it goes on refreshing.
    await vscode.window.tabGroups.close(tab('Preview: service.json')!);
    const resumed = await waitFor(mine, (p) => (p?.queries ?? 0) >= hidden + 3, 20_000);
    assert.ok((resumed?.queries ?? 0) >= hidden + 3, `no refresh after being shown again: ${resumed?.queries} vs ${hidden}`);

    // Closed: forgotten, its timer with it.
    await vscode.window.tabGroups.close(tab('Preview: preview.json')!);
    assert.equal(await waitFor(mine, (p) => p === undefined, 5000), undefined);
    await closeAllEditors();
  });
});
