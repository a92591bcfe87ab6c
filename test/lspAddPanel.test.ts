// `monitoring/addPanel` over stdio: the edit for an open document (its unsaved text) and for a
// file read from disk, in LSP positions, and clear errors for what cannot take a panel.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dashboardExpressions } from '../server/src/documents/dashboard';

const ROOT = path.join(__dirname, '..');
const SERVER = path.join(ROOT, 'server', 'out', 'server.js');

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
type Answer = { edit: { range: Range; newText: string }; panelRange: Range; id: number } | { error: string };

describe('monitoring/addPanel (language server over stdio)', function () {
  this.timeout(30_000);
  let proc: ChildProcessWithoutNullStreams;
  let conn: MessageConnection;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'addpanel-'));
    proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await conn.sendNotification('initialized', {});
  });
  after(() => {
    conn?.dispose();
    proc?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const applied = (text: string, a: Answer): { after: string; panelText: string } => {
    assert.ok(!('error' in a), JSON.stringify(a));
    if ('error' in a) throw new Error();
    const doc = TextDocument.create('x', 'json', 0, text);
    const after = TextDocument.applyEdits(doc, [a.edit]);
    const next = TextDocument.create('x', 'json', 0, after);
    return { after, panelText: after.slice(next.offsetAt(a.panelRange.start), next.offsetAt(a.panelRange.end)) };
  };

  it('edits a file on disk (not open): the panel lands below, with the next id, found by the extraction', async () => {
    const file = path.join(dir, 'service.json');
    const text = readFileSync(path.join(ROOT, 'test-fixtures/workspace/dashboards/service.json'), 'utf8');
    writeFileSync(file, text);
    const a = await conn.sendRequest<Answer>('monitoring/addPanel', { uri: pathToFileURL(file).href, expr: 'sum(up)', legendFormat: '{{job}}' });
    const { after, panelText } = applied(text, a);
    const panel = JSON.parse(panelText);
    assert.equal(panel.type, 'timeseries');
    assert.equal(panel.id, 3);
    assert.deepEqual(panel.targets, [{ refId: 'A', expr: 'sum(up)', legendFormat: '{{job}}' }]);
    assert.deepEqual(panel.gridPos, { x: 0, y: 8, w: 12, h: 8 });
    assert.equal(JSON.parse(after).panels.length, 3);
    assert.ok(dashboardExpressions(after).some((e) => e.source === 'sum(up)'));
  });

  it('uses the open document (unsaved text) over the disk', async () => {
    const file = path.join(dir, 'open.json');
    writeFileSync(file, '{"panels": [{"id": 1}]}');
    const uri = pathToFileURL(file).href;
    const open = '{\n    "title": "unsaved",\n    "panels": [\n        {"id": 41, "type": "stat", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 4}}\n    ]\n}\n';
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: open } });
    const a = await conn.sendRequest<Answer>('monitoring/addPanel', { uri, expr: 'up', title: 'Up' });
    const { after, panelText } = applied(open, a);
    const panel = JSON.parse(panelText);
    assert.equal(panel.id, 42);
    assert.equal(panel.title, 'Up');
    assert.deepEqual(panel.gridPos, { x: 12, y: 0, w: 12, h: 8 }, 'beside the half-width panel');
    assert.match(after, /\n {8}\{\n {12}"type": "timeseries"/, 'the file\'s 4-space indentation');
  });

  it('answers errors: invalid JSON, legacy rows, a missing file', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"panels": [');
    const rows = path.join(dir, 'rows.json');
    writeFileSync(rows, '{"rows": [{"panels": []}]}');
    const cases: Array<[string, RegExp]> = [
      [pathToFileURL(bad).href, /not valid JSON/],
      [pathToFileURL(rows).href, /legacy "rows"/],
      [pathToFileURL(path.join(dir, 'missing.json')).href, /cannot read/],
    ];
    for (const [uri, message] of cases) {
      const a = await conn.sendRequest<Answer>('monitoring/addPanel', { uri, expr: 'up' });
      assert.ok('error' in a, JSON.stringify(a));
      assert.match(a.error, message);
    }
  });
});
