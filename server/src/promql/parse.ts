// Entry point of the PromQL core: lex, parse, then (only without syntax errors, like Go's
// ParseExpr) type-check.
import { checkAST } from './checker';
import { PromQLGrammar } from './grammar';
import type { ParseOptions, ParseResult, PromQLError } from './types';
export type { ParseOptions, ParseResult, PromQLError } from './types';

/** The grammar alone: syntax errors and the checks Go makes in grammar actions, no checkAST. */
export function parseSyntax(text: string, opts: ParseOptions = {}): ParseResult {
  const errors: PromQLError[] = [];
  try {
    const grammar = new PromQLGrammar(text, opts, errors);
    const expr = grammar.parseStart();
    return { expr, errors };
  } catch (e) {
    // The expression machine needs no stack per nesting level, but duration expressions inside
    // "[...]" recurse: thousands of nested parentheses there could exhaust the stack. Never throw.
    const message = e instanceof RangeError ? 'expression nested too deeply' : `internal parser error: ${String(e)}`;
    return { expr: null, errors: [...errors, { message, range: { start: 0, end: text.length } }] };
  }
}

/** Parses one PromQL expression. Never throws: bad input yields errors with positions. */
export function parsePromQL(text: string, opts: ParseOptions = {}): ParseResult {
  const result = parseSyntax(text, opts);
  if (result.errors.length === 0 && result.expr) return { expr: result.expr, errors: checkAST(result.expr, opts, text) };
  return result;
}
