// Formatting PromQL text the way Prometheus does: parse, then print the tree with String()
// (one line) or Prettify() (multi-line, `promtool promql format`).
//
// Comments: like Prometheus, the printers work on the tree, which has no comments, so
// formatting drops every `# ...` comment in the expression.
import type { Expr } from './ast';
import { parsePromQL } from './parse';
import { prettify, DEFAULT_MAX_LINE_LENGTH } from './prettier';
import { exprToString as printExpr } from './printer';
import type { ParseOptions, PromQLError } from './types';

export interface FormatOptions {
  /** Multi-line layout (Prometheus' Prettify) instead of the one-line String(). */
  pretty?: boolean;
  /** Line limit for the pretty layout, in UTF-8 bytes; Prometheus' default is 100. */
  maxLineLength?: number;
  /** Parser switches (experimental features) used to read the text. */
  parseOptions?: ParseOptions;
}

export interface FormatResult {
  /** The formatted expression, or the input unchanged when it could not be parsed. */
  text: string;
  /** Why the text was left as it was: the parser's errors (syntax, else type). Empty on success. */
  errors: PromQLError[];
}

/** Prometheus' Expr.String(). */
export function exprToString(expr: Expr): string {
  return printExpr(expr);
}

/** Prometheus' Prettify(expr) with a configurable line limit. */
export function prettyPrint(expr: Expr, maxLineLength = DEFAULT_MAX_LINE_LENGTH): string {
  return prettify(expr, maxLineLength);
}

/**
 * Formats one PromQL expression. On any parse or type error the user's text is returned
 * unchanged together with the errors, never a half-printed tree (Prometheus refuses too).
 * Text with no expression at all (empty, only comments) is returned unchanged. Comments are
 * dropped from a formatted expression, as Prometheus drops them.
 */
export function formatPromQL(text: string, opts: FormatOptions = {}): FormatResult {
  const parsed = parsePromQL(text, opts.parseOptions ?? {});
  if (parsed.errors.length > 0 || parsed.expr === null) return { text, errors: parsed.errors };
  const out = opts.pretty ? prettify(parsed.expr, opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH) : printExpr(parsed.expr);
  return { text: out, errors: [] };
}
