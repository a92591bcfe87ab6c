import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { LintDiagnostic } from '../types';
import { checkPrometheusConfig, configRules } from './index';

const configPath = '/srv/prometheus/prometheus.yml';
/** File hooks for the tests: any path containing "missing" does not exist. */
const opts = {
  filePath: configPath,
  fileExists: (p: string) => !p.includes('missing'),
  globMatches: (p: string) => !p.includes('missing'),
};
const check = (text: string): LintDiagnostic[] => checkPrometheusConfig(text, opts);
/** Rules that only apply with a non-default option. */
const sdFiles: Record<string, string> = { 'targets/bad.json': '[{"targets": "node1:9100"}]', 'targets/good.json': '[{"targets": ["node1:9100"]}]' };
const readSdFile = (p: string): string | undefined => Object.entries(sdFiles).find(([name]) => p.endsWith(name))?.[1];
const ruleFiles: Record<string, string> = {
  'rules/broken.yml': 'groups:\n- name: g\n  rules:\n  - record: x\n    expr: sum(\n',
  'rules/alerts.yml': 'groups:\n- name: g\n  rules:\n  - alert: Down\n    expr: up == 0\n',
};
const readRuleFile = (p: string): string | undefined => Object.entries(ruleFiles).find(([name]) => p.endsWith(name))?.[1];
const optionFor: Record<string, object> = {
  'config/agent-mode': { agentMode: true },
  'config/too-large': { maxItems: 8 },
  'config/file-sd': { readFile: readSdFile },
  'config/rule-file': { readFile: readRuleFile, expandGlob: (p: string) => [p] },
};
const checkFor = (id: string, text: string): LintDiagnostic[] => checkPrometheusConfig(text, { ...opts, ...optionFor[id] });
const errors = (text: string): LintDiagnostic[] => check(text).filter((d) => d.severity === 'error');
const covered = (text: string, d: LintDiagnostic): string => text.slice(d.range.start, d.range.end);

describe('config rule documentation', () => {
  for (const doc of configRules.filter((r) => r.id !== 'config/internal')) {
    it(`${doc.id}: the bad example triggers it, the good one is clean`, () => {
      const bad = checkFor(doc.id, doc.badExample);
      assert.ok(bad.some((d) => d.ruleId === doc.id), `${doc.id} not reported: ${JSON.stringify(bad)}`);
      assert.ok(bad.filter((d) => d.ruleId === doc.id).every((d) => d.severity === doc.defaultSeverity));
      const good = checkFor(doc.id, doc.goodExample);
      assert.deepEqual(good.filter((d) => d.ruleId === doc.id || d.severity === 'error'), []);
    });
  }

  it('documents every rule id the checker emits on the corpus and the examples', () => {
    const documented = new Set(configRules.map((r) => r.id));
    const dir = path.resolve(__dirname, '../../../../test-fixtures/corpus/config/testdata');
    const texts = readdirSync(dir).filter((f) => f.endsWith('.yml')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
    const emitted = new Set(texts.flatMap((t) => check(t).map((d) => d.ruleId)));
    for (const r of configRules) for (const d of checkFor(r.id, r.badExample)) emitted.add(d.ruleId);
    assert.ok(emitted.size >= 15, `only ${emitted.size} rule ids seen`);
    for (const id of emitted) assert.ok(documented.has(id), `${id} is not in configRules`);
    for (const r of configRules) {
      assert.ok(r.summary.length > 10 && r.badExample !== r.goodExample, r.id);
      assert.equal(r.fileKind, 'prometheus-config');
    }
  });
});

interface Case {
  name: string;
  yaml: string;
  /** Expected rule id, or undefined when the input must be free of errors and warnings. */
  rule?: string;
  message?: string;
  /** The exact source text the diagnostic's range must cover. */
  at?: string;
}

const job = (body: string): string => `scrape_configs:\n  - job_name: node\n${body}`;

const cases: Case[] = [
  { name: 'unknown key suggests the nearest one', yaml: job('    scrape_intervall: 30s\n'), rule: 'config/unknown-key',
    message: 'field scrape_intervall not found in type config.ScrapeConfig; did you mean `scrape_interval`?', at: 'scrape_intervall' },
  { name: 'unknown top-level key', yaml: 'scrape_config:\n  - job_name: x\n', rule: 'config/unknown-key',
    message: 'field scrape_config not found in type config.plain; did you mean `scrape_configs`?', at: 'scrape_config' },
  { name: 'unknown key inside a service discovery', yaml: job('    kubernetes_sd_configs:\n      - role: pod\n        namespace: [a]\n'),
    rule: 'config/unknown-key', message: 'field namespace not found in type kubernetes.plain; did you mean `namespaces`?', at: 'namespace' },
  { name: 'a discovery by another name suggests the real one, not the nearest', yaml: job('    hcloud_sd_configs:\n      - role: hcloud\n'),
    rule: 'config/unknown-key', message: 'field hcloud_sd_configs not found in type config.ScrapeConfig; did you mean `hetzner_sd_configs`?', at: 'hcloud_sd_configs' },
  { name: "Prometheus Operator's camelCase suggests the snake_case field", yaml: job('    scrapeInterval: 30s\n'),
    rule: 'config/unknown-key', message: 'field scrapeInterval not found in type config.ScrapeConfig; did you mean `scrape_interval`?', at: 'scrapeInterval' },
  { name: "Prometheus Operator's relabelings", yaml: job('    metricRelabelings:\n      - action: drop\n        source_labels: [a]\n'),
    rule: 'config/unknown-key', message: 'field metricRelabelings not found in type config.ScrapeConfig; did you mean `metric_relabel_configs`?', at: 'metricRelabelings' },
  { name: "Prometheus 0.x's target_groups suggests static_configs", yaml: job('    target_groups:\n      - targets: [a:1]\n'),
    rule: 'config/unknown-key', message: 'field target_groups not found in type config.ScrapeConfig; did you mean `static_configs`?', at: 'target_groups' },
  { name: "Prometheus 3.0's rename of scrape_classic_histograms suggests the new name, not the opposite setting", yaml: job('    scrape_classic_histograms: true\n'),
    rule: 'config/unknown-key', message: 'field scrape_classic_histograms not found in type config.ScrapeConfig; did you mean `always_scrape_classic_histograms`?', at: 'scrape_classic_histograms' },
  { name: "storage.tsdb's untagged outofordertimewindow (Prometheus' own config dump) loads, with a warning", yaml: 'storage:\n  tsdb:\n    outofordertimewindow: 0\n',
    rule: 'config/ignored-key', message: 'outofordertimewindow is ignored', at: 'outofordertimewindow' },
  { name: 'outofordertimewindow is an int64, as Go decodes it', yaml: 'storage:\n  tsdb:\n    outofordertimewindow: 30m\n',
    rule: 'config/type', message: 'cannot unmarshal !!str `30m` into int64' },
  { name: 'labels in global suggests external_labels', yaml: 'global:\n  labels:\n    env: prod\n', rule: 'config/unknown-key',
    message: 'field labels not found in type config.plain; did you mean `external_labels`?', at: 'labels' },
  { name: 'duplicate field', yaml: 'global:\n  scrape_interval: 1m\n  scrape_interval: 2m\n', rule: 'config/duplicate-key',
    message: 'field scrape_interval already set in type config.plain' },
  { name: 'compound duration is fine', yaml: 'global:\n  scrape_interval: 1m30s\n  scrape_timeout: 1m\n' },
  { name: 'bare number is not a duration', yaml: 'global:\n  evaluation_interval: 30\n', rule: 'config/duration',
    message: 'not a valid duration string: "30"', at: '30' },
  { name: 'units out of order', yaml: 'global:\n  evaluation_interval: 30s1m\n', rule: 'config/duration', at: '30s1m' },
  { name: 'global timeout over interval', yaml: 'global:\n  scrape_interval: 5s\n  scrape_timeout: 10s\n', rule: 'config/scrape-timeout',
    message: 'global scrape timeout greater than scrape interval' },
  { name: 'job timeout over the global interval', yaml: 'global:\n  scrape_interval: 10s\n' + job('    scrape_timeout: 20s\n').replace('global:\n', ''),
    rule: 'config/scrape-timeout', message: 'scrape timeout greater than scrape interval for scrape config with job name "node"', at: 'scrape_timeout' },
  { name: 'a short global interval lowers the default timeout', yaml: 'global:\n  scrape_interval: 5s\n' },
  { name: 'job timeout under its own interval', yaml: job('    scrape_interval: 2m\n    scrape_timeout: 90s\n') },
  { name: 'duplicate job points at the second name', yaml: 'scrape_configs:\n  - job_name: a\n  - job_name: "a"\n',
    rule: 'config/duplicate-job', message: 'found multiple scrape configs with job name "a"', at: '"a"' },
  { name: 'missing job name', yaml: 'scrape_configs:\n  - static_configs: [{targets: ["a:1"]}]\n', rule: 'config/required', message: 'job_name is empty' },
  { name: 'URL as target', yaml: job('    static_configs:\n      - targets: [a:1, "https://b:2/metrics"]\n'), rule: 'config/target',
    message: '"https://b:2/metrics" is not a valid hostname', at: '"https://b:2/metrics"' },
  // Prometheus loads it (relabeling might fix the address); promtool then fails on the target.
  { name: 'URL as target is loaded with relabelling, and promtool fails on it', yaml: job('    relabel_configs:\n      - source_labels: [__address__]\n        target_label: instance\n    static_configs:\n      - targets: ["https://b:2/metrics"]\n'),
    rule: 'config/static-target', message: 'instance 0 in group 0: "https://b:2/metrics" is not a valid hostname' },
  { name: 'RE2 rejects look-ahead', yaml: job('    relabel_configs:\n      - regex: "a(?=b)"\n        action: keep\n'), rule: 'config/regex',
    message: 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`', at: '"a(?=b)"' },
  { name: 'hashmod without modulus', yaml: job('    relabel_configs:\n      - action: hashmod\n        target_label: t\n'), rule: 'config/relabel',
    message: 'relabel configuration for hashmod requires non-zero modulus' },
  { name: 'labeldrop with a target', yaml: job('    metric_relabel_configs:\n      - action: LabelDrop\n        regex: tmp_.*\n        target_label: x\n'),
    rule: 'config/relabel', message: 'labeldrop action requires only \'regex\', and no other fields' },
  { name: 'unknown relabel action', yaml: job('    relabel_configs:\n      - action: rename\n'), rule: 'config/invalid-value',
    message: 'unknown relabel action "rename"', at: 'rename' },
  { name: 'utf-8 label names are fine by default', yaml: job('    relabel_configs:\n      - target_label: "service.name"\n        replacement: x\n') },
  { name: 'legacy scheme rejects a dotted target label', yaml: job('    metric_name_validation_scheme: legacy\n    relabel_configs:\n      - target_label: "service.name"\n        replacement: x\n'),
    rule: 'config/relabel', message: '"service.name" is invalid \'target_label\' for replace action', at: 'target_label' },
  { name: 'basic_auth with authorization', yaml: job('    basic_auth: {username: u, password: p}\n    authorization: {credentials: c}\n'),
    rule: 'config/auth-exclusive', message: 'at most one of basic_auth, oauth2 & authorization must be configured', at: 'authorization' },
  { name: 'bearer token and file', yaml: job('    bearer_token: a\n    bearer_token_file: /etc/token\n'), rule: 'config/auth-exclusive',
    message: 'at most one of bearer_token & bearer_token_file must be configured', at: 'bearer_token_file' },
  { name: 'reserved http header', yaml: job('    http_headers:\n      user-agent: {values: [x]}\n'), rule: 'config/header',
    message: 'setting header "User-Agent" is not allowed', at: 'user-agent' },
  { name: 'YAML 1.1 booleans and merge keys, as Go reads them', yaml: 'global: &d\n  scrape_interval: 30s\nscrape_configs:\n  - job_name: a\n    honor_labels: yes\n    <<: *d\n' },
  // promtool: "parsing YAML file …: yaml: unknown anchor 'd' referenced".
  { name: 'a merge of an anchor never defined', yaml: 'scrape_configs:\n  - job_name: a\n    <<: *d\n', rule: 'config/yaml-syntax', message: "yaml: unknown anchor 'd' referenced", at: '*' },
  { name: 'a merged key set again in a map (yaml.v2 strict)', yaml: 'global:\n  external_labels: &l\n    region: eu\nscrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ["a:1"]\n        labels:\n          <<: *l\n          region: us\n', rule: 'config/duplicate-key', message: 'key "region" already set in map', at: 'region' },
  { name: 'a merged key set again in a struct, which Go allows', yaml: 'scrape_configs:\n  - &j\n    job_name: a\n    scrape_interval: 30s\n  - <<: *j\n    job_name: b\n' },
  { name: 'aliases resolve', yaml: 'scrape_configs:\n  - job_name: a\n    static_configs: &t\n      - targets: ["a:1"]\n  - job_name: b\n    static_configs: *t\n' },
  { name: 'an empty static target, without relabeling', yaml: 'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ["a:1", ""]\n', rule: 'config/static-target',
    message: 'instance 1 in group 0: no address (an empty target; promtool check config fails on this, and Prometheus never scrapes it)', at: '""' },
  // go-yaml shows a value over 10 bytes as its first 7 and "...".
  { name: 'a long string for a list', yaml: 'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: localhost:9100\n', rule: 'config/type', message: 'cannot unmarshal !!str `localho...` into []string', at: 'localhost:9100' },
  // Prometheus' label types are named as go-yaml names them.
  { name: 'a string for source_labels', yaml: job('    relabel_configs:\n      - source_labels: __address__\n        target_label: x\n'), rule: 'config/type', message: 'cannot unmarshal !!str `__addre...` into model.LabelNames' },
  { name: 'a list for a target group\'s labels', yaml: 'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ["a:1"]\n        labels: [env]\n', rule: 'config/type', message: 'cannot unmarshal !!seq into model.LabelSet' },
  { name: 'a list for a label value', yaml: 'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ["a:1"]\n        labels: {env: [a]}\n', rule: 'config/type', message: 'cannot unmarshal !!seq into model.LabelValue' },
  { name: 'a string of 10 bytes for a number, shown whole', yaml: job('    sample_limit: abcdefghij\n'), rule: 'config/type', message: 'cannot unmarshal !!str `abcdefghij` into uint' },
  { name: 'a string for a number', yaml: job('    sample_limit: many\n'), rule: 'config/type', message: 'cannot unmarshal !!str `many` into uint', at: 'many' },
  { name: 'negative unsigned', yaml: job('    target_limit: -1\n'), rule: 'config/type', message: 'cannot unmarshal !!int `-1` into uint' },
  // yaml.v2 truncates floats into integer fields, up to the type's maximum (promtool agrees).
  { name: 'a float into uint, even negative', yaml: job('    sample_limit: -1.5\n    target_limit: 1e3\n') },
  // yaml.v2 resolves ints with Go's ParseInt (base 0), and honours !!int / !!float (promtool agrees).
  { name: 'a 0o octal and a !!float tag, as Go reads them', yaml: job('    sample_limit: 0o17\n    target_limit: !!float 1\n    label_limit: !!int 5\n') },
  { name: 'numbers as go-yaml resolves them: a tag on a quoted number, upper-case prefixes, hex as a float, the uint64 maximum', yaml: job('    sample_limit: !!float "5"\n    target_limit: 0O17\n    label_limit: !!float 0x10\n    label_name_length_limit: 18446744073709551615\n') },
  { name: 'a float under !!int', yaml: job('    sample_limit: !!int 2.5\n'), rule: 'config/type', message: 'yaml: cannot decode !!float `2.5` as a !!int' },
  { name: 'not numbers to go-yaml: a leading underscore, base 60, beyond float64', yaml: job('    sample_limit: _1\n    target_limit: 1:30\n    label_limit: 1e309\n'), rule: 'config/type', message: 'cannot unmarshal !!str `_1` into uint' },
  { name: 'a negative 0o octal into uint', yaml: job('    sample_limit: -0o7\n'), rule: 'config/type', message: 'cannot unmarshal !!int `-0o7` into uint' },
  { name: 'not an octal', yaml: job('    sample_limit: 0o8\n'), rule: 'config/type', message: 'cannot unmarshal !!str `0o8` into uint' },
  { name: 'a tag its text does not fit', yaml: job('    sample_limit: !!int abc\n'), rule: 'config/type', message: 'yaml: cannot decode !!str `abc` as a !!int' },
  { name: 'a float above the uint maximum', yaml: job('    sample_limit: 1e30\n'), rule: 'config/type', message: 'cannot unmarshal !!float `1e30` into uint' },
  { name: 'an integer above the uint maximum', yaml: job('    sample_limit: 100000000000000000000\n'), rule: 'config/type' },
  { name: 'a list for a string', yaml: job('    metrics_path: [a, b]\n'), rule: 'config/type', message: 'cannot unmarshal !!seq into string' },
  { name: 'bad size', yaml: job('    body_size_limit: 10mb\n'), rule: 'config/size', message: 'units: unknown unit mb in 10mb' },
  { name: 'bad URL', yaml: 'remote_write:\n  - url: "http://a:port/x"\n', rule: 'config/url', message: 'invalid port ":port" after host' },
  { name: 'bad scheme is a warning', yaml: job('    scheme: ftp\n'), rule: 'config/scheme', at: 'ftp' },
  { name: 'file_sd file missing', yaml: job('    file_sd_configs:\n      - files: [targets/missing.json]\n'), rule: 'config/missing-file', at: 'targets/missing.json' },
  { name: 'labelmap replacement under legacy names', yaml: 'global:\n  metric_name_validation_scheme: legacy\n' + job('    relabel_configs:\n      - action: labelmap\n        regex: __meta_(.+)\n        replacement: k8s.$1\n'),
    rule: 'config/relabel', message: '"k8s.$1" is invalid \'replacement\' for labelmap action', at: 'replacement' },
  { name: 'unknown escaping scheme', yaml: job('    metric_name_escaping_scheme: dashes\n'), rule: 'config/invalid-value',
    message: "unknown scrape config name escaping method specified, must be one of 'allow-utf-8', 'underscores', 'dots', or 'values', got \"dashes\"", at: 'dashes' },
  { name: 'alertmanager target as URL', yaml: 'alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ["http://am:9093"]\n', rule: 'config/target' },
  { name: 'remote write with two auth methods', yaml: 'remote_write:\n  - url: http://a/w\n    sigv4: {region: eu-west-1}\n    basic_auth: {username: u, password: p}\n', rule: 'config/auth-exclusive',
    message: 'at most one of basic_auth, authorization, oauth2, sigv4, azuread or google_iam must be configured. Currently configured: [basic_auth sigv4]' },
  { name: 'missing TLS file, resolved next to the config', yaml: job('    tls_config:\n      ca_file: certs/missing-ca.pem\n'), rule: 'config/missing-file',
    message: 'file "certs/missing-ca.pem" does not exist (resolved to /srv/prometheus/certs/missing-ca.pem)', at: 'certs/missing-ca.pem' },
  { name: 'rule file glob without matches', yaml: 'rule_files:\n  - "missing/*.yml"\n', rule: 'config/missing-file', message: 'no file matches "missing/*.yml"' },
  { name: 'rule file glob in a directory part', yaml: 'rule_files:\n  - "rules/*/x.yml"\n', rule: 'config/file-path', message: 'invalid rule file path "rules/*/x.yml"' },
  { name: 'kubernetes selector role', yaml: job('    kubernetes_sd_configs:\n      - role: node\n        selectors:\n          - role: pod\n'), rule: 'config/service-discovery',
    message: 'node role supports only node selectors' },
  { name: 'file_sd extension', yaml: job('    file_sd_configs:\n      - files: [targets/*.txt]\n'), rule: 'config/service-discovery',
    message: 'path name "targets/*.txt" is not valid for file discovery', at: 'targets/*.txt' },
  { name: 'dns A records need a port', yaml: job('    dns_sd_configs:\n      - names: [a.example.com]\n        type: A\n'), rule: 'config/service-discovery',
    message: 'a port is required in DNS-SD configs for all record types except SRV' },
  { name: 'scrape protocols', yaml: 'global:\n  scrape_protocols: [PrometheusProto, prometheusproto]\n', rule: 'config/invalid-value',
    message: 'duplicated protocol in scrape_protocols, got [PrometheusProto prometheusproto] for global config' },
  { name: 'empty relabel rule', yaml: job('    relabel_configs:\n      -\n'), rule: 'config/empty-section', message: 'empty or null target relabeling rule in scrape config', at: '-' },
  { name: 'only the first document counts', yaml: 'global: {}\n---\nfoo: 1\n', rule: 'config/multi-document' },
  // yaml.v2 ends the document at the first line indented less than the first one, and reads no further.
  { name: 'a file indented as a whole loses its less indented tail', yaml: '  global:\n    scrape_interval: 15s\nscrape_configs: [\n', rule: 'config/multi-document',
    message: 'Prometheus ignores this line and all that follow: it is indented less than the first line of the file (2 spaces)', at: 'scrape_configs: [' },
  { name: 'a file indented as a whole is checked up to its tail', yaml: '# c\n\n global:\n   scrape_intervall: 15s\nscrape_configs: []\n', rule: 'config/unknown-key', at: 'scrape_intervall' },
  { name: 'keepequal with a written regex, even the default one', yaml: job('    relabel_configs:\n      - action: keepequal\n        source_labels: [a]\n        target_label: b\n        regex: (.*)\n'),
    rule: 'config/relabel', message: "keepequal action requires only 'source_labels' and `target_label`, and no other fields" },
  { name: 'dropequal with the default separator written out', yaml: job('    relabel_configs:\n      - action: dropequal\n        source_labels: [a]\n        target_label: b\n        separator: ";"\n') },
  { name: 'docker host that Go cannot parse', yaml: job('    docker_sd_configs:\n      - host: "[::1]:2375"\n'), rule: 'config/service-discovery',
    message: 'parse "[::1]:2375": first path segment in URL cannot contain colon' },
  { name: 'dockerswarm host that Go cannot parse', yaml: job('    dockerswarm_sd_configs:\n      - host: "[::1]:2375"\n        role: nodes\n'), rule: 'config/service-discovery',
    message: 'parse "[::1]:2375": first path segment in URL cannot contain colon' },
  { name: 'docker host as a unix socket URL', yaml: job('    docker_sd_configs:\n      - host: unix:///var/run/docker.sock\n') },
  // promtool check config runs the relabel rules over static targets (scrape.PopulateLabels).
  { name: 'relabeling leaves a static target without an address', yaml: job('    static_configs:\n      - targets: [a:1, b:2]\n    relabel_configs:\n      - action: labeldrop\n        regex: __address__\n'),
    rule: 'config/static-target', message: 'instance 1 in group 0: no address', at: 'b:2' },
  { name: 'relabeling turns a static target into a URL', yaml: job('    static_configs:\n      - targets: [a:1]\n      - targets: [b:2]\n    relabel_configs:\n      - source_labels: [__address__]\n        regex: "b:.*"\n        target_label: __address__\n        replacement: http://$0/x\n'),
    rule: 'config/static-target', message: 'instance 0 in group 1: "http://b:2/x" is not a valid hostname', at: 'b:2' },
  { name: 'relabeling sets a scrape timeout over the interval', yaml: job('    scrape_interval: 30s\n    static_configs:\n      - targets: [a:1]\n    relabel_configs:\n      - target_label: __scrape_timeout__\n        replacement: 1m\n'),
    rule: 'config/static-target', message: 'instance 0 in group 0: scrape timeout cannot be greater than scrape interval ("1m" > "30s")', at: 'a:1' },
  { name: 'relabeling drops one static target of two: no finding', yaml: job('    static_configs:\n      - targets: [a:1, b:1]\n    relabel_configs:\n      - action: drop\n        source_labels: [__address__]\n        regex: a:.*\n') },
  { name: 'relabeling drops every static target', yaml: job('    static_configs:\n      - targets: [a:1]\n      - targets: [b:1]\n    relabel_configs:\n      - target_label: x\n        replacement: y\n      - action: keep\n        source_labels: [__address__]\n        regex: c:.*\n'),
    rule: 'config/job-scrapes-nothing', message: 'relabel_configs drop every target of job "node" (2 static targets, and no service discovery): the job scrapes nothing', at: 'action: keep\n        source_labels: [__address__]\n        regex: c:.*' },
  { name: 'relabeling drops every static target of a job that also discovers some', yaml: job('    static_configs:\n      - targets: [a:1]\n    file_sd_configs:\n      - files: [sd/*.json]\n    relabel_configs:\n      - action: drop\n        source_labels: [__address__]\n        regex: a:.*\n') },
  { name: 'the blackbox pattern: a URL in __param_target, the exporter as address', yaml: job('    metrics_path: /probe\n    params: {module: [http_2xx]}\n    static_configs:\n      - targets: [https://example.com/health]\n    relabel_configs:\n      - source_labels: [__address__]\n        target_label: __param_target\n      - target_label: __address__\n        replacement: blackbox:9115\n') },
  { name: 'a global scrape interval of the lookback delta', yaml: 'global:\n  scrape_interval: 5m\n', rule: 'config/scrape-interval-too-long',
    message: 'scrape_interval 5m is not shorter than the 5m lookback delta', at: '5m' },
  { name: 'a job scrape interval over the lookback delta', yaml: job('    scrape_interval: 1h\n    scrape_timeout: 1m\n'), rule: 'config/scrape-interval-too-long', at: '1h' },
  { name: 'a scrape interval under the lookback delta', yaml: job('    scrape_interval: 4m59s\n') },
  { name: 'relabeling turns an Alertmanager target into a URL', yaml: 'alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [am:9093]\n      relabel_configs:\n        - source_labels: [__address__]\n          target_label: __address__\n          replacement: http://$1/x\n',
    rule: 'config/static-target', message: '"http://am:9093/x" is not a valid hostname (an Alertmanager, after relabel_configs', at: 'am:9093' },
  { name: 'relabeling reads the Alertmanager alerts path', yaml: 'alerting:\n  alertmanagers:\n    - path_prefix: /am\n      static_configs:\n        - targets: [am:9093]\n      relabel_configs:\n        - source_labels: [__alerts_path__]\n          regex: /am/api/v2/alerts\n          action: drop\n        - target_label: __address__\n          replacement: http://x/y\n' },
  { name: 'oauth2 token_url is a plain string to Prometheus', yaml: job('    oauth2:\n      client_id: a\n      token_url: "[::1]:80"\n') },
  { name: 'positions are UTF-16 offsets', yaml: '# 🚀 café\nglobal:\n  scrape_intervl: 1m\n', rule: 'config/unknown-key', at: 'scrape_intervl' },
  { name: 'sigv4 with half the credentials', yaml: 'remote_write:\n  - url: http://a/w\n    sigv4: {region: eu-west-1, access_key: AK}\n', rule: 'config/invalid-value',
    message: 'must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config' },
  { name: 'azuread needs one method', yaml: 'remote_write:\n  - url: http://a/w\n    azuread: {cloud: AzurePublic}\n', rule: 'config/auth-exclusive',
    message: 'must provide an Azure Managed Identity, Azure Workload Identity, Azure OAuth or Azure SDK in the Azure AD config' },
  { name: 'azuread with managed identity', yaml: 'remote_write:\n  - url: http://a/w\n    azuread:\n      managed_identity: {client_id: 00000000-0000-0000-0000-000000000000}\n' },
  { name: 'aws_sd with an external id and a request concurrency', yaml: job('    aws_sd_configs:\n      - role: ecs\n        region: eu-west-1\n        role_arn: arn:aws:iam::1:role/p\n        external_id: x\n        request_concurrency: 5\n') },
  { name: 'aws_sd request_concurrency must be positive', yaml: job('    aws_sd_configs:\n      - role: rds\n        request_concurrency: 0\n'), rule: 'config/service-discovery',
    message: 'aws_sd: request_concurrency must be positive, got 0', at: 'request_concurrency' },
  { name: 'aws_sd filter without values', yaml: job('    aws_sd_configs:\n      - role: ec2\n        filters:\n          - name: tag:env\n'), rule: 'config/service-discovery',
    message: 'Filter values cannot be empty' },
  { name: 'empty file', yaml: '' },
  { name: 'a trailing document separator is harmless', yaml: 'global: {}\n---\n' },
  { name: 'comments only', yaml: '# nothing here\n' },
  { name: 'null sections are allowed', yaml: 'global:\nscrape_configs:\nalerting:\n' },
];

describe('checkPrometheusConfig', () => {
  for (const c of cases) {
    it(c.name, () => {
      const diags = check(c.yaml);
      if (!c.rule) {
        assert.deepEqual(diags, []);
        return;
      }
      const hits = diags.filter((d) => d.ruleId === c.rule);
      assert.ok(hits.length > 0, `expected ${c.rule}, got ${JSON.stringify(diags)}`);
      const hit = c.message ? hits.find((d) => d.message.includes(c.message!)) : hits[0];
      assert.ok(hit, `no ${c.rule} with ${JSON.stringify(c.message)}: ${JSON.stringify(hits.map((d) => d.message))}`);
      if (c.at !== undefined) assert.equal(covered(c.yaml, hit), c.at);
    });
  }

  it('offers a quick fix renaming an unknown key to the suggestion', () => {
    const text = job('    metric_path: /m\n');
    const d = check(text).find((x) => x.ruleId === 'config/unknown-key');
    assert.equal(d?.fixes?.[0].edits[0].newText, 'metrics_path');
    assert.equal(covered(text, { ...d!, range: d!.fixes![0].edits[0].range }), 'metric_path');
  });

  it('outofordertimewindow: no error, never a suggestion, and a fix to the real key in its units', () => {
    const dump = 'storage:\n  tsdb:\n    outofordertimewindow: 1800000\n';
    assert.deepEqual(errors(dump), []);
    const d = check(dump).find((x) => x.ruleId === 'config/ignored-key');
    assert.equal(d?.severity, 'warning');
    assert.deepEqual(d?.fixes?.[0].edits.map((e) => e.newText), ['out_of_order_time_window', '30m']);
    assert.equal(d?.fixes?.[0].safe, undefined, 'the window takes effect: for review');
    // With the real key there too, the dump's key only goes.
    assert.equal(check('storage:\n  tsdb:\n    outofordertimewindow: 0\n    out_of_order_time_window: 10m\n').find((x) => x.ruleId === 'config/ignored-key')?.fixes, undefined);
    // A typo of a tsdb key is never pointed at it.
    const typo = check('storage:\n  tsdb:\n    outofordertimewindw: 1\n').find((x) => x.ruleId === 'config/unknown-key');
    assert.ok(typo && !typo.message.includes('did you mean `outofordertimewindow`'), typo?.message);
  });

  it('checks the files scrape_config_files pulls in, against the main global block', () => {
    const text = 'global:\n  scrape_interval: 30s\nscrape_config_files:\n  - jobs/*.yml\nscrape_configs:\n  - job_name: node\n';
    const files: Record<string, string> = {
      '/srv/prometheus/jobs/a.yml': 'scrape_configs:\n  - job_name: node\n  - job_name: api\n    scrape_timeout: 1m\n    sample_limt: 5\n',
    };
    const diags = checkPrometheusConfig(text, {
      ...opts,
      expandGlob: (p) => (p === '/srv/prometheus/jobs/*.yml' ? Object.keys(files) : []),
      readFile: (p) => files[p],
    });
    const got = diags.map((d) => [d.ruleId, covered(text, d), d.message]);
    assert.deepEqual(got, [
      ['config/unknown-key', 'jobs/*.yml', '"/srv/prometheus/jobs/a.yml": field sample_limt not found in type config.ScrapeConfig; did you mean `sample_limit`?'],
      ['config/scrape-timeout', 'jobs/*.yml', '"/srv/prometheus/jobs/a.yml": scrape timeout greater than scrape interval for scrape config with job name "api"'],
      ['config/duplicate-job', 'jobs/*.yml', '"/srv/prometheus/jobs/a.yml": found multiple scrape configs with job name "node", first found in main config file'],
    ]);
  });

  it("reports a file scrape_config_files pulls in that is not YAML in go-yaml's words", () => {
    const text = 'scrape_config_files:\n  - jobs.yml\n';
    // promtool check config on jobs.yml itself: "yaml: line 2: did not find expected '-' indicator".
    const files: Record<string, string> = { '/srv/prometheus/jobs.yml': 'scrape_configs:\n  - job_name: a\n   scrape_interval: 5s\n' };
    const diags = checkPrometheusConfig(text, { ...opts, expandGlob: (p) => [p], readFile: (p) => files[p] });
    assert.deepEqual(diags.map((d) => [d.ruleId, covered(text, d), d.message]), [
      ['config/yaml-syntax', 'jobs.yml', `"/srv/prometheus/jobs.yml": yaml: line 2: did not find expected '-' indicator`],
    ]);
  });

  it('passes on the warnings of the files scrape_config_files pulls in, as warnings', () => {
    const text = 'scrape_config_files:\n  - jobs.yml\n';
    const jobs = 'scrape_configs:\n  - job_name: a\n    static_configs: [{targets: ["a:1"]}]\n    relabel_configs:\n      - action: labeldrop\n        regex: __address__\n';
    const diags = checkPrometheusConfig(text, { ...opts, readFile: (p) => (p === '/srv/prometheus/jobs.yml' ? jobs : undefined) });
    assert.deepEqual(diags.map((d) => [d.ruleId, d.severity, covered(text, d)]), [['config/static-target', 'warning', 'jobs.yml']]);
    assert.match(diags[0].message, /^"\/srv\/prometheus\/jobs\.yml": instance 0 in group 0: no address/);
  });

  it('agent mode refuses alerting, rule_files and remote_read', () => {
    const text = 'rule_files: [a.yml]\nremote_read:\n  - url: http://r/read\nalerting:\n  alertmanagers:\n    - static_configs: [{targets: ["am:9093"]}]\n';
    const agent = checkPrometheusConfig(text, { ...opts, agentMode: true }).filter((d) => d.ruleId === 'config/agent-mode');
    assert.deepEqual(agent.map((d) => covered(text, d)), ['rule_files', 'remote_read', 'alerting']);
    assert.deepEqual(check(text), []);
  });

  it('offers mechanical fixes for durations and URL targets', () => {
    const text = job('    scrape_interval: 1.5m\n    static_configs:\n      - targets: ["https://user@node1:9100/metrics"]\n');
    const diags = check(text);
    const duration = diags.find((d) => d.ruleId === 'config/duration');
    assert.equal(duration?.message, 'unknown unit "." in duration "1.5m"; did you mean 1m30s?');
    assert.equal(duration?.fixes?.[0].edits[0].newText, '1m30s');
    const target = diags.find((d) => d.ruleId === 'config/target');
    assert.equal(target?.fixes?.[0].edits[0].newText, '"node1:9100"');
    assert.equal(covered(text, { ...target!, range: target!.fixes![0].edits[0].range }), '"https://user@node1:9100/metrics"');
  });

  it('resolves relative files against the config directory, and not at all without one', () => {
    const asked: string[] = [];
    const fileExists = (p: string): boolean => (asked.push(p), true);
    checkPrometheusConfig(job('    bearer_token_file: secrets/token\n'), { filePath: '/etc/p/prometheus.yml', fileExists });
    assert.deepEqual(asked, ['/etc/p/secrets/token']);
    asked.length = 0;
    checkPrometheusConfig(job('    bearer_token_file: secrets/token\n'), { fileExists });
    assert.deepEqual(asked, []);
  });
});

describe('file_sd target files, as promtool check config reads them', () => {
  // [file name, content, the message's promtool part, or undefined when the file is fine]
  const cases: Array<[string, string, string | undefined]> = [
    ['t.json', '[{"targets": ["a:1"], "labels": {"env": "prod"}}]', undefined],
    ['t.json', 'null', undefined],
    ['t.yml', '- targets: [a:1]\n  labels: {env: prod}\n', undefined],
    ['t.json', '[{"targets": "a:1"}]', 'json: cannot unmarshal string into Go struct field .targets of type []string'],
    ['t.json', '[{"targets": [9100]}]', 'json: cannot unmarshal number into Go struct field .targets of type string'],
    ['t.json', '{"targets": []}', 'json: cannot unmarshal object into Go value of type []*targetgroup.Group'],
    ['t.json', '[null]', 'nil target group item found (index 0)'],
    ['t.json', '[{"targets": ["a:1"]', 'unexpected end of JSON input'],
    ['t.json', '[{"targets": ["a:1"], "labels": {"": "x"}}]', '"" is not a valid label name'],
    ['t.yaml', '- targets: [a:1]\n  lables: {a: b}\n', 'yaml: unmarshal errors: line 2: field lables not found in type struct'],
    ['t.yaml', 'targets: [a:1]\n', 'yaml: unmarshal errors: line 1: cannot unmarshal !!map into []*targetgroup.Group'],
    ['t.yaml', '- a\n', 'line 1: cannot unmarshal !!str `a` into struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }'],
    ['t.json', '[{"targets": ["a:1"], "labels": {"a": 1}}]', 'json: cannot unmarshal number into Go struct field .labels of type model.LabelValue'],
    ['t.json', '[5]', 'json: cannot unmarshal number into Go value of type struct { Targets []string "json:\\"targets\\""; Labels model.LabelSet "json:\\"labels\\"" }'],
    ['t.json', '[{"targets": ["http://a:1/metrics"]}]', 'instance 0 in group : "http://a:1/metrics" is not a valid hostname'],
    ['t.json', '[{"targets": ["a:1", ""]}]', 'instance 1 in group : no address'],
  ];
  for (const [name, content, want] of cases) {
    it(`${name}: ${JSON.stringify(content).slice(0, 50)}`, () => {
      const text = `scrape_configs:\n  - job_name: j\n    file_sd_configs:\n      - files: [sd/${name}]\n`;
      const found = checkPrometheusConfig(text, { ...opts, readFile: (p) => (p === `/srv/prometheus/sd/${name}` ? content : undefined) })
        .filter((d) => d.ruleId === 'config/file-sd');
      if (want === undefined) return assert.deepEqual(found, []);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.ok(found[0].message.includes(want), found[0].message);
      assert.equal(found[0].severity, 'warning');
      assert.equal(covered(text, found[0]), `sd/${name}`);
    });
  }

  it('runs the job\'s relabeling over the file\'s targets, and each file of a glob', () => {
    const text = 'scrape_configs:\n  - job_name: j\n    file_sd_configs:\n      - files: ["sd/*.json"]\n    relabel_configs:\n      - source_labels: [env]\n        regex: prod\n        target_label: __address__\n        replacement: ""\n';
    const files: Record<string, string> = {
      '/srv/prometheus/sd/a.json': '[{"targets": ["a:1"], "labels": {"env": "dev"}}]',
      '/srv/prometheus/sd/b.json': '[{"targets": ["b:1", "b:2"], "labels": {"env": "prod"}}]',
    };
    const found = checkPrometheusConfig(text, { ...opts, readFile: (p) => files[p], expandGlob: () => Object.keys(files) }).filter((d) => d.ruleId === 'config/file-sd');
    assert.deepEqual(found.map((d) => d.message.split(' (')[0]), ['instance 0 in group : no address']);
    assert.ok(found[0].message.includes('/srv/prometheus/sd/b.json'));
  });

  it('says nothing about a file that is not there (config/missing-file does)', () => {
    const text = 'scrape_configs:\n  - job_name: j\n    file_sd_configs:\n      - files: [sd/missing.json]\n';
    assert.deepEqual(check(text).map((d) => d.ruleId), ['config/missing-file']);
  });
});

describe("an Alertmanager's file_sd files, as promtool check config reads them", () => {
  // [Alertmanager settings, file content, the message's promtool part or undefined when promtool passes]
  const drop = '      relabel_configs:\n        - source_labels: [__address__]\n          regex: "https?://.*"\n          action: drop\n';
  const cases: Array<[string, string, string, string | undefined]> = [
    ['host:port targets', '', '[{"targets": ["am1:9093", "am2:9093"]}]', undefined],
    ['a URL target, nothing relabels it', '', '[{"targets": ["am1:9093", "http://am2:9093"]}]', '"http://am2:9093" is not a valid hostname'],
    ['a URL target that relabeling drops', drop, '[{"targets": ["am1:9093", "http://am2:9093"]}]', undefined],
    ['relabeling that writes a URL from a group label', '      relabel_configs:\n        - source_labels: [dc]\n          target_label: __address__\n          replacement: http://am.$1/\n',
      '[{"targets": ["am1:9093"], "labels": {"dc": "west"}}]', '"http://am.west/" is not a valid hostname'],
    ['relabeling sees the scheme and alerts path', '      scheme: https\n      path_prefix: /am\n      relabel_configs:\n        - source_labels: [__scheme__, __alerts_path__]\n          separator: ""\n          regex: "https/am/api/v2/alerts"\n          action: drop\n',
      '[{"targets": ["http://am2:9093"]}]', undefined],
    ['the target\'s own __address__ wins over a group label', '', '[{"targets": ["am1:9093"], "labels": {"__address__": "http://x"}}]', undefined],
    ['a file that does not decode', '', '[{"targets": "am1:9093"}]', 'json: cannot unmarshal string into Go struct field .targets of type []string'],
    ['a YAML file with a mistyped key', '', '- targets: [am1:9093]\n  label: {dc: west}\n', 'field label not found in type struct'],
  ];
  for (const [name, settings, content, want] of cases) {
    it(name, () => {
      const file = content.startsWith('[') ? 'am.json' : 'am.yml';
      const text = `alerting:\n  alertmanagers:\n    - file_sd_configs:\n        - files: [sd/${file}]\n${settings}`;
      const diags = checkPrometheusConfig(text, { ...opts, readFile: (p) => (p === `/srv/prometheus/sd/${file}` ? content : undefined) });
      assert.deepEqual(diags.filter((d) => d.severity === 'error'), []);
      const found = diags.filter((d) => d.ruleId === 'config/file-sd');
      if (want === undefined) return assert.deepEqual(found, []);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.ok(found[0].message.includes(want), found[0].message);
      assert.match(found[0].message, /an Alertmanager file_sd file: promtool check config fails on this/);
      assert.equal(found[0].severity, 'warning');
      assert.equal(covered(text, found[0]), `sd/${file}`);
    });
  }

  it('says nothing when the config itself does not load', () => {
    const text = 'alerting:\n  alertmanagers:\n    - file_sd_configs:\n        - files: [sd/am.json]\n      api_version: v9\n';
    const diags = checkPrometheusConfig(text, { ...opts, readFile: () => '[{"targets": ["http://am2:9093"]}]' });
    assert.ok(diags.some((d) => d.severity === 'error'));
    assert.deepEqual(diags.filter((d) => d.ruleId === 'config/file-sd'), []);
  });
});

describe('checkPrometheusConfig on bad input', () => {
  const junk: [string, string][] = [
    ['broken YAML', 'scrape_configs:\n  - job_name: "a\n    x: [\n'],
    ['tabs for indentation', 'global:\n\tscrape_interval: 1m\n'],
    ['a list at the top', '- a\n- b\n'],
    ['a scalar at the top', 'hello\n'],
    ['binary junk', String.fromCharCode(...Array.from({ length: 512 }, (_, i) => (i * 7919) % 256))],
    ['deep nesting', '['.repeat(300)],
  ];
  for (const [name, text] of junk) {
    it(`${name}: a clear error, no throw`, () => {
      const diags = checkPrometheusConfig(text, opts);
      assert.ok(diags.some((d) => d.severity === 'error' && d.ruleId !== 'config/internal'), JSON.stringify(diags));
      for (const d of diags) assert.ok(d.range.start >= 0 && d.range.end <= text.length && d.range.start <= d.range.end);
    });
  }

  it('reports a non-string input as an internal error instead of throwing', () => {
    const diags = checkPrometheusConfig(undefined as unknown as string, opts);
    assert.equal(diags[0]?.ruleId, 'config/internal');
  });

  it('handles a 10 MB file: the problem is found, nothing throws', function () {
    this.timeout(60_000);
    const comment = `# ${'generated inventory notes '.repeat(3)}\n`;
    const text = `global:\n  scrape_interval: 1h1h\n${comment.repeat(Math.ceil(10_000_000 / comment.length))}scrape_configs:\n  - job_name: a\n`;
    assert.ok(text.length >= 10_000_000);
    const diags = checkPrometheusConfig(text, opts);
    assert.deepEqual(diags.map((d) => [d.ruleId, covered(text, d)]), [['config/duration', '1h1h']]);
  });

  it('handles a large configuration with thousands of jobs (1 MB)', function () {
    this.timeout(60_000);
    const jobText = (i: number): string =>
      `  - job_name: job-${i}\n    scrape_interval: 30s\n    static_configs:\n      - targets: ["host-${i}:9100", "other-${i}:9100"]\n        labels: {team: t${i % 7}}\n`;
    const parts = ['scrape_configs:\n'];
    let size = parts[0].length;
    for (let i = 0; size < 1_000_000; i++) {
      const t = jobText(i);
      parts.push(t);
      size += t.length;
    }
    parts.push('  - job_name: job-0\n');
    const diags = checkPrometheusConfig(parts.join(''), opts);
    assert.deepEqual(diags.map((d) => d.ruleId), ['config/duplicate-job']);
  });

  it('relabels at most 10,000 targets of a file, and draws no conclusion about the rest', () => {
    const targets = Array.from({ length: 10_050 }, (_, i) => `"h${i}:1"`).join(', ');
    const text = `scrape_configs:\n  - job_name: j\n    static_configs:\n      - targets: [${targets}]\n    relabel_configs:\n      - action: labeldrop\n        regex: __address__\n`;
    const found = check(text).filter((d) => d.ruleId === 'config/static-target');
    assert.equal(found.length, 10_000);
    const dropAll = text.replace('action: labeldrop\n        regex: __address__', 'action: drop\n        source_labels: [__address__]\n        regex: "h[0-9]+:1"');
    assert.deepEqual(check(dropAll).filter((d) => d.ruleId === 'config/job-scrapes-nothing'), []);
  });

  it('refuses a 10 MB flow list (millions of nodes) quickly instead of exhausting memory', () => {
    const text = `scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: [${'h:1,'.repeat(2_500_000)}]\n`;
    const started = Date.now();
    const diags = checkPrometheusConfig(text, opts);
    assert.deepEqual(diags.map((d) => d.ruleId), ['config/too-large']);
    assert.ok(Date.now() - started < 5000);
  });

  it('stops an alias bomb ("billion laughs") with a diagnostic', () => {
    const text = [
      'scrape_configs:',
      '  - &j',
      '    job_name: a',
      '    static_configs:',
      `      - targets: &t [${Array(10).fill('a:1').join(', ')}]`,
      ...Array(9).fill('      - targets: *t'),
      ...Array(300).fill('  - *j'),
    ].join('\n');
    const diags = checkPrometheusConfig(text, { ...opts, maxItems: 1000 });
    assert.ok(diags.some((d) => d.ruleId === 'config/too-large' && d.message.includes('expanding aliases')), JSON.stringify(diags.slice(0, 3)));
    assert.ok(checkPrometheusConfig(text, opts).some((d) => d.ruleId === 'config/duplicate-job'));
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const diags = checkPrometheusConfig(s, opts);
        return diags.every((d) => d.ruleId !== 'config/internal');
      }),
      { numRuns: 300 },
    );
  });
});

describe('config/rule-file: the rule files the configuration loads', () => {
  const files: Record<string, string> = {
    '/srv/prometheus/rules/broken.yml': 'groups:\n- name: g\n  rules:\n  - record: x\n    expr: sum(\n  - alert: A\n    expr: up\n    labels:\n      0bad: x\n',
    '/srv/prometheus/rules/warnings.yml': 'groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up{job=~"api"} == 0\n',
  };
  const hooks = { ...opts, readFile: (p: string) => files[p], expandGlob: (p: string) => (p.endsWith('*.yml') ? Object.keys(files).sort() : [p]) };
  const found = (text: string, extra = {}) => checkPrometheusConfig(text, { ...hooks, ...extra }).filter((d) => d.ruleId === 'config/rule-file');

  it('reports a rule file with errors on the entry that names it: the first error, and how many more', () => {
    const text = 'rule_files:\n  - rules/warnings.yml\n  - rules/broken.yml\n';
    const got = found(text);
    assert.deepEqual(got.map((d) => [covered(text, d), d.severity]), [['rules/broken.yml', 'error']]);
    // In promtool's words: the node rulefmt names (the expr), the group, the rule's number and name.
    assert.equal(got[0].message, 'rules/broken.yml: 5:11: group "g", rule 1, "x": could not parse expression: 1:5: parse error: unclosed left parenthesis');
  });
  it('through a glob, each matching file', () => {
    const got = found('rule_files:\n  - rules/*.yml\n');
    assert.equal(got.length, 1);
    assert.match(got[0].message, /^rules\/broken\.yml: /);
  });
  it('leaves quality findings (warnings) to the rule file\'s own check, and agent mode alone', () => {
    assert.deepEqual(found('rule_files:\n  - rules/warnings.yml\n'), []);
    assert.deepEqual(found('rule_files:\n  - rules/broken.yml\n', { agentMode: true }), []);
  });
});
