import * as assert from 'node:assert/strict';
import { documentExpressions } from './expressions';
import { MAX_LENSES, previewPanelLenses, runQueryLenses } from './codeLenses';

describe('runQueryLenses', () => {
  const cases: Array<{ name: string; uri: string; languageId: string; text: string; at: string[] }> = [
    { name: '.promql: one per expression', uri: 'file:///q.promql', languageId: 'promql', text: 'up\n\n  rate(x[5m])\n', at: ['up', 'rate(x[5m])'] },
    {
      name: 'rule file: each expr value, block scalars included',
      uri: 'file:///r.yml',
      languageId: 'yaml',
      text: 'groups:\n- name: g\n  rules:\n  - record: a:b:c\n    expr: sum(up)\n  - alert: A\n    expr: |\n      up == 0\n',
      at: ['sum(up)', 'up == 0'],
    },
    {
      name: 'dashboard: each target expr, empty ones skipped',
      uri: 'file:///d.json',
      languageId: 'json',
      text: '{"panels":[{"id":1,"type":"timeseries","title":"x","targets":[{"expr":"rate(a[$__rate_interval])"},{"expr":""}]}]}',
      at: ['rate(a[$__rate_interval])'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const offsets = runQueryLenses(documentExpressions(c.uri, c.text, c.languageId));
      assert.deepEqual(offsets.map((o, i) => c.text.slice(o, o + c.at[i]!.length)), c.at);
    });
  }

  it(`stops at ${MAX_LENSES} lenses`, () => {
    const text = Array.from({ length: MAX_LENSES + 10 }, (_, i) => `m${i}`).join('\n\n');
    assert.equal(runQueryLenses(documentExpressions('file:///big.promql', text, 'promql')).length, MAX_LENSES);
  });
});

describe('previewPanelLenses', () => {
  const dashboard = '{\n  "panels": [\n    {"id": 1, "type": "timeseries"},\n    {"id": 2, "type": "row", "collapsed": true, "panels": [{"id": 3, "type": "stat"}]},\n    {"id": 4, "type": "text"}\n  ],\n  "rows": [{"panels": [{"id": 5}]}]\n}';
  const cases: Array<{ name: string; file: string; text: string; want: Array<[string, number]> }> = [
    {
      name: 'dashboard: every panel, nested in a collapsed row and in legacy rows too; not the row itself',
      file: '/d.json',
      text: dashboard,
      want: [['["panels",0]', 1], ['["panels",1,"panels",0]', 3], ['["panels",2]', 4], ['["rows",0,"panels",0]', 5]],
    },
    { name: 'export wrapper', file: '/w.json', text: '{"dashboard": {"panels": [{"id": 7}]}, "overwrite": true}', want: [['["panels",0]', 7]] },
    { name: 'not a dashboard: a rule file', file: '/r.json', text: '{"groups": [{"name": "g", "rules": []}]}', want: [] },
    { name: 'not a dashboard: YAML', file: '/r.yml', text: 'panels:\n  - id: 1\n', want: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const lenses = previewPanelLenses(c.file, c.text);
      // Each lens sits on the panel object's `{` and names the panel by its path.
      const got = lenses.map((l) => {
        assert.equal(c.text[l.offset], '{');
        const id = Number(/^\{\s*"id": (\d+)/.exec(c.text.slice(l.offset))?.[1]);
        return [JSON.stringify(l.path), id] as [string, number];
      });
      assert.deepEqual(got, c.want);
    });
  }
});
