// One entry for linting a whole file of any kind; the CLI and the language server both use it.
// (Wiring in progress: the per-kind linters are being written; until then .promql only.)
import { parsePromQL } from '../promql/parse';
import type { ParseOptions } from '../promql/types';
import type { FileKind, LintDiagnostic } from './types';

export interface FileReport {
  file: string;
  kind: FileKind;
  text: string;
  diagnostics: LintDiagnostic[];
}

export interface LintOptions {
  kind?: FileKind;
  parseOptions?: ParseOptions;
}

export function lintFile(file: string, text: string, opts: LintOptions = {}): FileReport | null {
  const kind = opts.kind ?? (file.endsWith('.promql') ? 'promql' : null);
  if (!kind) return null;
  const diagnostics: LintDiagnostic[] = [];
  if (kind === 'promql') {
    for (const e of parsePromQL(text, opts.parseOptions).errors) {
      diagnostics.push({ ruleId: 'promql/syntax', severity: 'error', message: e.message, range: e.range });
    }
  }
  return { file, kind, text, diagnostics };
}
