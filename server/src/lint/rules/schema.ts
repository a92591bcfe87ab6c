// A rule file's shape (rulefmt.RuleGroups) in the config checker's schema terms, for completing
// keys in the editor; the decoder (decode.ts) checks rule files itself, with these same fields.
import { duration, int, listOf, mapOf, str, struct, type StructDef } from '../config/schema/types';

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

/** For the test that keeps this schema and the decoder's field lists the same. */
export const ruleFileSchemaParts = { rule, group };
