// Recording rule names: the level:metric:operations convention of the Prometheus documentation.
import { ruleDoc, type RuleCheck } from './types';

// At least level:metric; the operations part is often folded into the metric (count:up1). The level
// may be left empty for a series aggregated over everything (Thanos' `:grpc_client_failures_per_unary:sum_rate`).
const LEVEL_METRIC_OPS = /^([a-zA-Z_][a-zA-Z0-9_]*)?(:[a-zA-Z0-9_]+)+$/;

export const recordNameFormat: RuleCheck = {
  doc: ruleDoc(
    'rule/record-name-format',
    'info',
    'Recording rule names should follow level:metric:operations, with at least one colon, (e.g. `job:http_requests:rate5m`), so they read as derived series and never collide with scraped ones.',
    'groups:\n- name: g\n  rules:\n  - record: http_requests_rate\n    expr: sum by (job) (rate(http_requests_total[5m]))\n',
    'groups:\n- name: g\n  rules:\n  - record: job:http_requests:rate5m\n    expr: sum by (job) (rate(http_requests_total[5m]))\n',
  ),
  check(ctx) {
    const rec = ctx.rule.record;
    if (!rec?.value || ctx.rule.alert?.value || LEVEL_METRIC_OPS.test(rec.value)) return [];
    return [{
      ruleId: 'rule/record-name-format',
      message: `recording rule name ${JSON.stringify(rec.value)} does not follow the level:metric:operations convention (e.g. job:http_requests:rate5m)`,
      range: rec.valueRange,
    }];
  },
};
