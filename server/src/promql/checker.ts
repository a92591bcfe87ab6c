// Port of Prometheus' checkAST (promql/parser/parse.go). STUB: being written.
import type { Expr } from './ast';
import type { ParseOptions, PromQLError } from './types';

export function checkAST(_expr: Expr, _opts: ParseOptions = {}): PromQLError[] {
  return [];
}
