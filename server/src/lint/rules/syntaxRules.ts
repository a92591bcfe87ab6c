// Documentation of the checks `promtool check rules` makes (see validate.ts and decode.ts).
import type { RuleDoc } from '../types';
import { ruleDoc } from './quality/types';

const g = (rules: string): string => `groups:\n- name: g\n  rules:\n${rules}`;

export const syntaxRuleDocs: RuleDoc[] = [
  ruleDoc('rule/yaml-syntax', 'error', 'The file is not valid YAML.', 'groups:\n- name: "g\n', 'groups:\n- name: "g"\n'),
  ruleDoc('rule/unknown-field', 'error', 'A key Prometheus does not know (it decodes rule files strictly), usually a typo.',
    g('  - alert: A\n    expr: up == 0\n    annotation:\n      summary: x\n'), g('  - alert: A\n    expr: up == 0\n    annotations:\n      summary: x\n')),
  ruleDoc('rule/invalid-type', 'error', 'A value of the wrong YAML type, e.g. a list where a string is expected.',
    g('  - alert: A\n    expr: [up]\n'), g('  - alert: A\n    expr: up == 0\n')),
  ruleDoc('rule/invalid-duration', 'error', 'A `for`, `keep_firing_for`, `interval` or `query_offset` that is not a Prometheus duration.',
    g('  - alert: A\n    expr: up == 0\n    for: 5 minutes\n'), g('  - alert: A\n    expr: up == 0\n    for: 5m\n')),
  ruleDoc('rule/multiple-documents', 'warning', 'Prometheus loads only the first YAML document of a rule file; the others are ignored. In a file indented as a whole, the first line indented less than the first one ends that document: Prometheus ignores it and everything after it.',
    'groups: []\n---\ngroups:\n- name: g\n  rules: []\n', 'groups:\n- name: g\n  rules: []\n'),
  ruleDoc('rule/group-name-empty', 'error', 'A rule group needs a name.', 'groups:\n- rules: []\n', 'groups:\n- name: g\n  rules: []\n'),
  ruleDoc('rule/group-name-repeated', 'error', 'Group names must be unique within a file.',
    'groups:\n- name: g\n- name: g\n', 'groups:\n- name: g\n- name: h\n'),
  ruleDoc('rule/record-and-alert', 'error', 'A rule is either a recording rule (`record`) or an alerting rule (`alert`), not both.',
    g('  - record: a:b:c\n    alert: A\n    expr: up\n'), g('  - record: a:b:c\n    expr: up\n')),
  ruleDoc('rule/missing-record-or-alert', 'error', "Every rule needs `record` or `alert`.", g('  - expr: up\n'), g('  - record: a:up:sum\n    expr: sum(up)\n')),
  ruleDoc('rule/missing-expr', 'error', 'Every rule needs a non-empty `expr`.', g('  - record: a:up:sum\n'), g('  - record: a:up:sum\n    expr: sum(up)\n')),
  ruleDoc('rule/promql-invalid', 'error', 'The `expr` is not valid PromQL (syntax or type error).',
    g('  - record: a:up:sum\n    expr: sum(up\n'), g('  - record: a:up:sum\n    expr: sum(up)\n')),
  ruleDoc('rule/recording-rule-field', 'error', '`for`, `keep_firing_for` and `annotations` only apply to alerting rules.',
    g('  - record: a:up:sum\n    expr: sum(up)\n    for: 5m\n'), g('  - record: a:up:sum\n    expr: sum(up)\n')),
  ruleDoc('rule/invalid-record-name', 'error', 'A recording rule name must be a valid metric name, without braces.',
    g('  - record: up{job="a"}\n    expr: up\n'), g('  - record: job:up:sum\n    expr: up\n')),
  ruleDoc('rule/invalid-label-name', 'error', 'A label name must be valid and cannot be `__name__`.',
    g('  - record: a:up:sum\n    expr: sum(up)\n    labels:\n      __name__: x\n'), g('  - record: a:up:sum\n    expr: sum(up)\n    labels:\n      team: x\n')),
  ruleDoc('rule/invalid-label-value', 'error', 'A label value must be valid UTF-8.',
    g('  - record: a:up:sum\n    expr: sum(up)\n    labels:\n      team: "\\uD800"\n'), g('  - record: a:up:sum\n    expr: sum(up)\n    labels:\n      team: x\n')),
  ruleDoc('rule/invalid-annotation-name', 'error', 'An annotation name must be a valid label name.',
    g('  - alert: A\n    expr: up == 0\n    annotations:\n      "": x\n'), g('  - alert: A\n    expr: up == 0\n    annotations:\n      summary: x\n')),
  ruleDoc('rule/template-invalid', 'error', "An alert's label or annotation is not a valid Go template (Prometheus parses them when it loads the file).",
    g('  - alert: A\n    expr: up == 0\n    annotations:\n      summary: "{{ $label.job }} down"\n'),
    g('  - alert: A\n    expr: up == 0\n    annotations:\n      summary: "{{ $labels.job }} down"\n')),
  ruleDoc('rule/template-exec-error', 'warning', "An alert's label or annotation template that parses but fails whenever Prometheus expands it: an argument given to something that is not a function, such as `{{ $labels.deployment | $labels.statefulset }}` (a pipeline passes each value to the next stage as its last argument). The alert then carries Go's error text instead of the message.",
    g('  - alert: A\n    expr: up == 0\n    annotations:\n      summary: "{{ $labels.deployment | $labels.statefulset }} down"\n'),
    g('  - alert: A\n    expr: up == 0\n    annotations:\n      summary: "{{ or $labels.deployment $labels.statefulset }} down"\n')),
  ruleDoc('rule/too-large', 'warning', 'The file is too large to lint in the editor.', '(a rule file over the size limit)', 'groups: []\n'),
];
