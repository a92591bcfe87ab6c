// The server's view of the `monitoring.*` settings, as sent by the client (initializationOptions
// and workspace/didChangeConfiguration). Unknown or malformed values fall back to defaults.
import type { LintSettings, RuleLevel } from '../lint/settings';
import type { DataSourceSettings } from '../prometheus/client';
import type { ParseOptions } from '../promql/types';

export interface ServerSettings {
  parse: ParseOptions;
  maxLineLength: number;
  lint: {
    /** When the full rule set runs: on open and save (default), or also as you type. */
    run: 'onSave' | 'onType';
    /** `monitoring.lint.rules`: rule id (or family prefix `dashboard/`) → severity or 'off'. */
    rules: LintSettings;
  };
  /** `monitoring.datasources`, already filtered by Workspace Trust in the client. */
  datasources: DataSourceSettings[];
  /** The data source in use (status-bar choice or `monitoring.defaultDatasource`); absent = the first. */
  activeDatasource?: string;
  query: { timeoutMs: number; maxSeries: number; maxPoints: number };
  preview: { hover: boolean; inlayHints: boolean };
  completion: { backend: boolean };
}

export const DEFAULT_QUERY = { timeoutMs: 30_000, maxSeries: 500, maxPoints: 11_000 };

export const DEFAULT_SETTINGS: ServerSettings = {
  parse: {},
  maxLineLength: 100,
  lint: { run: 'onSave', rules: { rules: {} } },
  datasources: [],
  query: DEFAULT_QUERY,
  preview: { hover: true, inlayHints: false },
  completion: { backend: true },
};

const LEVELS = new Set<RuleLevel>(['error', 'warning', 'info', 'hint', 'off']);

/** Reads `{ monitoring: { promql: {...} } }` or the `monitoring` section itself. */
export function settingsFrom(value: unknown): ServerSettings {
  const root = asRecord(value);
  const monitoring = asRecord(root.monitoring ?? root);
  const promql = asRecord(monitoring.promql);
  const flag = (k: string) => promql[k] === true;
  const max = promql.maxLineLength;
  const lint = asRecord(monitoring.lint);
  const query = asRecord(monitoring.query);
  const preview = asRecord(monitoring.preview);
  const completion = asRecord(monitoring.completion);
  const rules: Record<string, RuleLevel> = {};
  for (const [id, level] of Object.entries(asRecord(lint.rules))) {
    if (LEVELS.has(level as RuleLevel)) rules[id] = level as RuleLevel;
  }
  return {
    parse: {
      enableExperimentalFunctions: flag('experimentalFunctions'),
      experimentalDurationExpr: flag('experimentalDurationExpressions'),
      enableExtendedRangeSelectors: flag('extendedRangeSelectors'),
      enableBinopFillModifiers: flag('binopFillModifiers'),
    },
    maxLineLength: typeof max === 'number' && max >= 10 ? Math.floor(max) : DEFAULT_SETTINGS.maxLineLength,
    lint: { run: lint.run === 'onType' ? 'onType' : 'onSave', rules: { rules } },
    datasources: datasourcesFrom(monitoring.datasources),
    ...(typeof monitoring.activeDatasource === 'string' && monitoring.activeDatasource !== '' ? { activeDatasource: monitoring.activeDatasource } : {}),
    query: {
      timeoutMs: positive(query.timeoutMs, DEFAULT_QUERY.timeoutMs),
      maxSeries: positive(query.maxSeries, DEFAULT_QUERY.maxSeries),
      maxPoints: positive(query.maxPoints, DEFAULT_QUERY.maxPoints),
    },
    preview: { hover: preview.hover !== false, inlayHints: preview.inlayHints === true },
    completion: { backend: completion.backend !== false },
  };
}

/** Well-formed entries only: a name and an http(s) URL; unknown auth kinds count as none. */
export function datasourcesFrom(value: unknown): DataSourceSettings[] {
  if (!Array.isArray(value)) return [];
  const out: DataSourceSettings[] = [];
  const names = new Set<string>();
  for (const v of value) {
    const r = asRecord(v);
    if (typeof r.url !== 'string' || !/^https?:\/\//i.test(r.url)) continue;
    const name = typeof r.name === 'string' && r.name.trim() !== '' ? r.name.trim() : r.url;
    if (names.has(name)) continue;
    names.add(name);
    const ds: DataSourceSettings = { name, url: r.url };
    const headers = asRecord(r.headers);
    const hs = Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string');
    if (hs.length > 0) ds.headers = Object.fromEntries(hs);
    const tls = asRecord(r.tls);
    if (typeof tls.caFile === 'string' || tls.insecureSkipVerify === true) {
      ds.tls = { ...(typeof tls.caFile === 'string' ? { caFile: tls.caFile } : {}), ...(tls.insecureSkipVerify === true ? { insecureSkipVerify: true } : {}) };
    }
    const auth = asRecord(r.auth);
    if (auth.kind === 'basic' || auth.kind === 'bearer') {
      ds.auth = { kind: auth.kind, ...(typeof auth.username === 'string' ? { username: auth.username } : {}) };
    }
    out.push(ds);
  }
  return out;
}

function positive(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}
