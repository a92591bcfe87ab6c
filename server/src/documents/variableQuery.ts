// The PromQL inside a Grafana Prometheus template-variable query. Grafana's own regexes
// (public/app/plugins/datasource/prometheus/metric_find_query.ts) decide which helper it is:
// label_values(selector, label) and label_names(selector) carry a series selector,
// query_result(expr) a whole expression; label_values(label), label_names() and metrics(regex)
// carry no PromQL; anything else is sent as a series selector.
import type { PosRange } from '../promql/ast';
import { interpolateGrafanaVariables } from './grafanaVariables';

const LABEL_NAMES = /^label_names\(\)\s*$/;
const LABEL_NAMES_WITH_MATCH = /^label_names\((.+)\)\s*$/d;
const LABEL_VALUES = /^label_values\((?:(.+),\s*)?([a-zA-Z_$][a-zA-Z0-9_]*)\)\s*$/d;
const METRIC_NAMES = /^metrics\((.+)\)\s*$/;
const QUERY_RESULT = /^query_result\((.+)\)\s*$/ds;

export type VariableQueryFunction = 'label_values' | 'label_names' | 'query_result' | 'metrics' | 'series';

export interface VariableQueryPromQL {
  fn: VariableQueryFunction;
  /** Offsets of the PromQL in the query string (whitespace trimmed), or null when there is none. */
  promql: PosRange | null;
}

function trimmed(query: string, start: number, end: number): PosRange | null {
  while (start < end && /\s/.test(query[start])) start++;
  while (end > start && /\s/.test(query[end - 1])) end--;
  return end > start ? { start, end } : null;
}

export function variableQueryPromQL(raw: string): VariableQueryPromQL | null {
  // Grafana replaces the variables first (metricFindQuery), then matches: `label_values(up, ${label})`.
  // The placeholders have the same length, so offsets hold for the query as written.
  const query = interpolateGrafanaVariables(raw);
  if (LABEL_NAMES.test(query)) return { fn: 'label_names', promql: null };
  if (METRIC_NAMES.test(query)) return { fn: 'metrics', promql: null };
  let m = LABEL_VALUES.exec(query);
  if (m) {
    const g = m.indices?.[1];
    return { fn: 'label_values', promql: g ? trimmed(query, g[0], g[1]) : null };
  }
  m = LABEL_NAMES_WITH_MATCH.exec(query);
  if (m?.indices?.[1]) return { fn: 'label_names', promql: trimmed(query, m.indices[1][0], m.indices[1][1]) };
  m = QUERY_RESULT.exec(query);
  if (m?.indices?.[1]) return { fn: 'query_result', promql: trimmed(query, m.indices[1][0], m.indices[1][1]) };
  const whole = trimmed(query, 0, query.length);
  return whole ? { fn: 'series', promql: whole } : null;
}
