// A PromQL expression found inside a file, with the map back to the file's characters.
import type { PosRange } from '../promql/ast';

export type ExpressionKind =
  | 'promql-file'          // one expression of a .promql file
  | 'rule-expr'            // expr: of an alerting or recording rule
  | 'rule-test-expr'       // expr: of a promql_expr_test in a `promtool test rules` file
  | 'dashboard-target'     // panels[].targets[].expr
  | 'dashboard-variable';  // a template variable's query (the PromQL inside label_values(...) etc.)

export interface EmbeddedExpression {
  kind: ExpressionKind;
  /** The PromQL as Prometheus would receive it: unescaped, Grafana variables replaced by placeholders. */
  text: string;
  /** The unescaped PromQL before variable replacement (for display, hover, formatting). */
  source: string;
  /** Range in the file (UTF-16 offsets) of the value's characters, quotes excluded. */
  range: PosRange;
  /** Maps a UTF-16 offset in `text` to a UTF-16 offset in the file. Offsets at `text.length` map to the end. */
  toFileOffset(offset: number): number;
  /** A short label for outlines and messages, e.g. `group/rule-name` or `panel "CPU" A`. */
  label: string;
}
