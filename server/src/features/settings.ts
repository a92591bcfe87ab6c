// The server's view of the `monitoring.*` settings, as sent by the client (initializationOptions
// and workspace/didChangeConfiguration). Unknown or malformed values fall back to defaults.
import type { LintSettings, RuleLevel } from '../lint/settings';
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
}

export const DEFAULT_SETTINGS: ServerSettings = { parse: {}, maxLineLength: 100, lint: { run: 'onSave', rules: { rules: {} } } };

const LEVELS = new Set<RuleLevel>(['error', 'warning', 'info', 'hint', 'off']);

/** Reads `{ monitoring: { promql: {...} } }` or the `monitoring` section itself. */
export function settingsFrom(value: unknown): ServerSettings {
  const root = asRecord(value);
  const monitoring = asRecord(root.monitoring ?? root);
  const promql = asRecord(monitoring.promql);
  const flag = (k: string) => promql[k] === true;
  const max = promql.maxLineLength;
  const lint = asRecord(monitoring.lint);
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
  };
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}
