// Alert templates that read a label the query cannot return: after `sum by (job)`, $labels.instance
// is always empty. (pint calls this alerts/template.)
import { mapField } from '../validate';
import type { Finding } from '../model';
import { outputLabels } from './outputLabels';
import { ruleDoc, type RuleCheck } from './types';

const LABEL_REFS = /\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)|index\s+\$labels\s+"([^"\\]+)"/g;

export const templateUnknownLabel: RuleCheck = {
  doc: ruleDoc(
    'rule/template-unknown-label',
    'warning',
    "An alert template reads a label the query's result cannot have (it was aggregated away), so it always renders empty.",
    'groups:\n- name: g\n  rules:\n  - alert: HighErrors\n    expr: sum by (job) (rate(errors_total[5m])) > 1\n    annotations:\n      summary: "errors on {{ $labels.instance }}"\n',
    'groups:\n- name: g\n  rules:\n  - alert: HighErrors\n    expr: sum by (job, instance) (rate(errors_total[5m])) > 1\n    annotations:\n      summary: "errors on {{ $labels.instance }}"\n',
  ),
  check(ctx) {
    if (!ctx.ast || !ctx.rule.alert?.value) return [];
    const available = outputLabels(ctx.ast);
    if (!available) return [];
    const out: Finding[] = [];
    for (const kv of [...(ctx.rule.labels?.entries ?? []), ...(ctx.rule.annotations?.entries ?? [])]) {
      if (!kv.value.includes('$labels')) continue;
      const mapped = mapField(ctx.fileText, kv);
      for (const m of mapped.text.matchAll(LABEL_REFS)) {
        const label = m[1] ?? m[2];
        if (available.has(label)) continue;
        const kept = available.size ? `it only keeps ${[...available].sort().join(', ')}` : 'its result has no labels';
        out.push({
          ruleId: 'rule/template-unknown-label',
          message: `template uses label ${JSON.stringify(label)}, which the query removes (${kept}): it will render empty`,
          range: mapped.toFile({ start: m.index, end: m.index + m[0].length }),
        });
      }
    }
    return out;
  },
};
