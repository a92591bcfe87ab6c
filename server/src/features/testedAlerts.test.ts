// alertname in promtool test files: where the cursor is on one, and what hover says of its rule.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { testedAlertingRules } from '../lint/ruleTests/ruleFiles';
import { alertnameSpotAt, alertRuleMarkdown } from './testedAlerts';

describe('alertname spots', () => {
  const cases: Array<[string, [string, string] | undefined]> = [
    ['      - alertname: Instance|Down\n', ['InstanceDown', 'InstanceDown']],
    ['        alertname: |\n', ['', '']],
    ['        alertname: "Quo|ted"  # a comment\n', ['Quoted', '"Quoted"']],
    ['        alertname: X\n        eval_time: 5|m\n', undefined],
    ['        alertnam|e: X\n', undefined],
    ['        exp_labels: {alertname: X|}\n', undefined],
  ];
  for (const [marked, want] of cases) {
    it(JSON.stringify(marked), () => {
      const offset = marked.indexOf('|');
      const text = marked.replace('|', '');
      const s = alertnameSpotAt(text, offset);
      assert.deepEqual(s && [s.name, text.slice(s.start, s.end)], want);
    });
  }
});

describe('the rules a test file tests', () => {
  const FIXTURES = path.join(__dirname, '..', '..', '..', 'test-fixtures', 'lint', 'rule-tests');
  it('finds each alerting rule with where its name is written, and says what to expect of it', () => {
    const rules = testedAlertingRules(path.join(FIXTURES, 'alerts_test.yml'), ['alerts.yml'])!;
    assert.deepEqual([...rules.keys()], ['InstanceDown']);
    const [r] = rules.get('InstanceDown')!;
    assert.equal(r.file, path.join(FIXTURES, 'alerts.yml'));
    assert.deepEqual(r.nameRange, { start: 116, end: 128 });
    const md = alertRuleMarkdown('InstanceDown', [r], (f) => path.basename(f));
    assert.match(md, /^\*\*alert InstanceDown\*\* in `alerts\.yml`\n\n```promql\nup == 0\n```/);
    assert.match(md, /Labels every alert has \(expect them in `exp_labels`\): `severity: page`/);
    assert.match(md, /Annotations \(expect each in `exp_annotations`\): `summary`, `description`/);
    assert.equal(testedAlertingRules(path.join(FIXTURES, 'alerts_test.yml'), ['missing.yml']), undefined);
  });
});
