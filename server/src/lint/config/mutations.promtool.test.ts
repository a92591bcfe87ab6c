// Differential test of the configuration checker against `promtool check config --syntax-only`:
// seeded line mutations of good fixtures (deleted, duplicated or re-indented lines, values swapped
// for durations, URLs, regexes, enums, lists, maps..., mistyped keys); our verdict must match
// promtool's exit code. The first runs of this (1,500 mutations each) found the indented-file,
// keepequal-regex, docker-host, oauth2 token_url and static-target differences.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agreeWithPromtool, promtoolMajor, skipWithoutPromtool } from '../../testing/promtool';
import { lineMutations } from '../../testing/yamlMutations';
import { checkPrometheusConfig } from './index';

const GOOD = join(__dirname, '..', '..', '..', '..', 'test-fixtures', 'lint', 'config', 'good');
const BASES = ['full-featured.yml', 'relabel-actions.yml', 'service-discovery.yml', 'durations.yml', 'oauth2.yml', 'remote-write-multiple.yml', 'blackbox-relabel.yml'];
const VALUES = ['', ' ~', ' []', ' {}', ' [a]', ' {a: b}', ' 0s', ' 1m30s', ' -1s', ' 1h0', ' 10', ' 1.5', ' true', ' http://x:9090', ' "x:9090"',
  ' localhost', ' ftp', ' keep', ' drop', ' hashmod', ' labelmap', ' "("', ' "(?i)a"', ' "[[:alpha:]]"', ' "a{2,1}"', ' 1abc', ' a-b', ' 512MB',
  ' 1GiB', ' -1', ' 100000000000', ' SRV', ' AAAA', ' MX', ' "${1}x"', ' 1e3', ' 1d', ' 0.5s', ' "[::1]:80"', ' __address__', ' "https://$1/x"',
  ' 0o17', ' !!float 1', ' !!int abc'];

function mutations(count: number): string[] {
  return lineMutations(BASES.map((f) => readFileSync(join(GOOD, f), 'utf8')), VALUES, count, 17);
}

/** Adds `metric_name_validation_scheme: legacy` to `global:`, as 2.x validates names; the text as is when that is not simple. */
function withLegacyNames(text: string): string {
  const g = /^global:[ \t]*(#.*)?\n( +)[^\s#]/m.exec(text);
  if (g) {
    const at = g.index + g[0].length - g[2].length - 1;
    return `${text.slice(0, at)}${g[2]}metric_name_validation_scheme: legacy\n${text.slice(at)}`;
  }
  const indented = /^( *)[^\s#]/m.exec(text)?.[1] !== '';
  return /^global:/m.test(text) || indented ? text : `global:\n  metric_name_validation_scheme: legacy\n${text}`;
}

/** Where promtool 2.42 and Prometheus 3.x disagree: prometheus/common 2.42 wanted an oauth2 secret, and knew API v1. */
function v2Differs(text: string): boolean {
  return (/oauth2:/.test(text) && !/client_secret/.test(text)) || /api_version: v1/.test(text);
}

describe('prometheus.yml: seeded mutations agree with promtool', () => {
  const cases = mutations(80);
  it('generates distinct mutations', () => assert.equal(new Set(cases).size, 80));

  if (skipWithoutPromtool()) return;

  it('gives promtool\'s verdict on every mutation', function () {
    this.timeout(120_000);
    const v2 = promtoolMajor() === 2;
    const { compared, failing, differ } = agreeWithPromtool(cases.filter((t) => !(v2 && v2Differs(t))), 'prometheus.yml',
      (file) => ['check', 'config', '--syntax-only', file],
      (text, file) => checkPrometheusConfig(v2 ? withLegacyNames(text) : text, { filePath: file })
        .filter((d) => d.severity === 'error' || d.ruleId === 'config/static-target').map((d) => d.message));
    console.log(`      mutations: ${compared - differ.length}/${compared} verdicts agree with promtool (${failing} invalid)`);
    assert.ok(compared > 60 && failing > 20);
    assert.deepEqual(differ, []);
  });
});
