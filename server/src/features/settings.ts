// The server's view of the `monitoring.*` settings, as sent by the client (initializationOptions
// and workspace/didChangeConfiguration). Unknown or malformed values fall back to defaults.
import type { ParseOptions } from '../promql/types';

export interface ServerSettings {
  parse: ParseOptions;
  maxLineLength: number;
}

export const DEFAULT_SETTINGS: ServerSettings = { parse: {}, maxLineLength: 100 };

/** Reads `{ monitoring: { promql: {...} } }` or the `monitoring` section itself. */
export function settingsFrom(value: unknown): ServerSettings {
  const root = asRecord(value);
  const monitoring = asRecord(root.monitoring ?? root);
  const promql = asRecord(monitoring.promql);
  const flag = (k: string) => promql[k] === true;
  const max = promql.maxLineLength;
  return {
    parse: {
      enableExperimentalFunctions: flag('experimentalFunctions'),
      experimentalDurationExpr: flag('experimentalDurationExpressions'),
      enableExtendedRangeSelectors: flag('extendedRangeSelectors'),
      enableBinopFillModifiers: flag('binopFillModifiers'),
    },
    maxLineLength: typeof max === 'number' && max >= 10 ? Math.floor(max) : DEFAULT_SETTINGS.maxLineLength,
  };
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}
