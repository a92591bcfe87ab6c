// rule/impossible-vector-match: the shared analysis (lint/promql/impossibleMatch.ts) on each rule's expr.
import { IMPOSSIBLE_MATCH_BAD, IMPOSSIBLE_MATCH_GOOD, IMPOSSIBLE_MATCH_SUMMARY, impossibleMatches, placeInFile } from '../../promql/impossibleMatch';
import type { Finding } from '../model';
import { treeNodes } from './astUtil';
import { ruleDoc, type RuleCheck } from './types';

const ruleFile = (kind: 'record' | 'alert', name: string, expr: string): string => `groups:\n- name: g\n  rules:\n  - ${kind}: ${name}\n    expr: ${expr}\n`;

export const impossibleVectorMatch: RuleCheck = {
  doc: ruleDoc(
    'rule/impossible-vector-match',
    'warning',
    IMPOSSIBLE_MATCH_SUMMARY,
    ruleFile('record', 'memcached:hit_ratio', IMPOSSIBLE_MATCH_BAD),
    ruleFile('record', 'memcached:hit_ratio', IMPOSSIBLE_MATCH_GOOD),
  ),
  check(ctx) {
    if (!ctx.ast) return [];
    return impossibleMatches(ctx.ast, { text: ctx.exprText, nodes: treeNodes(ctx.ast) }).map(
      (found): Finding => ({ ruleId: 'rule/impossible-vector-match', ...placeInFile(found, (r) => ctx.toFile(r)) }),
    );
  },
};
