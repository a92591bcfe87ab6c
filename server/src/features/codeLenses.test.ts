import * as assert from 'node:assert/strict';
import { documentExpressions } from './expressions';
import { MAX_LENSES, runQueryLenses } from './codeLenses';

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
