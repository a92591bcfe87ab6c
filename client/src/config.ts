// The one typed view of the extension's settings; nothing else reads workspace configuration.
import * as vscode from 'vscode';

export const SECTION = 'monitoring';

export interface PromQLSettings {
  experimentalFunctions: boolean;
  experimentalDurationExpressions: boolean;
  extendedRangeSelectors: boolean;
  binopFillModifiers: boolean;
  maxLineLength: number;
}

export interface Settings {
  promql: PromQLSettings;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    promql: {
      experimentalFunctions: c.get<boolean>('promql.experimentalFunctions', false),
      experimentalDurationExpressions: c.get<boolean>('promql.experimentalDurationExpressions', false),
      extendedRangeSelectors: c.get<boolean>('promql.extendedRangeSelectors', false),
      binopFillModifiers: c.get<boolean>('promql.binopFillModifiers', false),
      maxLineLength: c.get<number>('promql.maxLineLength', 100),
    },
  };
}

/** The settings in the shape the language server reads (`{ monitoring: ... }`). */
export function serverSettings(): { monitoring: Settings } {
  return { monitoring: readSettings() };
}
