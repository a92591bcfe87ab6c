import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFileKind } from './detect';

const CORPUS = join(__dirname, '../../../test-fixtures/corpus');

describe('detectFileKind', () => {
  const cases: Array<[string, string, string | null]> = [
    ['q.promql', 'anything', 'promql'],
    ['rules.yml', 'groups:\n- name: a\n  rules: []\n', 'rule-file'],
    ['x.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups: []\n', 'rule-file'],
    ['x.yaml', 'kind: PrometheusRule\nmetadata: {}\n', null],
    ['prometheus.yml', 'global:\n  scrape_interval: 15s\nscrape_configs: []\n', 'prometheus-config'],
    ['p.yaml', '# c\nrule_files:\n  - a.yml\n', 'prometheus-config'],
    ['other.yaml', 'foo: bar\n', null],
    ['/etc/prometheus/prometheus.yml', '', 'prometheus-config'],
    ['my-prometheus.yml', '', null],
    ['values.yaml', 'global:\n  imageRegistry: x\nreplicaCount: 2\n', null],
    ['alertmanager.yml', 'global:\n  resolve_timeout: 5m\nroute:\n  receiver: a\nreceivers:\n- name: a\n', null],
    ['p.yml', 'global:\n  scrape_interval: 15s\notlp:\n  translation_strategy: NoTranslation\n', 'prometheus-config'],
    ['rules.json', '{"groups": [{"name": "a", "rules": []}]}', 'rule-file'],
    ['d.json', '{"panels": [], "title": "x"}', 'dashboard'],
    ['d.json', '{"schemaVersion": 39}', 'dashboard'],
    ['d.json', '{"apiVersion": "dashboard.grafana.app/v2beta1", "kind": "Dashboard", "spec": {}}', 'dashboard'],
    ['d.json', '{"dashboard": {"panels": []}, "overwrite": true}', 'dashboard'],
    ['package.json', '{"name": "x"}', null],
    ['noext', '{"templating": {"list": []}}', 'dashboard'],
    ['noext', 'groups: []\n', 'rule-file'],
    ['broken.json', '{"panels": [', 'dashboard'],
    ['broken.json', '{', null],
    // Indented as a whole: Prometheus reads such files (up to the first less indented line).
    ['r.yml', '  groups:\n  - name: a\n    rules: []\n', 'rule-file'],
    ['p.yml', '# c\n global:\n   scrape_interval: 15s\n scrape_configs: []\n', 'prometheus-config'],
    ['v.yml', '  foo: bar\n', null],
    // promtool test files: `tests:` with another of its top-level keys, or test cases of its own keys.
    ['t.yml', 'rule_files: [r.yml]\ntests: []\n', 'rule-test'],
    ['t.yml', 'tests:\n- interval: 1m\n  input_series:\n  - series: up\n    values: 1\n', 'rule-test'],
    ['t.yml', 'tests:\n  - promql_expr_test:\n      - expr: vector(1)\n', 'rule-test'],
    ['t.yml', 'tests:\n- name: x\n  alert_rule_test: []\n', 'rule-test'],
    ['ci.yml', 'tests:\n- name: unit\n  run: npm test\n', null],
    ['ci.yml', 'tests: []\n# input_series: in a comment\n', null],
    ['p.yml', 'scrape_configs: []\ntests:\n- input_series: []\n', 'prometheus-config'],
  ];
  for (const [name, text, want] of cases) {
    it(`${name}: ${JSON.stringify(text).slice(0, 40)} → ${want}`, () => assert.equal(detectFileKind(name, text), want));
  }

  it('recognises every corpus rule file, dashboard and Prometheus config', () => {
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
    const kinds = (dir: string, re: RegExp): Array<string | null> => walk(join(CORPUS, dir)).filter((f) => re.test(f)).map((f) => detectFileKind(f, readFileSync(f, 'utf8')));
    const rules = kinds('rules', /\.ya?ml$/);
    assert.equal(rules.length, 17);
    assert.ok(rules.every((k) => k === 'rule-file'));
    const dashboards = kinds('dashboards', /\.json$/).filter((_, i, a) => a.length > 0);
    assert.equal(dashboards.filter((k) => k === 'dashboard').length, 18);
    const configs = walk(join(CORPUS, 'config/testdata')).filter((f) => /\.good\.yml$/.test(f)).map((f) => [f, detectFileKind(f, readFileSync(f, 'utf8'))]);
    assert.ok(configs.length > 20);
    assert.deepEqual(configs.filter(([, k]) => k !== 'prometheus-config'), []);
  });
});
