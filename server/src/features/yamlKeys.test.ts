// Key completion from the checkers' schemas: the block at the cursor, read off the indentation.
import { strict as assert } from 'node:assert';
import { rootConfig } from '../lint/config/schema/root';
import { CRD_GROUP_FIELDS, GROUP_FIELDS, RULE_FIELDS } from '../lint/rules/decode';
import { prometheusRuleSchema, ruleFileSchema, ruleFileSchemaParts } from '../lint/rules/schema';
import { unitTestFile } from '../lint/ruleTests/schema';
import { yamlKeyCompletion, yamlKeyHover } from './yamlKeys';

/** `|` marks the cursor: the candidate names, or undefined when no key fits there. */
function keysAt(marked: string, root = rootConfig): string[] | undefined {
  const offset = marked.indexOf('|');
  const r = yamlKeyCompletion(marked.replace('|', ''), offset, root);
  return r?.candidates.map((c) => c.name);
}

describe('yaml key completion', () => {
  it('top level of prometheus.yml, without the keys already there', () => {
    const keys = keysAt('global:\n  scrape_interval: 15s\n|\n')!;
    assert.ok(keys.includes('scrape_configs') && keys.includes('rule_files') && keys.includes('remote_write'), keys.join());
    assert.ok(!keys.includes('global'));
  });
  it('inside global', () => {
    const keys = keysAt('global:\n  scrape_interval: 15s\n  sc|\n')!;
    assert.ok(keys.includes('scrape_timeout') && keys.includes('evaluation_interval') && keys.includes('external_labels'), keys.join());
    assert.ok(!keys.includes('scrape_interval') && !keys.includes('job_name'));
  });
  it('in a scrape config (a list item), after its first key', () => {
    const text = 'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [x:1]\n    |\n';
    const keys = keysAt(text)!;
    assert.ok(keys.includes('metrics_path') && keys.includes('relabel_configs') && keys.includes('kubernetes_sd_configs') && keys.includes('basic_auth'), keys.join());
    assert.ok(!keys.includes('job_name') && !keys.includes('static_configs'));
  });
  it('in the second scrape config: the first one\'s keys do not count', () => {
    const keys = keysAt('scrape_configs:\n  - job_name: a\n    metrics_path: /m\n  - job_name: b\n    |\n')!;
    assert.ok(keys.includes('metrics_path') && !keys.includes('job_name'));
  });
  it('a new list item on the cursor\'s line, list at the parent key\'s column', () => {
    const keys = keysAt('scrape_configs:\n- job_name: a\n- |\n')!;
    assert.ok(keys.includes('job_name') && keys.includes('scrape_interval'));
  });
  it('nested: a static config, a relabel rule, a TLS block', () => {
    assert.deepEqual(keysAt('scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [x:1]\n        |\n')?.sort(), ['labels']);
    assert.ok(keysAt('scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - |\n')!.includes('source_labels'));
    assert.ok(keysAt('scrape_configs:\n  - job_name: a\n    tls_config:\n      |\n')!.includes('insecure_skip_verify'));
  });
  it('not the keys Go accepts only for an untagged field', () => {
    const keys = keysAt('storage:\n  tsdb:\n    |\n')!;
    assert.ok(keys.includes('out_of_order_time_window') && keys.includes('retention'), keys.join());
    assert.ok(!keys.includes('outofordertimewindow'));
  });
  it('no keys where none go', () => {
    assert.equal(keysAt('global:\n  scrape_interval: |\n'), undefined, 'a value');
    assert.equal(keysAt('global:\n  external_labels:\n    |\n'), undefined, 'a map of free labels');
    assert.equal(keysAt('rule_files:\n  - |\n'), undefined, 'a list of strings');
    assert.equal(keysAt('    |\n'), undefined, 'indented with nothing above');
    assert.equal(keysAt('global:\n  nope_not_a_key:\n    |\n'), undefined, 'under an unknown key');
  });
  it('replaces the word under the cursor', () => {
    const text = 'global:\n  scrape_intervall: 1m\n';
    const r = yamlKeyCompletion(text, text.indexOf('intervall'), rootConfig)!;
    assert.equal(text.slice(r.start, r.end), 'scrape_intervall');
    assert.equal(r.hasColon, true, 'its colon is there already');
    assert.equal(yamlKeyCompletion('global:\n  scr\n', 13, rootConfig)!.hasColon, false);
  });
  it('rule files and rule test files', () => {
    assert.deepEqual(keysAt('groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        |\n', ruleFileSchema)?.sort(), ['annotations', 'for', 'keep_firing_for', 'labels', 'record']);
    assert.ok(keysAt('groups:\n  - name: g\n    |\n', ruleFileSchema)!.includes('interval'));
    assert.ok(keysAt('tests:\n  - interval: 1m\n    |\n', unitTestFile)!.includes('alert_rule_test'));
    assert.deepEqual(keysAt('tests:\n  - alert_rule_test:\n      - eval_time: 5m\n        |\n', unitTestFile)?.sort(), ['alertname', 'exp_alerts']);
  });
  it('the rule file schema has the decoder\'s fields', () => {
    assert.deepEqual(Object.keys(ruleFileSchemaParts.rule.fields).sort(), [...RULE_FIELDS].sort());
    assert.deepEqual(Object.keys(ruleFileSchemaParts.group.fields).sort(), [...GROUP_FIELDS].sort());
    assert.deepEqual(Object.keys(ruleFileSchemaParts.crdGroup.fields).sort(), [...CRD_GROUP_FIELDS].sort());
  });
  it('a Kubernetes PrometheusRule: the groups under spec', () => {
    const text = 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: x\nspec:\n  groups:\n    - name: g\n      |\n';
    assert.ok(keysAt(text, prometheusRuleSchema)!.includes('partial_response_strategy'));
    assert.deepEqual(keysAt('apiVersion: v1\n|\n', prometheusRuleSchema)?.sort(), ['kind', 'metadata', 'spec']);
    assert.equal(keysAt('metadata:\n  |\n', prometheusRuleSchema), undefined, 'metadata is free');
  });
  it('hover on a key: its kind and its block', () => {
    const text = 'scrape_configs:\n  - job_name: a\n    scrape_timeout: 5s\n    bogus_key: 1\n';
    const h = yamlKeyHover(text, text.indexOf('timeout'), rootConfig)!;
    assert.equal(h.markdown, '**scrape_timeout**: duration\n\nA field of `ScrapeConfig`.');
    assert.equal(text.slice(h.start, h.end), 'scrape_timeout');
    assert.equal(yamlKeyHover(text, text.indexOf('bogus'), rootConfig), undefined, 'an unknown key');
    assert.equal(yamlKeyHover(text, 2, rootConfig)?.markdown, '**scrape_configs**: list of ScrapeConfig\n\nA top-level key of the file.');
    assert.equal(yamlKeyHover(text, text.indexOf('5s'), rootConfig), undefined, 'a value');
  });
});
