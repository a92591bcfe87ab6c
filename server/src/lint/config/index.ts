// Prometheus configuration (prometheus.yml) checks: the entry point and the rule documentation.
export { checkPrometheusConfig, type ConfigCheckOptions } from './checkConfig';
export { configRules } from './rules';
// The schema tables, for completion and hover: field names, types and Go type names per block.
export { rootConfig } from './schema/root';
export { allFields, type FieldType, type StructDef } from './schema/types';
