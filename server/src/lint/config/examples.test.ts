// Prometheus' own example configurations (documentation/examples/ in prometheus/prometheus; sources
// and commits in test-fixtures/prometheus-examples/README.md) must load without an error-severity
// diagnostic. Files under rejected/ are versions carrying fields Prometheus 3.x does not know
// (unmerged pull requests, fork-only discovery mechanisms, renamed fields): those must keep failing
// with Prometheus' own wording.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { LintDiagnostic } from '../types';
import { lineIndex } from '../../text/lines';
import { checkRuleFile } from '../rules/index';
import { checkPrometheusConfig } from './index';

const dir = path.resolve(__dirname, '../../../../test-fixtures/prometheus-examples');
/** Paths in the examples are absolute or relative to a folder that does not exist here. */
const check = (file: string, agentMode = false): { text: string; diags: LintDiagnostic[] } => {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const diags = checkPrometheusConfig(text, {
    filePath: path.join('/nonexistent/prometheus-examples', path.basename(file)),
    fileExists: () => false,
    globMatches: () => false,
    agentMode,
  });
  return { text, diags };
};
const show = (d: LintDiagnostic[]): string => JSON.stringify(d.map((x) => `${x.severity} ${x.ruleId}: ${x.message}`));

/** file -> how many files it names (each a config/missing-file warning here), and agent mode. */
const accepted: Record<string, { missingFiles: number; agent?: boolean }> = {
  'prometheus.yml': { missingFiles: 0 },
  'prometheus-agent.yml': { missingFiles: 0, agent: true },
  'prometheus-consul.yml': { missingFiles: 0 },
  'prometheus-digitalocean.yml': { missingFiles: 0 },
  'prometheus-docker.yml': { missingFiles: 0 },
  'prometheus-dockerswarm.yml': { missingFiles: 0 },
  'prometheus-eureka.yml': { missingFiles: 0 },
  'prometheus-hetzner.yml': { missingFiles: 0 },
  'prometheus-ionos.yml': { missingFiles: 0 },
  'prometheus-kubernetes.yml': { missingFiles: 6 },
  'prometheus-linode.yml': { missingFiles: 0 },
  'prometheus-marathon.yml': { missingFiles: 0 },
  'prometheus-nomad.yml': { missingFiles: 0 },
  'prometheus-otlp.yml': { missingFiles: 0 },
  'prometheus-outscale.yml': { missingFiles: 0 },
  'prometheus-ovhcloud.yml': { missingFiles: 0 },
  'prometheus-puppetdb.yml': { missingFiles: 6 },
  'prometheus-scaleway.yml': { missingFiles: 0 },
  'prometheus-sd-alertmanager.yml': { missingFiles: 1 },
  'prometheus-stackit.yml': { missingFiles: 0 },
  'prometheus-uyuni.yml': { missingFiles: 0 },
  'prometheus-vultr.yml': { missingFiles: 0 },
};

/** file -> the error Prometheus 3.x stops at (1-based line) and our rule id for it. */
const rejected: Record<string, { line: number; ruleId: string; message: string }> = {
  // `servers` (a list) only ever existed on a branch; upstream eureka_sd_config has `server`.
  'prometheus-eureka.yml': { line: 15, ruleId: 'config/unknown-key', message: 'field servers not found in type eureka.plain' },
  // `platform` is the pre-merge name of hetzner_sd_config `role` (we also report the missing role).
  'prometheus-hetzner.yml': { line: 17, ruleId: 'config/unknown-key', message: 'field platform not found in type hetzner.plain' },
  'prometheus-uyuni.yml': { line: 15, ruleId: 'config/unknown-key', message: 'field host not found in type uyuni.plain' },
  // prometheus/prometheus#16719 (UpCloud SD) was closed unmerged.
  'prometheus-upcloud.yml': { line: 11, ruleId: 'config/unknown-key', message: 'field upcloud_sd_configs not found in type config.ScrapeConfig' },
  // prometheus/prometheus#7821 (hcloud SD) was closed; it became hetzner_sd_configs.
  'prometheus-hcloud.yml': { line: 14, ruleId: 'config/unknown-key', message: 'field hcloud_sd_configs not found in type config.ScrapeConfig' },
  // 3.14 added OCI discovery as `oci_sd_configs`; `oci_compute_sd_configs` is an earlier proposal.
  'prometheus-oci-compute-instanceprincipal.yml': { line: 12, ruleId: 'config/unknown-key', message: 'field oci_compute_sd_configs not found in type config.ScrapeConfig' },
  'prometheus-oci-compute-userprincipal.yml': { line: 11, ruleId: 'config/unknown-key', message: 'field oci_compute_sd_configs not found in type config.ScrapeConfig' },
  'prometheus-spcs.yml': { line: 19, ruleId: 'config/unknown-key', message: 'field spcs_sd_configs not found in type config.ScrapeConfig' },
  'prometheus-vsphere.yml': { line: 15, ruleId: 'config/unknown-key', message: 'field vsphere_sd_configs not found in type config.ScrapeConfig' },
  'prometheus-namespace-enrichment.yml': { line: 14, ruleId: 'config/unknown-key', message: 'field namespace_enrichment not found in type config.ScrapeConfig' },
  'prometheus-retry.yml': { line: 4, ruleId: 'config/unknown-key', message: 'field scrape_retry not found in type config.plain' },
  'prometheusShards.yml': { line: 4, ruleId: 'config/unknown-key', message: 'field shards not found in type config.plain' },
  'prometheus_labelvalues.yml': { line: 12, ruleId: 'config/unknown-key', message: 'field labal_values_url not found in type config.plain' },
};

describe('Prometheus documentation examples', () => {
  it('every example in the folder is in the table', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.yml')).sort();
    assert.deepEqual(files, Object.keys(accepted).sort());
    const rejectedFiles = readdirSync(path.join(dir, 'rejected')).filter((f) => f.endsWith('.yml')).sort();
    assert.deepEqual(rejectedFiles, Object.keys(rejected).sort());
  });

  it('rejected/example.rules: the Prometheus 1.x rule syntax is not a 2.x/3.x rule file', () => {
    // promtool: "cannot unmarshal !!str `ALERT P...` into rulefmt.RuleGroups".
    const text = readFileSync(path.join(dir, 'rejected', 'example.rules'), 'utf8');
    const diags = checkRuleFile(text, { filePath: path.join(dir, 'rejected', 'example.rules') });
    assert.ok(diags.some((d) => d.severity === 'error'), show(diags));
  });

  for (const [file, want] of Object.entries(accepted)) {
    it(`${file}: no error, ${want.missingFiles} missing-file warning(s)`, () => {
      const { diags } = check(file, want.agent);
      assert.deepEqual(diags.filter((d) => d.severity === 'error'), [], show(diags));
      assert.equal(diags.filter((d) => d.ruleId === 'config/missing-file').length, want.missingFiles, show(diags));
    });

    it(`${file}: the checker really walks it (a stray top-level key is an error)`, () => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const diags = checkPrometheusConfig(`${text}\nnot_a_prometheus_field: 1\n`, { fileExists: () => true, agentMode: want.agent });
      assert.ok(
        diags.some((d) => d.severity === 'error' && d.message === 'field not_a_prometheus_field not found in type config.plain'),
        show(diags),
      );
    });
  }

  for (const [file, want] of Object.entries(rejected)) {
    it(`rejected/${file}: ${want.message}`, () => {
      const { text, diags } = check(path.join('rejected', file));
      // Prometheus' wording, optionally followed by our "; did you mean ..." hint.
      const hit = diags.find((d) => d.severity === 'error' && (d.message === want.message || d.message.startsWith(`${want.message}; `)));
      assert.ok(hit, show(diags));
      assert.equal(hit.ruleId, want.ruleId);
      assert.equal(lineIndex(text).position(hit.range.start).line + 1, want.line);
    });
  }
});
