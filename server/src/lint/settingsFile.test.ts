// The linter's own settings checked: .monitoring-lint.yml and the ids of disable comments.
import { strict as assert } from 'node:assert';
import { lintFile } from './index';
import { allRuleIds } from './registry';
import { inlineDisables } from './settings';
import { checkDisableComments, checkLintSettingsFile } from './settingsFile';

type Found = [ruleId: string, text: string, message: RegExp];
const found = (text: string, ds: Array<{ ruleId: string; message: string; range: { start: number; end: number } }>): Found[] =>
  ds.map((d) => [d.ruleId, text.slice(d.range.start, d.range.end), new RegExp('')]);

describe('.monitoring-lint.yml', () => {
  const cases: Array<{ name: string; text: string; want: Found[] }> = [
    { name: 'an empty file', text: '', want: [] },
    { name: 'comments only', text: '# nothing yet\n', want: [] },
    { name: 'known ids, a family and every level', text: 'rules:\n  rule/rate-window: warning\n  dashboard/: off\n  config/scheme: error\n  rule/record-name-format: false\n  promql/syntax: hint\n  rule/missing-annotation: info\n', want: [] },
    { name: 'rules: with nothing under it', text: 'rules:\n', want: [] },
    { name: 'a misspelt rule id, with the nearest', text: 'rules:\n  rule/missing-annotations: off\n', want: [['settings/unknown-rule', 'rule/missing-annotations', /unknown rule id "rule\/missing-annotations"; did you mean rule\/missing-annotation\?/]] },
    { name: 'an unknown family', text: 'rules:\n  dashbaord/: off\n', want: [['settings/unknown-rule', 'dashbaord/', /unknown rule family "dashbaord\/"; did you mean dashboard\/\?/]] },
    { name: 'an id far from every rule: no guess', text: 'rules:\n  something/else-entirely: off\n', want: [['settings/unknown-rule', 'something/else-entirely', /^unknown rule id "something\/else-entirely"$/]] },
    { name: 'an invalid level', text: 'rules:\n  rule/rate-window: warn\n', want: [['settings/invalid-level', 'warn', /rule rule\/rate-window: level must be error, warning, info, hint or off, not "warn"/]] },
    { name: 'a level that is a list', text: 'rules:\n  rule/rate-window: [off]\n', want: [['settings/invalid-level', '[off]', /level must be/]] },
    { name: 'rules as a list', text: 'rules:\n  - rule/rate-window\n', want: [['settings/invalid-level', '- rule/rate-window\n', /"rules" must be a map of rule id to level/]] },
    { name: 'an unknown top-level key, with the nearest', text: 'rule:\n  dashboard/: off\n', want: [['settings/unknown-key', 'rule', /unknown key "rule": \.monitoring-lint\.yml has only "rules" and "scrapeInterval"; did you mean rules\?/]] },
    { name: 'a scrape interval', text: 'scrapeInterval: 30s\nrules: {}\n', want: [] },
    { name: 'a scrape interval without its unit', text: 'scrapeInterval: 30\n', want: [['settings/invalid-value', '30', /scrapeInterval must be a Prometheus duration above zero, such as 30s, not 30/]] },
    { name: 'a scrape interval of zero', text: 'scrapeInterval: 0s\n', want: [['settings/invalid-value', '0s', /not "0s"/]] },
    { name: 'a misspelt scrapeInterval', text: 'scrape_interval: 30s\n', want: [['settings/unknown-key', 'scrape_interval', /did you mean scrapeInterval\?/]] },
    { name: 'not YAML', text: 'rules:\n  rule/rate-window: [off\n', want: [['settings/yaml-syntax', '', /flow sequence|Missing|end/i]] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = checkLintSettingsFile(c.text, allRuleIds);
      assert.deepEqual(found(c.text, got).map(([id, t]) => [id, t]), c.want.map(([id, t]) => [id, t]));
      got.forEach((d, i) => assert.match(d.message, c.want[i][2]));
    });
  }

  it('is linted as its own kind, by name, with the quick fix for a misspelt id', () => {
    const text = 'rules:\n  rule/missing-annotations: off\n';
    const r = lintFile('/repo/.monitoring-lint.yml', text);
    assert.equal(r?.kind, 'lint-settings');
    const d = r!.diagnostics.find((x) => x.ruleId === 'settings/unknown-rule');
    assert.deepEqual(d?.fixes, [{ title: 'Change to rule/missing-annotation', edits: [{ range: { start: 9, end: 33 }, newText: 'rule/missing-annotation' }] }]);
    assert.equal(lintFile('/repo/monitoring-lint.yml', text), null, 'another name is not a settings file');
  });
});

describe('disable comments name rules that exist', () => {
  const cases: Array<{ name: string; text: string; want: Array<[string, string]> }> = [
    { name: 'known ids and a family', text: '# monitoring-lint-disable rule/rate-window, dashboard/\n', want: [] },
    { name: 'no id (every rule)', text: '# monitoring-lint-disable\n', want: [] },
    { name: 'a misspelt id', text: 'x: 1 # monitoring-lint-disable-next-line rule/rate-windows\n', want: [['settings/unknown-rule', 'rule/rate-windows']] },
    { name: 'a reason after --', text: '# monitoring-lint-disable-file rule/rate-window -- the job scrapes every 5s\n', want: [] },
    { name: 'a word without -- and without / near no rule: prose, left alone', text: '# monitoring-lint-disable rule/rate-window because\n', want: [] },
    { name: 'a family-less id near a rule', text: '# monitoring-lint-disable rate-window\n', want: [['settings/unknown-rule', 'rate-window']] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = checkDisableComments(c.text, allRuleIds);
      assert.deepEqual(got.map((d) => [d.ruleId, c.text.slice(d.range.start, d.range.end)]), c.want);
    });
  }

  it('a reason after -- does not turn the comment into "every rule"', () => {
    const d = inlineDisables('# monitoring-lint-disable rule/rate-window -- slow job\nexpr: x\n');
    assert.deepEqual([...(d.lines.get(1) ?? [])], ['rule/rate-window']);
  });

  it('in a rule file, next to the findings of the rules', () => {
    const text = 'groups:\n- name: g\n  rules:\n  # monitoring-lint-disable rule/record-name-formt\n  - record: yolo\n    expr: up\n';
    const ids = lintFile('rules.yml', text)!.diagnostics.map((d) => d.ruleId);
    assert.ok(ids.includes('settings/unknown-rule'), ids.join());
    assert.ok(ids.includes('rule/record-name-format'), 'the misspelt disable turned nothing off');
  });
});
