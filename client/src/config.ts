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

export interface LintSettings {
  /** When the full rule set runs: on open and save, or also as you type. */
  run: 'onSave' | 'onType';
  /** Rule id (or family such as `dashboard/`) → `off`, `error`, `warning`, `info` or `hint`. */
  rules: Record<string, string>;
}

export interface Settings {
  promql: PromQLSettings;
  lint: LintSettings;
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
    lint: {
      run: c.get<string>('lint.run', 'onSave') === 'onType' ? 'onType' : 'onSave',
      rules: c.get<Record<string, string>>('lint.rules', {}),
    },
  };
}

/** The settings in the shape the language server reads (`{ monitoring: ... }`). */
export function serverSettings(): { monitoring: Settings } {
  return { monitoring: readSettings() };
}
