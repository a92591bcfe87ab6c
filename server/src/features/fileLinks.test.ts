// Links to the files prometheus.yml and rule test files name.
import { strict as assert } from 'node:assert';
import { fileLinks } from './fileLinks';

describe('file links', () => {
  const existing = new Set(['/srv/p/rules/a.yml', '/srv/p/rules/b.yml', '/srv/p/certs/ca.pem', '/etc/pw', '/srv/p/sd/targets.json']);
  const exists = (p: string) => existing.has(p);
  const glob = (p: string) => (p === '/srv/p/rules/*.yml' ? ['/srv/p/rules/a.yml', '/srv/p/rules/b.yml'] : p === '/srv/p/rules/a*.yml' ? ['/srv/p/rules/a.yml'] : []);
  const links = (text: string) => fileLinks('/srv/p/prometheus.yml', text, exists, glob).map((l) => [text.slice(l.start, l.end), l.target]);

  it('rule_files and scrape_config_files: existing files, and patterns that name exactly one', () => {
    assert.deepEqual(links('rule_files:\n  - rules/a.yml\n  - "rules/b.yml"\n  - rules/missing.yml\n  - rules/*.yml\n  - rules/a*.yml\n'), [
      ['rules/a.yml', '/srv/p/rules/a.yml'],
      ['rules/b.yml', '/srv/p/rules/b.yml'],
      ['rules/a*.yml', '/srv/p/rules/a.yml'],
    ]);
  });
  it('file_sd files and *_file settings, absolute or relative, at any depth', () => {
    const text = 'scrape_configs:\n  - job_name: a\n    file_sd_configs:\n      - files: [sd/targets.json]\n    tls_config:\n      ca_file: certs/ca.pem\n    basic_auth:\n      username: u\n      password_file: /etc/pw\n';
    assert.deepEqual(links(text), [
      ['sd/targets.json', '/srv/p/sd/targets.json'],
      ['certs/ca.pem', '/srv/p/certs/ca.pem'],
      ['/etc/pw', '/etc/pw'],
    ]);
  });
  it('nothing for broken YAML or other values', () => {
    assert.deepEqual(links('rule_files: [rules/a.yml\n'), []);
    assert.deepEqual(links('global:\n  scrape_interval: rules/a.yml\n'), []);
  });
});
