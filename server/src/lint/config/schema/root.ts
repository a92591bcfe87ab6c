// The top level of prometheus.yml (config.Config) and its sections, as tables.
import {
  checkAlerting, checkAlertmanager, checkChunkEncoding, checkGlobal, checkOtlp, checkQueue, checkRemoteRead,
  checkRemoteWrite, checkRetention, checkRoot, checkTracing, checkTsdb,
} from '../checks/blocks';
import { checkScrapeConfig, checkStaticGroup } from '../checks/scrape';
import { discoveryFields } from './discovery';
import { azureAdConfig, googleIamConfig, httpClientConfig, sigv4Config, tlsConfig } from './http';
import { relabelList } from './relabel';
import {
  bool, duration, enumOf, float, int, int64, labelSet, listOf, mapOf, size, str, struct, uint, uint64, url, type StructDef,
} from './types';

const validationScheme = enumOf(['', 'legacy', 'utf8'], (v) => `unrecognized ValidationScheme: ${JSON.stringify(v)}`);

export const globalConfig: StructDef = {
  goType: 'config.plain',
  fields: {
    scrape_interval: duration, scrape_timeout: duration, scrape_protocols: listOf(str), evaluation_interval: duration,
    rule_query_offset: duration, query_log_file: str, scrape_failure_log_file: str, external_labels: mapOf(str),
    body_size_limit: size, sample_limit: uint, target_limit: uint, label_limit: uint, label_name_length_limit: uint,
    label_value_length_limit: uint, keep_dropped_targets: uint, metric_name_validation_scheme: validationScheme,
    metric_name_escaping_scheme: str, scrape_native_histograms: bool, convert_classic_histograms_to_nhcb: bool,
    always_scrape_classic_histograms: bool, extra_scrape_metrics: bool,
  },
  check: checkGlobal,
};

export const staticConfig: StructDef = {
  goType: 'targetgroup.Group',
  fields: { targets: listOf(str), labels: labelSet },
  check: checkStaticGroup,
};

export const scrapeConfig: StructDef = {
  goType: 'config.ScrapeConfig',
  include: [httpClientConfig],
  fields: {
    job_name: str, honor_labels: bool, honor_timestamps: bool, track_timestamps_staleness: bool,
    params: mapOf(listOf(str)), scrape_interval: duration, scrape_timeout: duration, scrape_protocols: listOf(str),
    fallback_scrape_protocol: str, scrape_native_histograms: bool, always_scrape_classic_histograms: bool,
    convert_classic_histograms_to_nhcb: bool, scrape_failure_log_file: str, metrics_path: str, scheme: str,
    enable_compression: bool, body_size_limit: size, sample_limit: uint, target_limit: uint, label_limit: uint,
    label_name_length_limit: uint, label_value_length_limit: uint, native_histogram_bucket_limit: uint,
    native_histogram_min_bucket_factor: float, keep_dropped_targets: uint,
    metric_name_validation_scheme: validationScheme, metric_name_escaping_scheme: str, extra_scrape_metrics: bool,
    relabel_configs: relabelList('empty or null target relabeling rule in scrape config'),
    metric_relabel_configs: relabelList('empty or null metric relabeling rule in scrape config'),
    static_configs: listOf(struct(() => staticConfig), 'empty or null section in static_configs'),
    ...discoveryFields(),
  },
  check: checkScrapeConfig,
};

const alertmanagerConfig: StructDef = {
  goType: 'config.AlertmanagerConfig',
  include: [httpClientConfig],
  fields: {
    sigv4: struct(() => sigv4Config), scheme: str, path_prefix: str, timeout: duration,
    api_version: enumOf(['v2'], (v) => `expected Alertmanager api version to be one of [v2] but got ${v}`),
    relabel_configs: relabelList('empty or null Alertmanager target relabeling rule'),
    alert_relabel_configs: relabelList('empty or null Alertmanager alert relabeling rule'),
    static_configs: listOf(struct(() => staticConfig), 'empty or null section in static_configs'),
    ...discoveryFields(),
  },
  check: checkAlertmanager,
};

const alertingConfig: StructDef = {
  goType: 'config.plain',
  fields: {
    alert_relabel_configs: relabelList('empty or null alert relabeling rule'),
    alertmanagers: listOf(struct(() => alertmanagerConfig)),
  },
  check: checkAlerting,
};

const queueConfig: StructDef = {
  goType: 'config.QueueConfig',
  fields: {
    capacity: int, max_shards: int, min_shards: int, max_samples_per_send: int, batch_send_deadline: duration,
    min_backoff: duration, max_backoff: duration, retry_on_http_429: bool, sample_age_limit: duration,
  },
  check: checkQueue,
};

const metadataConfig: StructDef = {
  goType: 'config.MetadataConfig',
  fields: { send: bool, send_interval: duration, max_samples_per_send: int },
};

const remoteWriteConfig: StructDef = {
  goType: 'config.plain',
  include: [httpClientConfig],
  fields: {
    url, remote_timeout: duration, headers: mapOf(str), name: str, send_exemplars: bool,
    send_native_histograms: bool, round_robin_dns: bool, protobuf_message: str,
    write_relabel_configs: relabelList('empty or null relabeling rule in remote write config'),
    queue_config: struct(() => queueConfig), metadata_config: struct(() => metadataConfig),
    sigv4: struct(() => sigv4Config), azuread: struct(() => azureAdConfig), google_iam: struct(() => googleIamConfig),
  },
  check: checkRemoteWrite,
};

const remoteReadConfig: StructDef = {
  goType: 'config.plain',
  include: [httpClientConfig],
  fields: {
    url, remote_timeout: duration, chunked_read_limit: uint64, headers: mapOf(str), read_recent: bool, name: str,
    required_matchers: mapOf(str), filter_external_labels: bool,
  },
  check: checkRemoteRead,
};

const tsdbConfig: StructDef = {
  goType: 'config.plain',
  fields: {
    // TSDBConfig.OutOfOrderTimeWindow has no yaml tag: Prometheus prints it in its own config dump
    // (Status > Configuration) and reads it back, but overwrites it from out_of_order_time_window.
    outofordertimewindow: int64,
    out_of_order_time_window: duration,
    stale_series_compaction_threshold: float,
    retention: struct(() => ({
      goType: 'config.TSDBRetentionConfig',
      fields: { time: duration, size, percentage: float },
      check: checkRetention,
    })),
    chunk_encoding: struct(() => ({ goType: 'config.TSDBChunkEncodingConfig', fields: { floats: str }, check: checkChunkEncoding })),
  },
  hidden: ['outofordertimewindow'],
  check: checkTsdb,
};

const storageConfig: StructDef = {
  goType: 'config.StorageConfig',
  fields: {
    tsdb: struct(() => tsdbConfig),
    exemplars: struct(() => ({ goType: 'config.ExemplarsConfig', fields: { max_exemplars: int64 } })),
  },
};

const tracingConfig: StructDef = {
  goType: 'config.plain',
  fields: {
    client_type: enumOf(['http', 'grpc'], (v) => `expected tracing client type to be to be http or grpc, but got ${v}`),
    endpoint: str, sampling_fraction: float, insecure: bool, tls_config: struct(() => tlsConfig),
    headers: mapOf(str), compression: str, timeout: duration,
  },
  check: checkTracing,
};

const otlpConfig: StructDef = {
  goType: 'config.plain',
  fields: {
    promote_all_resource_attributes: bool, promote_resource_attributes: listOf(str),
    ignore_resource_attributes: listOf(str), translation_strategy: str, keep_identifying_resource_attributes: bool,
    convert_histograms_to_nhcb: bool, promote_scope_metadata: bool, label_name_underscore_sanitization: bool,
    label_name_preserve_multiple_underscores: bool,
  },
  check: checkOtlp,
};

export const rootConfig: StructDef = {
  goType: 'config.plain',
  fields: {
    global: struct(() => globalConfig),
    runtime: struct(() => ({ goType: 'config.RuntimeConfig', fields: { gogc: int } })),
    alerting: struct(() => alertingConfig),
    rule_files: listOf({ kind: 'file', glob: true }),
    scrape_config_files: listOf({ kind: 'file', glob: true }),
    scrape_configs: listOf(struct(() => scrapeConfig), 'empty or null scrape config section'),
    storage: struct(() => storageConfig),
    tracing: struct(() => tracingConfig),
    remote_write: listOf(struct(() => remoteWriteConfig), 'empty or null remote write config section'),
    remote_read: listOf(struct(() => remoteReadConfig), 'empty or null remote read config section'),
    otlp: struct(() => otlpConfig),
  },
  check: checkRoot,
};
