// The shape of a `promtool test rules` file (cmd/promtool/unittest.go, Prometheus 3.x), as the
// config checker's schema describes prometheus.yml: promtool decodes it with go-yaml v2's
// UnmarshalStrict, so unknown fields and wrong kinds fail the file with the same messages.
import { bool, duration, float, listOf, mapOf, str, struct, type StructDef } from '../config/schema/types';

const sample: StructDef = {
  goType: 'main.sample',
  fields: { labels: str, value: float, histogram: str },
};

const promqlTestCase: StructDef = {
  goType: 'main.promqlTestCase',
  fields: { expr: str, eval_time: duration, exp_samples: listOf(struct(() => sample)) },
};

const alert: StructDef = {
  goType: 'main.alert',
  fields: { exp_labels: mapOf(str), exp_annotations: mapOf(str) },
};

const alertTestCase: StructDef = {
  goType: 'main.alertTestCase',
  fields: { eval_time: duration, alertname: str, exp_alerts: listOf(struct(() => alert)) },
};

const series: StructDef = {
  goType: 'main.series',
  fields: { series: str, values: str },
};

const testGroup: StructDef = {
  goType: 'main.testGroup',
  fields: {
    interval: duration,
    input_series: listOf(struct(() => series)),
    alert_rule_test: listOf(struct(() => alertTestCase)),
    promql_expr_test: listOf(struct(() => promqlTestCase)),
    external_labels: mapOf(str),
    external_url: str,
    name: str,
    start_timestamp: str,
  },
};

export const unitTestFile: StructDef = {
  goType: 'main.unitTestFile',
  fields: {
    rule_files: listOf({ kind: 'file', glob: true }),
    evaluation_interval: duration,
    group_eval_order: listOf(str),
    tests: listOf(struct(() => testGroup)),
    fuzzy_compare: bool,
  },
};
