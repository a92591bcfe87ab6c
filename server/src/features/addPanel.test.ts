import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addPanelEdit, detectFormatting, nextGridPos, shortTitle } from './addPanel';
import { dashboardExpressions } from '../documents/dashboard';

const FIXTURES = join(__dirname, '../../../test-fixtures');
const read = (rel: string): string => readFileSync(join(FIXTURES, rel), 'utf8');

/** Applies the edit and checks what every insertion must give: valid JSON, the panel found with its expr. */
function apply(text: string, expr: string, extra: { legendFormat?: string; title?: string } = {}) {
  const r = addPanelEdit(text, { expr, ...extra });
  if ('error' in r) throw new Error(r.error);
  const after = text.slice(0, r.edit.start) + r.edit.newText + text.slice(r.edit.end);
  const json = JSON.parse(after);
  const dash = json.dashboard && !json.panels ? json.dashboard : json;
  const panel = dash.panels[dash.panels.length - 1];
  assert.deepEqual(JSON.parse(after.slice(r.panel.start, r.panel.end)), panel, 'panel range covers the new panel');
  assert.ok(dashboardExpressions(after).some((e) => e.source === expr), 'the extraction finds the new expression');
  // Only the edit changed: text before and after it is byte-identical.
  assert.equal(after.slice(0, r.edit.start), text.slice(0, r.edit.start));
  return { r, after, dash, panel };
}

describe('addPanelEdit: the inserted panel', () => {
  it('appends a timeseries panel with the expression, next id, legend and empty field config', () => {
    const text = read('workspace/dashboards/service.json');
    const { panel, dash } = apply(text, 'sum(rate(http_requests_total[5m]))', { legendFormat: '{{code}}' });
    const before = JSON.parse(text);
    assert.equal(dash.panels.length, before.panels.length + 1);
    assert.equal(panel.type, 'timeseries');
    assert.equal(panel.title, 'sum(rate(http_requests_total[5m]))');
    assert.equal(panel.id, Math.max(...before.panels.map((p: { id: number }) => p.id)) + 1);
    assert.deepEqual(panel.targets, [{ refId: 'A', expr: 'sum(rate(http_requests_total[5m]))', legendFormat: '{{code}}' }]);
    assert.deepEqual(panel.fieldConfig, { defaults: {}, overrides: [] });
    assert.deepEqual(panel.options, {});
    assert.equal(panel.gridPos.w, 12);
    assert.equal(panel.gridPos.h, 8);
  });

  it('defaults legendFormat to __auto and takes a given title', () => {
    const { panel } = apply('{"panels": []}', 'up', { title: 'Targets up' });
    assert.equal(panel.title, 'Targets up');
    assert.equal(panel.targets[0].legendFormat, '__auto');
    assert.equal(panel.id, 1);
    assert.deepEqual(panel.gridPos, { x: 0, y: 0, w: 12, h: 8 });
  });

  it('creates `panels` in an empty dashboard', () => {
    const { dash, panel } = apply('{}', 'up');
    assert.equal(dash.panels.length, 1);
    assert.equal(panel.targets[0].expr, 'up');
  });

  it('inserts into the dashboard of an API export ({dashboard, overwrite})', () => {
    const text = JSON.stringify({ dashboard: { title: 'X', panels: [{ id: 7, type: 'stat', gridPos: { x: 0, y: 0, w: 24, h: 4 } }] }, overwrite: true }, null, 2);
    const { after, panel } = apply(text, 'up');
    assert.equal(JSON.parse(after).overwrite, true);
    assert.equal(JSON.parse(after).dashboard.panels.length, 2);
    assert.equal(panel.id, 8);
    assert.deepEqual(panel.gridPos, { x: 0, y: 4, w: 12, h: 8 });
  });

  it('keeps a JSON string with quotes and backslashes exact', () => {
    const expr = 'sum by (job) (rate(x{path=~"/a\\\\.b", q="\\"x\\""}[5m]))';
    const { panel } = apply('{"panels": []}', expr);
    assert.equal(panel.targets[0].expr, expr);
  });
});

describe('addPanelEdit: errors', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['invalid JSON', '{"panels": [', /not valid JSON/],
    ['not JSON at all', '', /not JSON/],
    ['an array at the top', '[1, 2]', /not a dashboard/],
    ['panels not an array', '{"panels": {}}', /not an array/],
    ['legacy rows', '{"rows": [{"panels": [{"id": 1, "type": "graph", "targets": [{"expr": "up"}]}]}]}', /legacy "rows".*migrate/],
    ['v2 dashboards', '{"elements": {}, "layout": {}}', /v2/],
  ];
  for (const [name, text, message] of cases) {
    it(name, () => {
      const r = addPanelEdit(text, { expr: 'up' });
      assert.ok('error' in r, JSON.stringify(r));
      assert.match(r.error, message);
    });
  }
  it('an empty expression', () => {
    const r = addPanelEdit('{}', { expr: '  ' });
    assert.ok('error' in r);
  });
});

describe('addPanelEdit: next free grid position', () => {
  const g = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });
  const cases: Array<[string, ReturnType<typeof g>[], { x: number; y: number }]> = [
    ['empty grid', [], { x: 0, y: 0 }],
    ['full-width panel: below it', [g(0, 0, 24, 8)], { x: 0, y: 8 }],
    ['half-width panel alone on the last line: beside it', [g(0, 0, 24, 8), g(0, 8, 12, 8)], { x: 12, y: 8 }],
    ['two halves on the last line: below', [g(0, 0, 12, 8), g(12, 0, 12, 8)], { x: 0, y: 8 }],
    ['last panel at x=12: below', [g(12, 0, 12, 8)], { x: 0, y: 8 }],
    ['wide last panel (w=16): below', [g(0, 0, 16, 8)], { x: 0, y: 8 }],
    ['right half blocked by a tall panel from above', [g(12, 0, 12, 12), g(0, 8, 12, 4)], { x: 0, y: 12 }],
    ['a row header (h=1) then nothing: below it', [g(0, 0, 24, 8), g(0, 8, 24, 1)], { x: 0, y: 9 }],
    ['bottom is the max of y+h, not the last panel', [g(0, 0, 6, 20), g(6, 0, 18, 4)], { x: 0, y: 20 }],
  ];
  for (const [name, grid, want] of cases) it(name, () => assert.deepEqual(nextGridPos(grid), want));

  it('collapsed rows count with their own gridPos, not their nested panels', () => {
    const text = JSON.stringify({
      panels: [
        { id: 1, type: 'timeseries', gridPos: { x: 0, y: 0, w: 24, h: 8 } },
        { id: 2, type: 'row', collapsed: true, gridPos: { x: 0, y: 8, w: 24, h: 1 }, panels: [{ id: 9, type: 'timeseries', gridPos: { x: 0, y: 9, w: 24, h: 30 } }] },
      ],
    }, null, 2);
    const { panel } = apply(text, 'up');
    assert.deepEqual(panel.gridPos, { x: 0, y: 9, w: 12, h: 8 });
    assert.equal(panel.id, 10, 'ids of nested panels count');
  });
});

describe('addPanelEdit: data source', () => {
  const ds = (panels: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ panels, ...extra }, null, 2);
  const target = [{ refId: 'A', expr: 'up' }];
  it('reuses the datasource variable other panels use', () => {
    const text = ds(
      [{ id: 1, type: 'timeseries', datasource: { type: 'prometheus', uid: '${datasource}' }, targets: target, gridPos: { x: 0, y: 0, w: 24, h: 8 } }],
      { templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }] } },
    );
    assert.deepEqual(apply(text, 'up').panel.datasource, { type: 'prometheus', uid: '${datasource}' });
  });
  it('reuses a string reference such as "$datasource"', () => {
    const text = ds([{ id: 1, type: 'graph', datasource: '$datasource', targets: target }], { templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }] } });
    assert.equal(apply(text, 'up').panel.datasource, '$datasource');
  });
  it('an import input (__inputs DS_PROMETHEUS) no panel uses yet', () => {
    const text = ds([], { __inputs: [{ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }] });
    assert.deepEqual(apply(text, 'up').panel.datasource, { type: 'prometheus', uid: '${DS_PROMETHEUS}' });
  });
  it('no variable: the data source most Prometheus panels use', () => {
    const p = (id: number, uid: string) => ({ id, type: 'timeseries', datasource: { type: 'prometheus', uid }, targets: target });
    assert.deepEqual(apply(ds([p(1, 'a'), p(2, 'b'), p(3, 'b')]), 'up').panel.datasource, { type: 'prometheus', uid: 'b' });
  });
  it('only Loki panels, no variable: omitted (Grafana default)', () => {
    const text = ds([{ id: 1, type: 'logs', datasource: { type: 'loki', uid: 'l' }, targets: target }]);
    assert.equal('datasource' in apply(text, 'up').panel, false);
  });
});

describe('addPanelEdit: formatting follows the file', () => {
  const base = { title: 'T', panels: [{ id: 1, type: 'timeseries', gridPos: { x: 0, y: 0, w: 24, h: 8 } }] };
  const cases: Array<[string, string | number, RegExp]> = [
    ['2 spaces', 2, /\n {4}\{\n {6}"type": "timeseries"/],
    ['4 spaces', 4, /\n {8}\{\n {12}"type": "timeseries"/],
    ['tabs', '\t', /\n\t\t\{\n\t\t\t"type": "timeseries"/],
  ];
  for (const [name, indent, shape] of cases) {
    it(name, () => {
      const text = JSON.stringify(base, null, indent) + '\n';
      const { r, after } = apply(text, 'up');
      assert.match(after, shape);
      assert.ok(after.endsWith(']\n}\n'), 'closing brackets kept in place');
      assert.doesNotMatch(r.edit.newText, indent === '\t' ? / {2}/ : /\t/);
    });
  }
  it('CRLF files keep CRLF', () => {
    const text = JSON.stringify(base, null, 2).replace(/\n/g, '\r\n');
    const { r } = apply(text, 'up');
    assert.doesNotMatch(r.edit.newText.replace(/\r\n/g, ''), /\n/);
    assert.ok(r.edit.newText.includes('\r\n'));
  });
  it('detectFormatting', () => {
    assert.deepEqual(detectFormatting('{\n    "a": 1\n}'), { insertSpaces: true, tabSize: 4, eol: '\n' });
    assert.deepEqual(detectFormatting('{\n\t"a": 1\n}'), { insertSpaces: false, tabSize: 4, eol: '\n' });
    assert.deepEqual(detectFormatting('{"a": 1}'), { insertSpaces: true, tabSize: 2, eol: '\n' });
  });
  it('shortTitle collapses whitespace and cuts long expressions', () => {
    assert.equal(shortTitle('sum(\n  rate(x[5m])\n)'), 'sum( rate(x[5m]) )');
    const long = shortTitle('a'.repeat(100));
    assert.equal(long.length, 60);
    assert.ok(long.endsWith('…'));
  });
});

describe('addPanelEdit: fixture and corpus dashboards', () => {
  const files = [
    'workspace/dashboards/service.json', 'workspace/dashboards/preview.json', 'workspace/dashboards/variables.json',
    'corpus/dashboards/kube-prometheus/kubelet.json', 'corpus/dashboards/kube-prometheus/k8s-resources-cluster.json',
    'corpus/dashboards/rfmoz/node-exporter-full.json', 'corpus/dashboards/rfmoz/haproxy.json',
  ];
  for (const file of files) {
    it(file, () => {
      const text = read(file);
      const before = JSON.parse(text);
      const dash = before.dashboard && !before.panels ? before.dashboard : before;
      const { panel, after } = apply(text, 'sum(rate(node_cpu_seconds_total[5m]))');
      // No overlap with any top-level panel, and below or beside the last one.
      for (const p of dash.panels ?? []) {
        const q = p.gridPos;
        if (!q) continue;
        const n = panel.gridPos;
        assert.ok(!(n.x < q.x + q.w && q.x < n.x + n.w && n.y < q.y + q.h && q.y < n.y + n.h), `overlaps panel ${p.id}`);
      }
      assert.equal(dashboardExpressions(after).length, dashboardExpressions(text).length + 1);
    });
  }
});
