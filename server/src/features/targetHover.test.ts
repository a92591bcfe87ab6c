import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPrometheusConfig } from '../lint/config/index';
import { staticTargetHover } from './targetHover';

const config = (relabel: string, labels = '{env: prod}') =>
  `scrape_configs:\n  - job_name: j\n    static_configs:\n      - targets: ["a:1"]\n        labels: ${labels}\n    relabel_configs:\n${relabel}`;
const hover = (text: string) => staticTargetHover(text, text.indexOf('"a:1"') + 1);

describe('staticTargetHover', () => {
  it('shows the labels and the scrape URL', () => {
    const h = hover(config('      - target_label: team\n        replacement: core\n'));
    assert.ok(h);
    assert.match(h.contents, /^\*\*Target a:1\*\* of job j after its 1 relabel rule\n/);
    assert.match(h.contents, /Scraped at http:\/\/a:1\/metrics every 1m \(timeout 10s\)/);
    assert.ok(h.contents.includes('| env | prod |\n| instance | a:1 |\n| job | j |\n| team | core |'));
  });

  it('escapes label values: no markup, no HTML from the config reaches the hover', () => {
    const h = hover(config('      - target_label: note\n        replacement: "<img src=x onerror=alert(1)> | **b** [l](http://x)"\n'));
    assert.ok(h);
    assert.ok(h.contents.includes('| note | \\<img src=x onerror=alert\\(1\\)\\> \\| \\*\\*b\\*\\* \\[l\\]\\(http://x\\) |'), h.contents);
    assert.doesNotMatch(h.contents, /(^|[^\\])[<>]/);
  });

  it('names the rule that drops the target, and its line', () => {
    const text = config('      - target_label: x\n        replacement: y\n      - source_labels: [env]\n        regex: prod\n        action: drop\n');
    assert.match(hover(text)!.contents, /Dropped by relabel rule 2 \(line 9\): Prometheus never scrapes it\./);
  });

  it('says why a target is not scraped', () => {
    assert.match(hover(config('      - action: labeldrop\n        regex: __address__\n'))!.contents, /Not scraped: no address \(after relabel_configs\)\./);
  });

  it('shows nothing off the targets, or when the relabeling cannot be run', () => {
    const text = config('      - target_label: x\n');
    assert.equal(staticTargetHover(text, text.indexOf('job_name')), undefined);
    assert.equal(hover(config('      - source_labels: [a]\n        regex: "("\n        target_label: x\n')), undefined);
    // Rules Prometheus refuses are not run (an unknown action, a hashmod by 0), and nothing throws.
    for (const rule of ['      - action: bogus\n', '      - action: hashmod\n        source_labels: [a]\n        target_label: x\n        modulus: 0\n']) {
      const text = config(rule);
      assert.equal(hover(text), undefined);
      assert.deepEqual(checkPrometheusConfig(text, { onStaticTarget: () => undefined }).filter((d) => d.ruleId === 'config/internal'), []);
    }
  });
});

describe('staticTargetHover on an Alertmanager target', () => {
  const am = (settings: string, targets = '["am1:9093", "am2:9093"]') =>
    `alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ${targets}\n          labels: {dc: west}\n${settings}`;
  const at = (text: string, target: string) => staticTargetHover(text, text.indexOf(target) + 1);

  it('shows where Prometheus posts alerts: scheme, path prefix, API version', () => {
    const text = am('      scheme: https\n      path_prefix: /am/\n');
    const h = at(text, 'am2:9093');
    assert.ok(h);
    assert.equal(h.contents, '**Alertmanager am2:9093**\n\nPrometheus posts alerts to https://am2:9093/am/api/v2/alerts');
    assert.deepEqual(h.range, { start: text.indexOf('"am2:9093"'), end: text.indexOf('"am2:9093"') + 10 });
  });

  it('follows relabel_configs: a rewritten address, a dropped target, a URL', () => {
    const rewrite = am('      relabel_configs:\n        - source_labels: [__address__]\n          regex: "(.*):9093"\n          target_label: __address__\n          replacement: "$1.internal:9094"\n');
    assert.match(at(rewrite, 'am1:9093')!.contents, /after its 1 relabel rule\n\nPrometheus posts alerts to http:\/\/am1\\?\.internal:9094\/api\/v2\/alerts$/);
    const drop = am('      relabel_configs:\n        - source_labels: [__address__]\n          regex: am2.*\n          action: drop\n');
    assert.match(at(drop, 'am2:9093')!.contents, /Dropped by relabel rule 1 \(line 7\): Prometheus sends it no alerts\./);
    assert.match(at(drop, 'am1:9093')!.contents, /posts alerts to http:\/\/am1:9093\/api\/v2\/alerts/);
    const url = am('      relabel_configs:\n        - source_labels: [dc]\n          target_label: __address__\n          replacement: http://$1/\n');
    assert.match(at(url, 'am1:9093')!.contents, /Not used: "http:\/\/west\/" is not a valid hostname \(after relabel_configs\)/);
  });

  it('escapes what the config writes', () => {
    const text = am('      path_prefix: "/<b>*x*</b>"\n', '["a_b:9093"]');
    const h = at(text, 'a_b:9093')!;
    assert.ok(h.contents.startsWith('**Alertmanager a\\_b:9093**'), h.contents);
    assert.doesNotMatch(h.contents, /(^|[^\\])[<>*]x/);
  });
});

describe('staticTargetHover on a file_sd files entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sd-hover-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const configPath = join(dir, 'prometheus.yml');
  const text = 'scrape_configs:\n  - job_name: j\n    file_sd_configs:\n      - files: ["sd/*.json"]\n    relabel_configs:\n      - source_labels: [env]\n        regex: dev\n        action: drop\n';
  before(() => {
    mkdirSync(join(dir, 'sd'));
    writeFileSync(join(dir, 'sd', 'a.json'), '[{"targets": ["a:1", "b:1"], "labels": {"env": "prod", "note": "<b>x</b>"}}, {"targets": ["c:1"], "labels": {"env": "dev"}}]');
    writeFileSync(join(dir, 'sd', 'b.json'), '[{"targets": "d:1"}]');
  });

  it('lists the files and their targets as relabeling leaves them', () => {
    const h = staticTargetHover(text, text.indexOf('sd/*.json') + 1, configPath);
    assert.ok(h);
    assert.equal(text.slice(h.range.start, h.range.end), '"sd/*.json"');
    assert.match(h.contents, /^\*\*file_sd sd\/\\\*\\\.json\*\* of job j: 2 files, 3 targets\n/);
    assert.ok(h.contents.includes('| a:1 | env=prod, instance=a:1, note=\\<b\\>x\\</b\\> |'), h.contents);
    assert.ok(h.contents.includes('| c:1 | dropped by relabel rule 1 (line 6) |'));
    assert.match(h.contents, /\nsd\/b\\\.json: checking SD file .*: json: cannot unmarshal string into Go struct field \\\.targets of type \\\[\\\]string$/);
  });

  it("lists an Alertmanager's file_sd targets with where alerts are posted", () => {
    const am = 'alerting:\n  alertmanagers:\n    - path_prefix: /am\n      file_sd_configs:\n        - files: ["sd/a.json"]\n      relabel_configs:\n        - source_labels: [env]\n          regex: dev\n          action: drop\n';
    const h = staticTargetHover(am, am.indexOf('sd/a.json') + 1, configPath);
    assert.ok(h);
    assert.match(h.contents, /^\*\*file_sd sd\/a\\\.json\*\* of an Alertmanager: 1 file, 3 targets\n/);
    assert.ok(h.contents.includes('| target | Alertmanager |'), h.contents);
    assert.ok(h.contents.includes('| a:1 | alerts posted to http://a:1/am/api/v2/alerts |'), h.contents);
    assert.ok(h.contents.includes('| c:1 | dropped by relabel rule 1 (line 7) |'), h.contents);
    const url = am.replace('sd/a.json', 'sd/u.json');
    writeFileSync(join(dir, 'sd', 'u.json'), '[{"targets": ["http://x:9093"]}]');
    assert.ok(staticTargetHover(url, url.indexOf('sd/u.json') + 1, configPath)!.contents.includes('| http://x:9093 | not used: "http://x:9093" is not a valid hostname |'));
  });

  it('says when no file matches', () => {
    const none = text.replace('sd/*.json', 'none/*.json');
    assert.match(staticTargetHover(none, none.indexOf('none/') + 1, configPath)!.contents, /No file matches it/);
  });
});
