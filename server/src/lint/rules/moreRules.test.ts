// 39 more real-world rule files from samber/awesome-prometheus-alerts (test-fixtures/awesome-prometheus-alerts-more/,
// see its README.md). promtool 2.42 accepts every one of them, so none may get an error from us; every finding
// must underline exactly the text it talks about; and the quality rules' verdicts on a few known cases are pinned.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRuleFile } from './index';
import { PARSER_READY, REPO } from './testutil';

const DIR = join(REPO, 'test-fixtures', 'awesome-prometheus-alerts-more');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml')).sort();
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

/** What the underlined text must look like, per rule id, given the finding's message. */
const UNDERLINES: Readonly<Record<string, (text: string, message: string) => boolean>> = {
  'rule/template-unknown-label': (t, m) => t === `$labels.${/label "([^"]+)"/.exec(m)?.[1]}`,
  'rule/alert-name-style': (t, m) => m.startsWith(`alert name ${JSON.stringify(t)} `),
  'rule/counter-without-rate': (t, m) => /^[A-Za-z_:][\w:]*/.test(t) && m.startsWith(`${/^[\w:]+/.exec(t)?.[0]} looks like a counter`),
  'rule/rate-window': (t) => /\[[0-9a-z]+\]( offset [0-9a-z]+)?$/.test(t) && !t.includes('('),
  'rule/redundant-regex': (t, m) => m.startsWith(`${t} has no regex metacharacters`),
  'rule/template-exec-error': (t, m) => m.includes(` at <${t}>: `),
  // The whole binary operation, whose operator the message names, and whose sides fix the label.
  'rule/impossible-vector-match': (t, m) => {
    const [, op, label] = /^the two sides of (\S+) can never match: .*? compares ([\w.]+):/.exec(m) ?? [];
    return !!op && t.includes(` ${op} `) && (t.includes(`${label}=`) || m.includes(`has a ${label} label (every scraped series has one)`));
  },
};

describe('rule files: 39 more awesome-prometheus-alerts files (all accepted by promtool)', () => {
  it('finds the files', () => assert.equal(files.length, 39));
  if (!PARSER_READY) return;

  for (const f of files) {
    it(`${f}: no error-severity diagnostic, and every finding underlines its own text`, () => {
      const text = read(f);
      const diags = checkRuleFile(text);
      assert.deepEqual(diags.filter((d) => d.severity === 'error').map((d) => `${d.ruleId}: ${d.message}`), []);
      for (const d of diags) {
        assert.ok(!/internal error/i.test(d.message), d.message);
        assert.ok(d.range.start >= 0 && d.range.start < d.range.end && d.range.end <= text.length, `${d.ruleId} range`);
        const check = UNDERLINES[d.ruleId];
        assert.ok(check, `no underline check for ${d.ruleId}: add one`);
        const under = text.slice(d.range.start, d.range.end);
        assert.ok(check(under, d.message), `${d.ruleId} underlines ${JSON.stringify(under)}: ${d.message}`);
      }
    });
  }

  /** The names a rule flags in one file. */
  const flagged = (f: string, ruleId: string) => {
    const text = read(f);
    return checkRuleFile(text).filter((d) => d.ruleId === ruleId).map((d) => text.slice(d.range.start, d.range.end));
  };

  it('impossible-vector-match: hits divided by hits + misses, and aggregates compared with raw series', () => {
    const sum = 'rate(memcached_commands_total{command="get", status="hit"}[5m]) + rate(memcached_commands_total{command="get", status="miss"}[5m])';
    assert.deepEqual(flagged('memcached--memcached-exporter.yml', 'rule/impossible-vector-match'), [sum, sum]);
    // count() and sum() keep no job label; every scraped series has one.
    const ratio = 'count(digitalocean_droplet_up) / digitalocean_account_droplet_limit';
    assert.deepEqual(flagged('digitalocean--digitalocean-exporter.yml', 'rule/impossible-vector-match'), [`(${ratio}) * 100 > 80 and digitalocean_account_droplet_limit > 0`, ratio]);
    assert.deepEqual(flagged('pgbouncer--spreaker-pgbouncer-exporter.yml', 'rule/impossible-vector-match'), [
      'sum(pgbouncer_pools_client_active_connections + pgbouncer_pools_client_waiting_connections) >= pgbouncer_config_max_client_conn',
    ]);
    const known = ['memcached--memcached-exporter.yml', 'digitalocean--digitalocean-exporter.yml', 'pgbouncer--spreaker-pgbouncer-exporter.yml'];
    const others = files.filter((f) => !known.includes(f) && flagged(f, 'rule/impossible-vector-match').length > 0);
    assert.deepEqual(others, []);
  });

  it('template-exec-error: linkerd pipes one label into another, which Go refuses when it expands the annotation', () => {
    assert.deepEqual(flagged('linkerd--embedded-exporter.yml', 'rule/template-exec-error'), ['$labels.statefulset']);
    const others = files.filter((f) => f !== 'linkerd--embedded-exporter.yml' && flagged(f, 'rule/template-exec-error').length > 0);
    assert.deepEqual(others, []);
  });

  it('counter-without-rate: capacity gauges named _total beside their free part are not counters', () => {
    // cAdvisor's inode capacity and MinIO's disk capacity were false positives.
    assert.ok(!flagged('docker-containers--google-cadvisor.yml', 'rule/counter-without-rate').includes('container_fs_inodes_total'));
    assert.ok(!flagged('minio--embedded-exporter.yml', 'rule/counter-without-rate').includes('disk_storage_total'));
    // Real counters read raw stay flagged (elasticsearch_exporter's query and indexing counters).
    assert.deepEqual(flagged('elasticsearch--prometheus-community-elasticsearch-exporter.yml', 'rule/counter-without-rate'), [
      'elasticsearch_indices_indexing_index_time_seconds_total', 'elasticsearch_indices_indexing_index_total',
      'elasticsearch_indices_indexing_index_total', 'elasticsearch_indices_search_query_total', 'elasticsearch_indices_search_fetch_total',
    ]);
  });

  it('template-unknown-label: typos and labels dropped by aggregation or group_right are found', () => {
    // `{{ $labels.instace }}` after `sum(...) BY (queue)`.
    assert.ok(flagged('rabbitmq--rabbitmq-exporter.yml', 'rule/template-unknown-label').includes('$labels.instace'));
    // `A * on() group_right() (count(...) == bool ...)` keeps the label-less right side's labels.
    const ceph = read('ceph--embedded-exporter.yml');
    const quorum = ceph.indexOf('CephMonitorQuorumAtRisk');
    const d = checkRuleFile(ceph).find((x) => x.ruleId === 'rule/template-unknown-label' && x.range.start > quorum);
    assert.ok(d && d.range.start < ceph.indexOf('CephOsdDown\n'), 'CephMonitorQuorumAtRisk summary is flagged');
    // Labels kept by `by (...)` are not flagged.
    assert.ok(!flagged('cert-manager--embedded-exporter.yml', 'rule/template-unknown-label').includes('$labels.exported_namespace'));
  });

  it('the same alert name twice (a warning and a critical) is allowed, as in Prometheus', () => {
    const text = read('juniper--czerwonk-junos-exporter.yml');
    assert.equal(text.split('alert: JuniperHighBandwidthUsage1gib').length, 3);
    assert.deepEqual(checkRuleFile(text).filter((d) => d.ruleId !== 'rule/rate-window').map((d) => d.ruleId), []);
  });
});
