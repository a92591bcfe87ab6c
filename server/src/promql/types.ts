// Types shared by the parser, the checker, the formatter and their callers.
import type { Expr, PosRange } from './ast';

/** Prometheus' parser.Options, as switches. All default to off, like a stock Prometheus. */
export interface ParseOptions {
  /** --enable-feature=promql-experimental-functions: limitk, mad_over_time, info, ... */
  enableExperimentalFunctions?: boolean;
  /** --enable-feature=promql-duration-expr: foo[5m+1m], step(), range(), min_of/max_of. */
  experimentalDurationExpr?: boolean;
  /** --enable-feature=promql-extended-range-selectors: anchored / smoothed. */
  enableExtendedRangeSelectors?: boolean;
  /** --enable-feature=promql-binop-fill-modifiers: fill(), fill_left(), fill_right(). */
  enableBinopFillModifiers?: boolean;
}

/** Maps Go option field names (as in the corpus' parser_options) to our switches. */
export const GO_OPTION_NAMES: Readonly<Record<string, keyof ParseOptions>> = {
  EnableExperimentalFunctions: 'enableExperimentalFunctions',
  ExperimentalDurationExpr: 'experimentalDurationExpr',
  EnableExtendedRangeSelectors: 'enableExtendedRangeSelectors',
  EnableBinopFillModifiers: 'enableBinopFillModifiers',
};

export function optionsFromGoNames(names: readonly string[] | undefined): ParseOptions {
  const opts: ParseOptions = {};
  for (const n of names ?? []) {
    const key = GO_OPTION_NAMES[n];
    if (key) opts[key] = true;
  }
  return opts;
}

export interface PromQLError {
  /** Prometheus' own message text, without the "1:5: parse error: " prefix. */
  message: string;
  /** UTF-16 offsets into the parsed text, half-open. */
  range: PosRange;
}

export interface ParseResult {
  /** The tree; partial (with ErrorExpr holes) when there were syntax errors; null for empty input. */
  expr: Expr | null;
  /** Syntax errors in source order, or, when there are none, the type-check errors. */
  errors: PromQLError[];
}
