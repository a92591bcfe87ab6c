// Everything a check needs about one rule: where it is, its decoded fields and its parsed PromQL.
import type { Expr, PosRange } from '../../promql/ast';
import type { ParseOptions } from '../../promql/types';
import type { GroupModel, RuleModel } from './model';

export interface RuleContext {
  /** The whole file's text. */
  fileText: string;
  group: GroupModel;
  rule: RuleModel;
  /** The PromQL as Prometheus receives it (unescaped), or '' when missing. */
  exprText: string;
  /** The parsed tree; null when missing or when it has syntax/type errors. */
  ast: Expr | null;
  /** Maps a range in exprText to the file. */
  toFile(r: PosRange): PosRange;
}

export interface CheckOptions {
  scrapeIntervalMs: number;
  /** True when scrapeIntervalMs is Prometheus' default, no configuration having given one. */
  scrapeIntervalIsDefault?: boolean;
  parseOptions: ParseOptions;
}
