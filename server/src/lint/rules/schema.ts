// A rule file's shape (rulefmt.RuleGroups) in the config checker's schema terms, for completing
// keys in the editor; the decoder (decode.ts) checks rule files itself, with these same fields.
import { any, duration, int, listOf, mapOf, str, struct, type StructDef } from '../config/schema/types';

const rule: StructDef = {
  goType: 'rulefmt.Rule',
  fields: { record: str, alert: str, expr: str, for: duration, keep_firing_for: duration, labels: mapOf(str), annotations: mapOf(str) },
};

const group: StructDef = {
  goType: 'rulefmt.RuleGroup',
  fields: { name: str, interval: duration, query_offset: duration, limit: int, rules: listOf(struct(() => rule)), labels: mapOf(str) },
};

export const ruleFileSchema: StructDef = {
  goType: 'rulefmt.RuleGroups',
  fields: { groups: listOf(struct(() => group)) },
};

/** A Kubernetes PrometheusRule (Prometheus Operator): the groups under spec, with Thanos' field. */
const crdGroup: StructDef = { goType: 'monitoringv1.RuleGroup', fields: { ...group.fields, partial_response_strategy: str } };
export const prometheusRuleSchema: StructDef = {
  goType: 'monitoringv1.PrometheusRule',
  fields: { apiVersion: str, kind: str, metadata: any, spec: struct(() => ({ goType: 'monitoringv1.PrometheusRuleSpec', fields: { groups: listOf(struct(() => crdGroup)) } })) },
};

/** For the test that keeps this schema and the decoder's field lists the same. */
export const ruleFileSchemaParts = { rule, group, crdGroup };
