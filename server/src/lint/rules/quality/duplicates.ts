// Rules that do the same thing twice in one file: the same kind, expression and labels. promtool
// reports rules with the same name and labels in a file as "duplicate rules" (a lint warning).
import type { CheckOptions, RuleContext } from '../context';
import type { Finding } from '../model';
import { ruleDoc, type RuleCheck } from './types';

function labelKey(ctx: RuleContext): string {
  return (ctx.rule.labels?.entries ?? [])
    .map((kv) => `${kv.key}=${kv.value}`)
    .sort()
    .join('\u0000');
}

function describe(ctx: RuleContext): string {
  const kind = ctx.rule.alert?.value ? 'alert' : 'recording rule';
  const name = ctx.rule.alert?.value || ctx.rule.record?.value || '?';
  return `${kind} ${JSON.stringify(name)} (group ${JSON.stringify(ctx.group.name?.value ?? '')}, rule ${ctx.rule.index + 1})`;
}

export const duplicateRule: RuleCheck = {
  doc: ruleDoc(
    'rule/duplicate-rule',
    'warning',
    'Two rules in one file with the same expression and labels, or the same name and labels (promtool\'s duplicate-rules lint): one of them is redundant or a copy-paste left unchanged.',
    'groups:\n- name: g\n  rules:\n  - record: job:up:sum\n    expr: sum by (job) (up)\n  - record: job:up:sum\n    expr: sum by (job) (up)\n',
    'groups:\n- name: g\n  rules:\n  - record: job:up:sum\n    expr: sum by (job) (up)\n  - record: job:up:count\n    expr: count by (job) (up)\n',
  ),
  checkFile(rules: RuleContext[], _opts: CheckOptions): Finding[] {
    const out: Finding[] = [];
    const byExpr = new Map<string, RuleContext>();
    const byName = new Map<string, RuleContext>();
    for (const ctx of rules) {
      if (!ctx.exprText) continue;
      const isAlert = Boolean(ctx.rule.alert?.value);
      const name = ctx.rule.alert?.value || ctx.rule.record?.value || '';
      const labels = labelKey(ctx);
      const exprKey = [isAlert ? 'a' : 'r', ctx.exprText.replace(/\s+/g, ' ').trim(), labels, isAlert ? name : ''].join('\u0001');
      const nameKey = [isAlert ? 'a' : 'r', name, labels].join('\u0001');
      const first = byExpr.get(exprKey) ?? (name ? byName.get(nameKey) : undefined);
      if (first) {
        const same = byExpr.get(exprKey) === first ? 'expression and labels' : 'name and labels';
        out.push({
          ruleId: 'rule/duplicate-rule',
          message: `duplicate rule: same ${same} as ${describe(first)}`,
          range: (ctx.rule.alert ?? ctx.rule.record ?? ctx.rule.expr)?.valueRange ?? ctx.rule.range,
        });
      } else {
        byExpr.set(exprKey, ctx);
        if (name) byName.set(nameKey, ctx);
      }
    }
    return out;
  },
};

export const emptyGroup: RuleCheck = {
  doc: ruleDoc(
    'rule/empty-group',
    'info',
    'A rule group without rules does nothing.',
    'groups:\n- name: g\n  rules: []\n',
    'groups:\n- name: g\n  rules:\n  - record: job:up:sum\n    expr: sum by (job) (up)\n',
  ),
  checkGroup(group) {
    if (group.rules.length > 0) return [];
    return [{ ruleId: 'rule/empty-group', message: `group ${JSON.stringify(group.name?.value ?? '')} has no rules`, range: group.name?.valueRange ?? group.range }];
  },
};
