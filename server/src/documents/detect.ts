// Decides what kind of monitoring file a document is, by its name and, when the name is not
// conclusive (any .yml/.json, or an unknown extension), by its content.
import type { FileKind } from '../lint/types';
import { parseDashboard, prop } from './dashboardModel';

// Top-level keys of Prometheus' config.Config. Some only Prometheus uses ("strong"); others
// (global, storage, ...) are common in other YAML too (Helm values, Alertmanager).
const CONFIG_KEYS = new Set(['global', 'runtime', 'alerting', 'rule_files', 'scrape_config_files', 'scrape_configs', 'storage', 'tracing', 'remote_write', 'remote_read', 'otlp']);
const STRONG_CONFIG_KEYS = new Set(['scrape_configs', 'rule_files', 'scrape_config_files', 'remote_write', 'remote_read', 'alerting']);
const ALERTMANAGER_KEYS = new Set(['route', 'receivers', 'inhibit_rules', 'templates']);
const TOP_LEVEL_KEY = /^([A-Za-z_][\w-]*)\s*:/gm;
const GROUPS_KEY = /^groups\s*:/m;
// Top-level keys of a `promtool test rules` file (unitTestFile); `tests` is the one it always has.
const RULE_TEST_KEYS = new Set(['rule_files', 'evaluation_interval', 'group_eval_order', 'tests', 'fuzzy_compare']);
// Keys of a test case (testGroup) that no other YAML is likely to have.
const TEST_CASE_KEY = /^[ \t]+(?:-[ \t]+)?(?:input_series|alert_rule_test|promql_expr_test)[ \t]*:/m;
const PROMETHEUS_RULE_KIND = /^kind\s*:\s*["']?PrometheusRule["']?\s*(#.*)?$/m;

export function detectFileKind(fileName: string, text: string): FileKind | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.promql')) return 'promql';
  if (/(^|[\\/])\.monitoring-lint\.yml$/.test(lower)) return 'lint-settings';
  const ext = /\.([a-z0-9]+)$/.exec(lower)?.[1];
  if (ext === 'json') return jsonKind(text);
  if (ext === 'yml' || ext === 'yaml') {
    // An empty or half-written prometheus.yml is still Prometheus' config.
    return yamlKind(text) ?? (/(^|[\\/])prometheus\.ya?ml$/.test(lower) ? 'prometheus-config' : null);
  }
  // Unknown extension: sniff the content.
  const first = text.trimStart()[0];
  if (first === '{') return jsonKind(text);
  return yamlKind(text);
}

/** The first content line's indentation: Prometheus reads a file indented as a whole (`  groups:`) too. */
const FIRST_CONTENT_LINE = /^( *)[^ \t\r\n#]/m;

function yamlKind(raw: string): FileKind | null {
  const indent = FIRST_CONTENT_LINE.exec(raw)?.[1].length ?? 0;
  const text = indent > 0 ? raw.replace(new RegExp(`^ {${indent}}`, 'gm'), '') : raw;
  if (GROUPS_KEY.test(text) || (PROMETHEUS_RULE_KIND.test(text) && /^\s+groups\s*:/m.test(text))) return 'rule-file';
  const keys = [...text.matchAll(TOP_LEVEL_KEY)].map((m) => m[1]);
  // `tests:` alone is too common a key to claim a file on; a test file names what it tests. Other
  // keys may be typos (reported by the test file's check), but not a Prometheus config's own.
  // A file of `tests:` alone (promql_expr_test needs no rule file) is one when its test cases
  // hold promtool's own keys.
  if (
    keys.includes('tests') &&
    (keys.some((k) => k !== 'tests' && RULE_TEST_KEYS.has(k)) || TEST_CASE_KEY.test(text)) &&
    !keys.some((k) => k !== 'rule_files' && STRONG_CONFIG_KEYS.has(k))
  ) return 'rule-test';
  if (keys.some((k) => ALERTMANAGER_KEYS.has(k))) return null;
  if (keys.some((k) => STRONG_CONFIG_KEYS.has(k))) return 'prometheus-config';
  // Only weak keys: a Prometheus config when every top-level key is one of Prometheus'.
  if (keys.length > 0 && keys.every((k) => CONFIG_KEYS.has(k))) return 'prometheus-config';
  return null;
}

/** Keys one of which every dashboard or JSON rule file has: a cheap test before parsing. */
const JSON_HINT = /"(panels|templating|schemaVersion|rows|elements|apiVersion|dashboard|groups)"\s*:/;

function jsonKind(text: string): FileKind | null {
  if (!JSON_HINT.test(text)) return null; // package.json, tsconfig.json, ...
  if (looksLikeDashboard(text)) return 'dashboard';
  // YAML is a superset of JSON: Prometheus loads {"groups": [...]} rule files too.
  const { root } = parseDashboard(text);
  return prop(root, 'groups')?.type === 'array' ? 'rule-file' : null;
}

function looksLikeDashboard(text: string): boolean {
  const { dash, tooDeep } = parseDashboard(text);
  // Unreadable, but it names a dashboard's keys (JSON_HINT): its lint says why.
  if (tooDeep) return true;
  if (!dash) return false;
  if (prop(dash, 'panels') || prop(dash, 'templating') || prop(dash, 'schemaVersion') || prop(dash, 'rows')) return true;
  // v2 dashboards: {apiVersion: dashboard.grafana.app/v2..., kind: Dashboard, spec: {elements, layout}} or the bare spec.
  const spec = prop(dash, 'spec');
  const api = prop(dash, 'apiVersion');
  if (api?.type === 'string' && /^dashboard\.grafana\.app\//.test(api.value as string)) return true;
  return Boolean(prop(dash, 'elements') && prop(dash, 'layout')) || Boolean(prop(spec, 'elements') && prop(spec, 'layout'));
}
