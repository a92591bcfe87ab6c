// The scrape interval rate-window checks use: from the nearest prometheus.yml, and current.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scrapeIntervalLookup, scrapeIntervalNear } from './index';

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
