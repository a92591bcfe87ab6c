// The one typed view of the extension's settings; nothing else reads workspace configuration.
import * as vscode from 'vscode';
import { trustedValue } from './trust';
import type { DataSourceSettings } from '../../server/src/prometheus/client';

export const SECTION = 'monitoring';

export interface PromQLSettings {
  experimentalFunctions: boolean;
  experimentalDurationExpressions: boolean;
  extendedRangeSelectors: boolean;
  binopFillModifiers: boolean;
  maxLineLength: number;
}

export interface LintSettings {
  /** When the full rule set runs: on open and save, or also as you type. */
  run: 'onSave' | 'onType';
  /** Rule id (or family such as `dashboard/`) → `off`, `error`, `warning`, `info` or `hint`. */
  rules: Record<string, string>;
}

/** One entry of `monitoring.datasources`: the server's own type (types only; nothing is bundled). */
export type { DataSourceSettings };

export interface QuerySettings {
  timeoutMs: number;
  maxSeries: number;
  maxPoints: number;
}

export interface Settings {
  promql: PromQLSettings;
  lint: LintSettings;
  /** Filtered by Workspace Trust: in an untrusted workspace only the user settings count. */
  datasources: DataSourceSettings[];
  /** Name of the data source in use; absent = the first of the list. */
  activeDatasource?: string;
  query: QuerySettings;
  preview: { hover: boolean; inlayHints: boolean };
  completion: { backend: boolean };
}

/**
 * `monitoring.datasources`. A workspace the user has not trusted could name any server (and get
 * the user's credentials sent to it): then only the user (global) settings count.
 */
export function readDatasources(): DataSourceSettings[] {
  const c = vscode.workspace.getConfiguration(SECTION);
  const value = trustedValue(c.inspect<unknown>('datasources'), c.get<unknown>('datasources'), vscode.workspace.isTrusted);
  if (!Array.isArray(value)) return [];
  return value.filter((d): d is DataSourceSettings => !!d && typeof d === 'object' && typeof d.name === 'string' && d.name !== '' && typeof d.url === 'string');
}

/** `monitoring.defaultDatasource`, with the same trust rule as the list. */
export function readDefaultDatasource(): string | undefined {
  const c = vscode.workspace.getConfiguration(SECTION);
  const value = trustedValue(c.inspect<unknown>('defaultDatasource'), c.get<unknown>('defaultDatasource'), vscode.workspace.isTrusted);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The data source in use: the status-bar choice (`chosen`, kept per workspace) when it still
 * exists, else `monitoring.defaultDatasource` when it exists, else the first; undefined with none.
 */
export function resolveActiveDatasource(chosen?: string): DataSourceSettings | undefined {
  const list = readDatasources();
  const def = readDefaultDatasource();
  return list.find((d) => d.name === chosen) ?? list.find((d) => d.name === def) ?? list[0];
}

const positive = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);

export function readSettings(chosenDatasource?: string): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const active = resolveActiveDatasource(chosenDatasource);
  return {
    promql: {
      experimentalFunctions: c.get<boolean>('promql.experimentalFunctions', false),
      experimentalDurationExpressions: c.get<boolean>('promql.experimentalDurationExpressions', false),
      extendedRangeSelectors: c.get<boolean>('promql.extendedRangeSelectors', false),
      binopFillModifiers: c.get<boolean>('promql.binopFillModifiers', false),
      maxLineLength: c.get<number>('promql.maxLineLength', 100),
    },
    lint: {
      run: c.get<string>('lint.run', 'onSave') === 'onType' ? 'onType' : 'onSave',
      rules: c.get<Record<string, string>>('lint.rules', {}),
    },
    datasources: readDatasources(),
    ...(active ? { activeDatasource: active.name } : {}),
    query: {
      timeoutMs: positive(c.get('query.timeoutMs'), 30_000),
      maxSeries: positive(c.get('query.maxSeries'), 500),
      maxPoints: positive(c.get('query.maxPoints'), 11_000),
    },
    preview: { hover: c.get<boolean>('preview.hover', true), inlayHints: c.get<boolean>('preview.inlayHints', false) },
    completion: { backend: c.get<boolean>('completion.backend', true) },
  };
}

/** The settings in the shape the language server reads (`{ monitoring: ... }`). */
export function serverSettings(chosenDatasource?: string): { monitoring: Settings } {
  return { monitoring: readSettings(chosenDatasource) };
}
