// Diagnostics of a document's PromQL: parse and check every expression (cached by its text and
// options, because typing elsewhere in a file leaves most expressions unchanged) and map each
// error back to the file.
import type { EmbeddedExpression } from '../documents/types';
import { reportableErrors } from '../documents/grafanaVariables';
import type { PosRange } from '../promql/ast';
import { parsePromQL } from '../promql/parse';
import type { ParseOptions, PromQLError } from '../promql/types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface FileDiagnostic {
  /** UTF-16 offsets into the file, half-open. */
  range: PosRange;
  message: string;
  severity: Severity;
  source: string;
}

export const DIAGNOSTIC_SOURCE = 'promql';

/** Parse results by options and text; bounded so a long editing session cannot grow it forever. */
export class ExpressionErrorCache {
  private readonly entries = new Map<string, readonly PromQLError[]>();

  // Several large documents open at once hold well over 5,000 distinct expressions (the 5,000-rule
  // benchmark file plus Node Exporter Full): the cache must hold them all, or edits re-parse.
  constructor(private readonly maxEntries = 50_000) {}

  errors(text: string, opts: ParseOptions): readonly PromQLError[] {
    const key = `${optionsKey(opts)}\u0000${text}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert so the Map's insertion order doubles as least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const errors = safeParse(text, opts);
    this.entries.set(key, errors);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return errors;
  }

  get size(): number {
    return this.entries.size;
  }
}

function optionsKey(opts: ParseOptions): string {
  return [
    opts.enableExperimentalFunctions,
    opts.experimentalDurationExpr,
    opts.enableExtendedRangeSelectors,
    opts.enableBinopFillModifiers,
  ]
    .map((b) => (b ? 1 : 0))
    .join('');
}

function safeParse(text: string, opts: ParseOptions): readonly PromQLError[] {
  try {
    return parsePromQL(text, opts).errors;
  } catch (err) {
    // A crash in the parser must not take the language server down; show it where it happened.
    return [{ message: `internal error: ${(err as Error).message}`, range: { start: 0, end: text.length } }];
  }
}

/** Diagnostics for every expression of one document, in file order. */
export function expressionDiagnostics(
  expressions: readonly EmbeddedExpression[],
  opts: ParseOptions,
  cache: ExpressionErrorCache,
): FileDiagnostic[] {
  const out: FileDiagnostic[] = [];
  for (const expr of expressions) {
    for (const err of reportableErrors(expr, cache.errors(expr.text, opts))) {
      out.push({
        range: { start: expr.toFileOffset(err.range.start), end: expr.toFileOffset(err.range.end) },
        message: err.message,
        severity: 'error',
        source: DIAGNOSTIC_SOURCE,
      });
    }
  }
  return out;
}
