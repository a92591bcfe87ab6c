// Differential tests against the real `promtool check config`: on our own fixtures in
// test-fixtures/lint/config/{good,bad}, our verdict must agree with promtool's exit code, and
// promtool's output must contain the core text of one of our messages.
//
// `promtool check config` does more than Prometheus' LoadFile, which is what checkPrometheusConfig
// reproduces: it also fails on missing rule files, client cert/key files and bearer token files
// (we report those as config/missing-file warnings, since the server itself loads such a config),
// and on static targets that relabel_configs leave without a usable address (config/static-target).
// It also checks the content of the rule files the config loads, as we do (config/rule-file).
// `promtoolVerdict` below composes our checks the same way.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LintDiagnostic } from '../types';
import { PROMTOOL, promtoolMajor, skipWithoutPromtool } from '../../testing/promtool';
import { ALERTMANAGER_TARGET_SUFFIX, EMPTY_TARGET_SUFFIX, STATIC_TARGET_SUFFIX } from './checks/targetGroups';
import { checkPrometheusConfig } from './index';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test-fixtures', 'lint', 'config');

/**
 * Bad only for Prometheus 2.x, which validates label names with the legacy rules; 3.x accepts
 * UTF-8 names, so these load there (checked below). For a 2.x promtool we check them as a config
 * with `metric_name_validation_scheme: legacy` (3.x's way of asking for 2.x's rules).
 */
const LEGACY_NAMES_ONLY = new Set(['bad/bad-external-label.yml', 'bad/bad-target-label.yml']);

/**
 * Fixtures whose promtool verdict comes from how Debian builds Prometheus, not from Prometheus:
 * the Debian package leaves out some service discoveries (kubernetes, consul, linode, nomad,
 * kuma), so its promtool refuses their keys. The value is the text that promtool then prints;
 * when it does, only our verdict against the folder is asserted for that file.
 */
const DEBIAN_BUILD_LACKS: Readonly<Record<string, string>> = {
  'good/kubernetes-sd.yml': 'field kubernetes_sd_configs not found in type config.ScrapeConfig',
};

/** Bad fixtures whose message differs from promtool 2.42's, and why. */
const MESSAGE_DIFFERS: Readonly<Record<string, string>> = {
  'bad/broken-yaml.yml': 'YAML syntax errors come from the `yaml` package, not from go-yaml',
  'bad/tab-indent.yml': 'YAML syntax errors come from the `yaml` package, not from go-yaml',
  'bad/alertmanager-bad-api.yml': 'Prometheus 3.x dropped Alertmanager API v1: it lists [v2], 2.42 lists [v1 v2]',
  'bad/bad-duration.yml': 'prometheus/common in 3.x parses durations without a regexp and names the unknown unit; 2.42 says "not a valid duration string"',
  'bad/bad-duration-unit.yml': 'as bad-duration.yml: 3.x names the unknown unit',
  'bad/cert-without-key.yml': 'in 3.x prometheus/common\'s TLSConfig validation refuses this while loading, with its own message; 2.42 left it to promtool',
  'bad/password-and-file.yml': '3.x added password_ref, so the message lists "password, password_file & password_ref"',
  'bad/bad-sd-role.yml': 'Debian\'s promtool lacks kubernetes SD (see DEBIAN_BUILD_LACKS), so it reports the unknown key instead of the role',
  'bad/file-sd-bad-json.yml': 'promtool names the SD file by its path from its working directory; we name it absolute',
  'bad/missing-rule-file.yml': 'our config/missing-file warning words it "file ... does not exist (resolved to ...)"',
  'bad/missing-cert-file.yml': 'our config/missing-file warning words it "file ... does not exist (resolved to ...)"',
  'bad/missing-bearer-token-file.yml': 'our config/missing-file warning words it "file ... does not exist (resolved to ...)"',
};

/** Keys whose missing file makes promtool (not Prometheus) fail; rule_files entries too. */
const PROMTOOL_FILE_KEYS = new Set(['cert_file', 'key_file', 'bearer_token_file', 'credentials_file']);

/** Adds `metric_name_validation_scheme: legacy` under `global:` (the fixtures indent by two). */
function withLegacyNames(text: string): string {
  const line = '  metric_name_validation_scheme: legacy\n';
  const g = /^global:[ \t]*(#.*)?\n/m.exec(text);
  if (!g) return `global:\n${line}${text}`;
  const at = g.index + g[0].length;
  return text.slice(0, at) + line + text.slice(at);
}

/** The YAML key a diagnostic sits on; for a bare list item, the key that holds the list. */
function keyAt(text: string, offset: number): string | undefined {
  const lines = text.slice(0, offset).split('\n');
  const own = lines[lines.length - 1] + text.slice(offset).split('\n')[0];
  const direct = /^\s*(?:-\s+)?([A-Za-z_]+):/.exec(own);
  if (direct) return direct[1];
  const indent = /^\s*/.exec(own)?.[0].length ?? 0;
  for (let i = lines.length - 2; i >= 0; i--) {
    const m = /^(\s*)(?:-\s+)?([A-Za-z_]+):\s*$/.exec(lines[i]);
    // `<=`: a list may sit at its key's own indentation (`rule_files:\n- a.yml`).
    if (m && m[1].length <= indent) return m[2];
  }
  return undefined;
}

/** Warnings for what `promtool check config` checks beyond loading: files, and static targets after relabeling. */
function isPromtoolFileCheck(text: string, d: LintDiagnostic): boolean {
  if (d.ruleId === 'config/static-target' || d.ruleId === 'config/file-sd') return true;
  if (d.ruleId !== 'config/missing-file') return false;
  const key = keyAt(text, d.range.start);
  return key === 'rule_files' || (key !== undefined && PROMTOOL_FILE_KEYS.has(key));
}

/** The messages that would make `promtool check config` fail, as our checkers see the file. */
function promtoolVerdict(configPath: string, scheme: 'legacy' | 'utf8'): string[] {
  const raw = readFileSync(configPath, 'utf8');
  const text = scheme === 'legacy' ? withLegacyNames(raw) : raw;
  const diags = checkPrometheusConfig(text, { filePath: configPath });
  return diags.filter((d) => d.severity === 'error' || isPromtoolFileCheck(text, d)).map((d) => d.message);
}

/** Our messages without the hints Prometheus does not print. */
function core(message: string): string {
  // config/rule-file: file: <the rule file's first error, as promtool words it> (and N more errors);
  // promtool prints the file's path joined to the config's folder, and every error.
  message = message.replace(/^\S+: (?=(\d+:\d+: )*group "|read |\d+:\d+: )/, '').replace(/ \(and \d+ more errors?\)$/, '');
  return message.split('; did you mean')[0].replace(STATIC_TARGET_SUFFIX, '').replace(EMPTY_TARGET_SUFFIX, '').replace(ALERTMANAGER_TARGET_SUFFIX, '').replace(/ \((in "[^"]*"; )?(an Alertmanager file_sd file: )?promtool check config fails on this, and Prometheus (does not scrape these targets|sends no alerts to the Alertmanagers of that group)\)$/, '');
}

const fixtures = (['good', 'bad'] as const).flatMap((verdict) =>
  readdirSync(join(FIXTURES, verdict))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ verdict, file: `${verdict}/${f}`, path: join(FIXTURES, verdict, f) })),
);

describe('prometheus.yml: verdicts agree with promtool check config', () => {
  it('has good and bad fixtures', () => {
    assert.ok(fixtures.filter((f) => f.verdict === 'good').length >= 12);
    assert.ok(fixtures.filter((f) => f.verdict === 'bad').length >= 30);
  });

  // The folders hold promtool 2.42's verdicts (legacy label names).
  for (const f of fixtures) {
    it(`${f.file}: our verdict matches the folder`, () => {
      const fails = promtoolVerdict(f.path, 'legacy');
      if (f.verdict === 'good') assert.deepEqual(fails, []);
      else assert.ok(fails.length > 0, 'expected promtool to fail on this file');
    });
  }

  for (const file of LEGACY_NAMES_ONLY) {
    it(`${file}: loads cleanly with Prometheus 3.x's UTF-8 names`, () => {
      assert.deepEqual(promtoolVerdict(join(FIXTURES, file), 'utf8'), []);
    });
  }

  if (skipWithoutPromtool()) return;

  let major = 3;
  before(() => {
    major = promtoolMajor();
  });
  for (const f of fixtures) {
    it(`${f.file}: promtool and we agree`, function () {
      const run = spawnSync(PROMTOOL, ['check', 'config', f.path], { encoding: 'utf8', timeout: 30_000 });
      const output = (run.stdout + run.stderr).trim();
      const lacks = DEBIAN_BUILD_LACKS[f.file];
      if (lacks && output.includes(lacks)) {
        this.test!.title += ' (promtool build lacks a service discovery; verdict checked against the folder only)';
        return;
      }
      const promtoolOk = run.status === 0;
      const expectedOk = f.verdict === 'good' || (LEGACY_NAMES_ONLY.has(f.file) && major >= 3);
      assert.equal(promtoolOk, expectedOk, `promtool disagrees with the folder: ${output}`);
      const ours = promtoolVerdict(f.path, major < 3 ? 'legacy' : 'utf8');
      assert.equal(ours.length === 0, promtoolOk, `promtool: ${output}\nours: ${ours.join('; ')}`);
      if (!promtoolOk && !MESSAGE_DIFFERS[f.file]) {
        // Our diagnostics are one line; promtool prints go-yaml's error list over several.
        const flat = output.replace(/\s+/g, ' ');
        assert.ok(ours.some((m) => flat.includes(core(m).replace(/\s+/g, ' '))), `promtool: ${output}\nours: ${ours.join('; ')}`);
      }
    });
  }
});
