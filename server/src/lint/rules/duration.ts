// Durations in rule files (`for`, `keep_firing_for`, `interval`, `query_offset`): the same
// model.ParseDuration and Duration.String as PromQL and prometheus.yml.
export { formatDuration, parseDuration as parseGoDuration, type DurationResult } from '../../promql/durations';
