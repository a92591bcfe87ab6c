import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { documentExpressions } from '../documents/expressions';
import type { PosRange } from '../promql/ast';
import { documentOutline, documentSymbols, type OutlineSymbol } from './symbols';

const CORPUS = path.join(__dirname, '../../../test-fixtures/corpus');

/** `kind name [detail]` lines, indented by depth, so a table row shows the whole tree. */
function shape(symbols: OutlineSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.kind} ${s.name} [${s.detail}]`, ...shape(s.children, depth + 1)]);
}

const within = (inner: PosRange, outer: PosRange): boolean => inner.start >= outer.start && inner.end <= outer.end;

/** Every invariant LSP clients rely on: selection inside range, children inside their parent. */
function checkNesting(symbols: OutlineSymbol[], parent?: OutlineSymbol): void {
  for (const s of symbols) {
    assert.ok(within(s.selectionRange, s.range), `${s.name}: selection ${JSON.stringify(s.selectionRange)} outside ${JSON.stringify(s.range)}`);
    if (parent) assert.ok(within(s.range, parent.range), `${s.name} outside its parent ${parent.name}`);
    assert.ok(s.name.length > 0);
    checkNesting(s.children, s);
  }
}

function leaves(symbols: OutlineSymbol[]): OutlineSymbol[] {
  return symbols.flatMap((s) => (s.children.length ? leaves(s.children) : [s]));
}

function outline(file: string, text: string): OutlineSymbol[] {
  const { kind, expressions } = documentExpressions(file, text);
  return documentSymbols(kind, text, expressions);
}

const RULES = `groups:
  - name: http
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
      - alert: HighErrorRate
        expr: job:http_requests:rate5m > 1
  - name: node
    rules:
      - alert: NodeDown
        expr: up{job="node"} == 0
`;

const MANIFEST = `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: demo
spec:
  groups:
    - name: kube
      rules:
        - alert: KubeDown
          expr: absent(up{job="kube"})
---
groups:
  - name: second-doc
    rules:
      - record: a:b
        expr: sum(x)
`;

const DASHBOARD = JSON.stringify({
  title: 'D',
  panels: [
    { id: 1, type: 'stat', title: 'Outside', targets: [{ refId: 'A', expr: 'up\n# second line' }] },
    { id: 2, type: 'row', title: 'Expanded', collapsed: false, panels: [] },
    { id: 3, type: 'timeseries', title: '', targets: [{ refId: 'A', expr: 'rate(x[5m])' }, { refId: 'B', expr: 'rate(y[5m])' }] },
    { id: 4, type: 'row', title: 'Collapsed', collapsed: true, panels: [{ id: 5, type: 'table', title: 'Inner', targets: [{ refId: 'C', expr: 'sum(z)' }] }] },
  ],
  templating: { list: [{ name: 'job', type: 'query', query: 'label_values(up, job)' }] },
}, null, 2);

const OLD_ROWS = JSON.stringify({
  title: 'Old',
  rows: [
    { title: 'First', panels: [{ id: 1, type: 'graph', title: 'CPU', targets: [{ refId: 'A', expr: 'node_cpu' }] }] },
    { title: 'Second', panels: [{ id: 2, type: 'singlestat', targets: [{ refId: 'A', expr: 'up' }] }] },
  ],
}, null, 2);

describe('document symbols', () => {
  const cases: Array<{ name: string; file: string; text: string; tree: string[] }> = [
    {
      name: 'a rule file with two groups', file: 'rules.yml', text: RULES, tree: [
        'group http [rule group]',
        '  recording-rule job:http_requests:rate5m [recording rule]',
        '  alerting-rule HighErrorRate [alerting rule]',
        'group node [rule group]',
        '  alerting-rule NodeDown [alerting rule]',
      ],
    },
    {
      name: 'a PrometheusRule manifest followed by a plain document', file: 'rule.yaml', text: MANIFEST, tree: [
        'group kube [rule group]',
        '  alerting-rule KubeDown [alerting rule]',
        'group second-doc [rule group]',
        '  recording-rule a:b [recording rule]',
      ],
    },
    {
      name: 'a dashboard with panels outside rows, an expanded and a collapsed row', file: 'd.json', text: DASHBOARD, tree: [
        'panel Outside [stat]',
        '  target A up [target]',
        'row Expanded [row]',
        '  panel Panel 3 [timeseries]',
        '    target A rate(x[5m]) [target]',
        '    target B rate(y[5m]) [target]',
        'row Collapsed [row]',
        '  panel Inner [table]',
        '    target C sum(z) [target]',
        'variables Variables [template variables]',
        '  variable job [query]',
      ],
    },
    {
      name: 'an old rows[] dashboard', file: 'old.json', text: OLD_ROWS, tree: [
        'row First [row]',
        '  panel CPU [graph]',
        '    target A node_cpu [target]',
        'row Second [row]',
        '  panel Panel 2 [singlestat]',
        '    target A up [target]',
      ],
    },
    {
      name: 'a .promql file, one symbol per expression', file: 'q.promql', text: 'sum(up)\n\nrate(x[5m])\n', tree: [
        'expression expression 1 [PromQL]',
        'expression expression 2 [PromQL]',
      ],
    },
  ];
  for (const c of cases) {
    it(`outlines ${c.name}`, () => {
      const symbols = outline(c.file, c.text);
      assert.deepEqual(shape(symbols), c.tree);
      checkNesting(symbols);
    });
  }

  it('selects the name of a group and a rule, and ranges over the whole node', () => {
    const [http] = outline('rules.yml', RULES);
    assert.equal(RULES.slice(http.selectionRange.start, http.selectionRange.end), 'http');
    assert.match(RULES.slice(http.range.start, http.range.end), /^name: http\n[\s\S]*HighErrorRate\n\s*expr: job:http_requests:rate5m > 1\n?$/);
    const alert = http.children[1];
    assert.equal(RULES.slice(alert.selectionRange.start, alert.selectionRange.end), 'HighErrorRate');
    assert.ok(!RULES.slice(alert.range.start, alert.range.end).includes('node'), 'the rule stops before the next group');
  });

  it('lets an expanded row range over the panels it holds', () => {
    const row = outline('d.json', DASHBOARD).find((s) => s.name === 'Expanded');
    assert.ok(row);
    assert.ok(DASHBOARD.slice(row.range.start, row.range.end).includes('rate(y[5m])'));
    assert.ok(!DASHBOARD.slice(row.range.start, row.range.end).includes('Collapsed'));
  });

  it('resolves the kind from the language id first', () => {
    const symbols = documentOutline('untitled:Untitled-1', 'promql', 'up\n', documentExpressions('x.promql', 'up\n').expressions);
    assert.deepEqual(shape(symbols), ['expression expression 1 [PromQL]']);
    assert.deepEqual(symbols[0].range, { start: 0, end: 2 });
  });

  // Every corpus rule file and dashboard: the outline nests properly, every PromQL expression lies
  // inside one of its leaves, and no prefix of the file (typing in progress) makes it throw.
  const corpusFiles = ['rules', 'dashboards'].flatMap((dir) => walk(path.join(CORPUS, dir)))
    .filter((f) => /\.(ya?ml|json)$/.test(f));
  it(`outlines the ${corpusFiles.length} corpus rule files and dashboards, covering every expression`, () => {
    assert.ok(corpusFiles.length > 10);
    let covered = 0;
    for (const file of corpusFiles) {
      const text = readFileSync(file, 'utf8');
      const { kind, expressions } = documentExpressions(file, text);
      const symbols = documentSymbols(kind, text, expressions);
      checkNesting(symbols);
      const leafRanges = leaves(symbols).map((s) => s.range);
      for (const e of expressions) {
        assert.ok(leafRanges.some((r) => within(e.range, r)), `${path.basename(file)}: ${e.label} is in no symbol`);
        covered++;
      }
    }
    assert.ok(covered > 100, `only ${covered} expressions`);
  });

  it('never throws on malformed input', () => {
    const samples = [RULES, MANIFEST, DASHBOARD, OLD_ROWS, ...corpusFiles.slice(0, 6).map((f) => readFileSync(f, 'utf8'))];
    const kinds = ['rule-file', 'dashboard', 'promql', 'prometheus-config', null] as const;
    for (const text of samples) {
      for (let i = 1; i <= 8; i++) {
        const cut = text.slice(0, Math.floor((text.length * i) / 9));
        for (const kind of kinds) checkNesting(documentSymbols(kind, cut, []));
      }
    }
    for (const text of ['', 'groups: 3', 'groups:\n  - 1\n  - name: [a]\n    rules: {x: 1}\n  - rules:\n    - alert: 5\n', '[]', '{"panels": [1, null, {"type": "row"}]}', '{"rows": "x", "templating": {"list": [2]}}']) {
      for (const kind of kinds) checkNesting(documentSymbols(kind, text, []));
    }
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
