// One entry point for callers: the PromQL expressions of any supported file.
import type { FileKind } from '../lint/types';
import { dashboardExpressions } from './dashboard';
import { detectFileKind } from './detect';
import { promqlFileExpressions } from './promqlFile';
import { ruleFileExpressions } from './ruleFile';
import { ruleTestExpressions } from './ruleTestFile';
import type { EmbeddedExpression } from './types';

export function expressionsOf(kind: FileKind, text: string): EmbeddedExpression[] {
  switch (kind) {
    case 'promql':
      return promqlFileExpressions(text);
    case 'rule-file':
      return ruleFileExpressions(text);
    case 'rule-test':
      return ruleTestExpressions(text);
    case 'dashboard':
      return dashboardExpressions(text);
    case 'prometheus-config':
    case 'lint-settings':
      return [];
  }
}

/** Detects the file's kind and returns its expressions (none for unknown files). */
export function documentExpressions(fileName: string, text: string): { kind: FileKind | null; expressions: EmbeddedExpression[] } {
  const kind = detectFileKind(fileName, text);
  return { kind, expressions: kind ? expressionsOf(kind, text) : [] };
}
