// The scrape interval rate-window checks use: from the nearest prometheus.yml, and current.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintFile, scrapeIntervalLookup, scrapeIntervalNear } from './index';
import { mergeSettings, parseLintSettings } from './settings';

describe('scrapeIntervalNear', () => {
  it('reads the nearest prometheus.yml above the file, Prometheus\' 1m default when unset', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'mac-interval-'));
    mkdirSync(path.join(root, 'rules', 'team'), { recursive: true });
    const rule = path.join(root, 'rules', 'team', 'a.yml');
    assert.equal(scrapeIntervalNear(rule), undefined);
    writeFileSync(path.join(root, 'prometheus.yml'), 'global:\n  scrape_interval: 30s\n');
    assert.equal(scrapeIntervalNear(rule), 30_000);
    writeFileSync(path.join(root, 'rules', 'prometheus.yaml'), 'scrape_configs: []\n');
    assert.equal(scrapeIntervalNear(rule), 60_000, 'the nearer file wins, with the default interval');
  });

  it('notices an edited config (the language server lives long)', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'mac-interval-'));
    const cfg = path.join(root, 'prometheus.yml');
    const rule = path.join(root, 'r.yml');
    writeFileSync(cfg, 'global:\n  scrape_interval: 30s\n');
    utimesSync(cfg, 1_000, 1_000);
    assert.equal(scrapeIntervalNear(rule), 30_000);
    writeFileSync(cfg, 'global:\n  scrape_interval: 2m\n');
    utimesSync(cfg, 2_000, 2_000);
    assert.equal(scrapeIntervalNear(rule), 120_000);
  });

  it('gives scrapeIntervalNear\'s answers with one look per folder (one CLI run)', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'mac-interval-'));
    mkdirSync(path.join(root, 'a', 'deep'), { recursive: true });
    mkdirSync(path.join(root, 'b'), { recursive: true });
    writeFileSync(path.join(root, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\n');
    writeFileSync(path.join(root, 'b', 'prometheus.yml'), 'global:\n  scrape_interval: 2m\n');
    const files = ['a/deep/x.yml', 'a/y.yml', 'b/z.yml', 'a/deep/w.yml', 'r.yml'].map((f) => path.join(root, f));
    const lookup = scrapeIntervalLookup();
    for (const f of files) assert.equal(lookup(f), scrapeIntervalNear(f), f);
    assert.deepEqual(files.map(lookup), [15_000, 15_000, 120_000, 15_000, 15_000]);
    const none = mkdtempSync(path.join(os.tmpdir(), 'mac-interval-'));
    assert.equal(lookup(path.join(none, 'r.yml')), scrapeIntervalNear(path.join(none, 'r.yml')));
  });
});

describe('scrapeInterval in .monitoring-lint.yml', () => {
  const rules = 'groups:\n- name: g\n  rules:\n  - record: job:x:rate1m\n    expr: sum by (job) (rate(x_total[1m]))\n';
  const windows = (dir: string, settingsText?: string): string[] => {
    const settings = settingsText === undefined ? undefined : parseLintSettings(settingsText).settings;
    return lintFile(path.join(dir, 'r.yml'), rules, { settings })!.diagnostics.filter((d) => d.ruleId === 'rule/rate-window').map((d) => d.message);
  };

  it('is read, and refused when it is not a duration', () => {
    assert.deepEqual(parseLintSettings('scrapeInterval: 15s\n'), { settings: { rules: {}, scrapeIntervalMs: 15_000 }, problems: [] });
    for (const bad of ['scrapeInterval: 15\n', 'scrapeInterval: fast\n', 'scrapeInterval: 0s\n', 'scrapeInterval: [15s]\n']) {
      const r = parseLintSettings(bad);
      assert.equal(r.settings.scrapeIntervalMs, undefined, bad);
      assert.match(r.problems.join(), /scrapeInterval must be a Prometheus duration/, bad);
    }
    assert.equal(mergeSettings({ rules: {}, scrapeIntervalMs: 1000 }, { rules: {} }).scrapeIntervalMs, 1000, 'the editor\'s rules do not drop it');
  });

  it('stands in for prometheus.yml: a 1m window is fine at 30s, too short at the 1m default', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'mac-interval-'));
    const [alone] = windows(root);
    assert.match(alone, /scrape interval 1m, Prometheus' default: no prometheus.yml was found to give it; scrapeInterval in .monitoring-lint.yml sets it/);
    assert.deepEqual(windows(root, 'scrapeInterval: 30s\n'), []);
    assert.match(windows(root, 'scrapeInterval: 45s\n')[0], /scrape interval 45s\)/);
  });

  it('gives way to a prometheus.yml above the file', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'mac-interval-'));
    writeFileSync(path.join(root, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
    assert.match(windows(root, 'scrapeInterval: 15s\n')[0], /scrape interval 1m\)/);
  });
});
