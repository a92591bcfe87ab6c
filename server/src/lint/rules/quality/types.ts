// A quality check: its documentation plus a function over one rule (or over the whole file).
import type { RuleDoc } from '../../types';
import type { CheckOptions, RuleContext } from '../context';
import type { Finding, GroupModel } from '../model';

export interface RuleCheck {
  doc: RuleDoc;
  /** Runs on every rule; `ctx.ast` is null when the expression did not parse. */
  check?(ctx: RuleContext, opts: CheckOptions): Finding[];
  /** Runs on every group. */
  checkGroup?(group: GroupModel): Finding[];
  /** Runs once over all rules of the file. */
  checkFile?(rules: RuleContext[], opts: CheckOptions): Finding[];
}

export function ruleDoc(id: string, defaultSeverity: RuleDoc['defaultSeverity'], summary: string, badExample: string, goodExample: string): RuleDoc {
  return { id, fileKind: 'rule-file', defaultSeverity, summary, badExample, goodExample };
}
