// Whole-block rules of the top-level sections: global, remote_write/remote_read, alerting,
// tracing, storage and otlp (config.go UnmarshalYAML methods), with Prometheus' messages.
import { formatDuration, parseSize } from '../durations';
import { goQuote } from '../goText';
import { isValidLabelName, isValidLabelValue } from '../labelNames';
import type { ObjView } from '../objView';
import { report, type WalkContext } from '../walkContext';
import { goString } from '../yamlNodes';
import { protocolListError } from './protocols';
import { checkLookback, checkStaticTargets, clampTimeout, durationMs } from './scrape';
import { checkAlertmanagerTargets } from './targetGroups';
import { validateRelabelLists } from './relabel';

export function checkGlobal(v: ObjView, ctx: WalkContext): void {
  ctx.globalView = v;
  for (const e of v.mapOf('external_labels')) {
    const r = e.keyNode.range;
    if (!isValidLabelName(e.keyText, ctx.globalScheme)) {
      report(ctx, 'config/label-name', r ? [r[0], r[1]] : v.anchor, `${goQuote(e.keyText)} is not a valid label name`);
    }
    const value = goString(e.value);
    if (value.ok && !isValidLabelValue(value.value)) {
      const vr = e.value?.range;
      report(ctx, 'config/label-name', vr ? [vr[0], vr[1]] : v.anchor, `${goQuote(value.value)} is not a valid label value`);
    }
  }
  const interval = durationMs(v, 'scrape_interval') || 60_000;
  const timeout = durationMs(v, 'scrape_timeout') ?? 0;
  if (timeout > interval) report(ctx, 'config/scrape-timeout', v.keyRange('scrape_timeout'), 'global scrape timeout greater than scrape interval', 'error', clampTimeout(v, interval));
  checkLookback(v, ctx);
  if (v.has('scrape_protocols')) {
    const err = protocolListError(v.strList('scrape_protocols'));
    if (err) report(ctx, 'config/invalid-value', v.valueRange('scrape_protocols'), `${err} for global config`);
  }
}

const reservedHeaders = new Set([
  'host', 'content-encoding', 'content-length', 'content-type', 'user-agent', 'connection', 'keep-alive',
  'proxy-authenticate', 'proxy-authorization', 'www-authenticate', 'accept-encoding',
  'x-prometheus-remote-write-version', 'x-prometheus-remote-read-version', 'x-amz-date', 'x-amz-security-token',
  'x-amz-content-sha256',
]);

function checkHeaders(v: ObjView, ctx: WalkContext, authorizationMessage: string): void {
  for (const e of v.mapOf('headers')) {
    const r = e.keyNode.range;
    const at: [number, number] = r ? [r[0], r[1]] : v.anchor;
    const lower = e.keyText.toLowerCase();
    if (lower === 'authorization') report(ctx, 'config/header', at, authorizationMessage);
    else if (reservedHeaders.has(lower)) report(ctx, 'config/header', at, `${e.keyText} is a reserved header. It must not be changed`);
  }
}

const remoteAuthMessage = 'authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter';
const protobufMessages = ['prometheus.WriteRequest', 'io.prometheus.write.v2.Request'];

export function checkRemoteWrite(v: ObjView, ctx: WalkContext): void {
  if (!v.has('url')) report(ctx, 'config/required', v.anchor, 'url for remote_write is empty');
  checkHeaders(v, ctx, remoteAuthMessage);
  const msg = v.str('protobuf_message');
  if (v.has('protobuf_message') && !protobufMessages.includes(msg)) {
    report(ctx, 'config/invalid-value', v.valueRange('protobuf_message'),
      `invalid protobuf_message value: unknown type for remote write protobuf message ${msg}, supported: ${protobufMessages.join(', ')}`);
  }
  const auth = ['basic_auth', 'authorization', 'oauth2', 'sigv4', 'azuread', 'google_iam'].filter((k) => v.has(k));
  if (auth.length > 1) {
    report(ctx, 'config/auth-exclusive', v.keyRange(auth[1]),
      `at most one of basic_auth, authorization, oauth2, sigv4, azuread or google_iam must be configured. Currently configured: [${auth.join(' ')}]`);
  }
  validateRelabelLists(v, ['write_relabel_configs'], ctx.globalScheme, ctx);
}

export function checkQueue(v: ObjView, ctx: WalkContext): void {
  const fail = (key: string, msg: string): void => report(ctx, 'config/invalid-value', v.keyRange(key), msg);
  for (const key of ['max_samples_per_send', 'max_shards', 'min_shards', 'capacity']) {
    const n = v.num(key);
    if (v.has(key) && n !== undefined && n <= 0) fail(key, `remote write queue ${key} must be positive`);
  }
  const min = v.num('min_shards') ?? 1;
  const max = v.num('max_shards') ?? 50;
  if (min > 0 && max > 0 && min > max) fail('min_shards', 'remote write queue min_shards must not be greater than max_shards');
  const minBackoff = durationMs(v, 'min_backoff') ?? 30;
  const maxBackoff = durationMs(v, 'max_backoff') ?? 5000;
  if (maxBackoff < minBackoff) fail('max_backoff', 'remote write queue max_backoff must not be less than min_backoff');
}

export function checkRemoteRead(v: ObjView, ctx: WalkContext): void {
  if (!v.has('url')) report(ctx, 'config/required', v.anchor, 'url for remote_read is empty');
  checkHeaders(v, ctx, remoteAuthMessage);
}

export function checkAlertmanager(v: ObjView, ctx: WalkContext): void {
  const httpAuth = ['basic_auth', 'authorization', 'oauth2'].some((k) => v.has(k));
  if (httpAuth && v.has('sigv4')) {
    report(ctx, 'config/auth-exclusive', v.keyRange('sigv4'), 'at most one of basic_auth, authorization, oauth2, & sigv4 must be configured');
  }
  checkStaticTargets(v, ctx);
  validateRelabelLists(v, ['alert_relabel_configs', 'relabel_configs'], ctx.globalScheme, ctx);
  checkAlertmanagerTargets(v, ctx);
}

export function checkAlerting(v: ObjView, ctx: WalkContext): void {
  validateRelabelLists(v, ['alert_relabel_configs'], ctx.globalScheme, ctx);
}

export function checkTracing(v: ObjView, ctx: WalkContext): void {
  checkHeaders(v, ctx, 'custom authorization header configuration is not yet supported');
  if (v.str('endpoint') === '') report(ctx, 'config/required', v.anchor, 'tracing endpoint must be set');
  const compression = v.str('compression');
  if (compression !== '' && compression !== 'gzip') {
    report(ctx, 'config/invalid-value', v.valueRange('compression'), `invalid compression type ${compression} provided, valid options: gzip`);
  }
}

export function checkRetention(v: ObjView, ctx: WalkContext): void {
  const size = v.has('size') ? parseSize(v.str('size')) : undefined;
  if (size?.ok && size.value < 0) {
    report(ctx, 'config/invalid-value', v.valueRange('size'), "'storage.tsdb.retention.size' must be greater than or equal to 0");
  }
  const pct = v.num('percentage');
  if (pct !== undefined && (pct < 0 || pct > 100)) {
    report(ctx, 'config/invalid-value', v.valueRange('percentage'), "'storage.tsdb.retention.percentage' must be in the range [0, 100]");
  }
}

/** storage.tsdb: the key Prometheus' config dump writes, which it reads but overwrites. */
export function checkTsdb(v: ObjView, ctx: WalkContext): void {
  if (!v.written('outofordertimewindow')) return;
  const [start, end] = v.keyRange('outofordertimewindow');
  // The fix, when the real key is not there too: rename, and write the milliseconds as a duration.
  // Not a safe fix: the window then takes effect, where Prometheus ignored it before.
  const ms = v.num('outofordertimewindow');
  const [vStart, vEnd] = v.valueRange('outofordertimewindow');
  const fixes = v.written('out_of_order_time_window') || ms === undefined || !Number.isSafeInteger(ms) || ms < 0
    ? undefined
    : [{
      title: `Set out_of_order_time_window: ${formatDuration(ms)}`,
      edits: [{ range: { start, end }, newText: 'out_of_order_time_window' }, { range: { start: vStart, end: vEnd }, newText: formatDuration(ms) }],
    }];
  report(ctx, 'config/ignored-key', [start, end],
    'outofordertimewindow is ignored: Prometheus writes it (in milliseconds) when it prints its configuration, and sets it from out_of_order_time_window (a duration such as 30m)',
    'warning', fixes);
}

export function checkChunkEncoding(v: ObjView, ctx: WalkContext): void {
  const floats = v.str('floats');
  if (v.written('floats') && floats !== 'xor' && floats !== 'xor2') {
    report(ctx, 'config/invalid-value', v.valueRange('floats'),
      `'storage.tsdb.chunk_encoding.floats' must be 'xor' or 'xor2', or the field must be omitted entirely, got ${goQuote(floats)}`);
  }
}

export const translationStrategies = [
  'UnderscoreEscapingWithSuffixes', 'UnderscoreEscapingWithoutSuffixes', 'NoUTF8EscapingWithSuffixes', 'NoTranslation',
];

export function checkOtlp(v: ObjView, ctx: WalkContext): void {
  const promoteAll = v.bool('promote_all_resource_attributes') === true;
  const sanitize = (key: string, adjective: string): void => {
    const seen = new Set<string>();
    const items = v.items(key);
    v.strList(key).forEach((raw, i) => {
      const attr = raw.trim();
      const r = items[i]?.range;
      const at: [number, number] = r ? [r[0], r[1]] : v.keyRange(key);
      if (attr === '') report(ctx, 'config/invalid-value', at, `invalid '${key}': empty ${adjective} OTel resource attribute`);
      else if (seen.has(attr)) report(ctx, 'config/invalid-value', at, `invalid '${key}': duplicated ${adjective} OTel resource attribute ${goQuote(attr)}`);
      seen.add(attr);
    });
  };
  if (promoteAll) {
    if (v.items('promote_resource_attributes').length > 0) {
      report(ctx, 'config/invalid-value', v.keyRange('promote_resource_attributes'),
        "'promote_all_resource_attributes' and 'promote_resource_attributes' cannot be configured simultaneously");
    } else sanitize('ignore_resource_attributes', 'ignored');
  } else if (v.items('ignore_resource_attributes').length > 0) {
    report(ctx, 'config/invalid-value', v.keyRange('ignore_resource_attributes'),
      "'ignore_resource_attributes' cannot be configured unless 'promote_all_resource_attributes' is true");
  } else sanitize('promote_resource_attributes', 'promoted');
  const strategy = v.str('translation_strategy');
  if (strategy === '' || !v.has('translation_strategy')) return;
  if (!translationStrategies.includes(strategy)) {
    report(ctx, 'config/invalid-value', v.valueRange('translation_strategy'), `unsupported OTLP translation strategy ${goQuote(strategy)}`);
  } else if ((strategy === 'NoTranslation' || strategy === 'NoUTF8EscapingWithSuffixes') && ctx.globalScheme === 'legacy') {
    report(ctx, 'config/invalid-value', v.valueRange('translation_strategy'), `OTLP translation strategy ${goQuote(strategy)} is not allowed when UTF8 is disabled`);
  }
}

const rulePathPattern = /^[^*]*(\*[^/]*)?$/;

export function checkRoot(v: ObjView, ctx: WalkContext): void {
  const paths = (key: string, what: string): void => {
    const items = v.items(key);
    v.strList(key).forEach((p, i) => {
      if (rulePathPattern.test(p)) return;
      const r = items[i]?.range;
      report(ctx, 'config/file-path', r ? [r[0], r[1]] : v.keyRange(key), `invalid ${what} path ${goQuote(p)}`);
    });
  };
  paths('rule_files', 'rule file');
  paths('scrape_config_files', 'scrape config file');
  const unique = (key: string, nameKey: string, what: string, rule: string): void => {
    const seen = new Set<string>();
    for (const item of v.subList(key)) {
      const name = item.str(nameKey);
      if (name === '') continue;
      if (seen.has(name)) report(ctx, rule, item.valueRange(nameKey), `found multiple ${what} configs with job name ${goQuote(name)}`);
      seen.add(name);
    }
  };
  if (ctx.agentMode) checkAgentMode(v, ctx);
  unique('scrape_configs', 'job_name', 'scrape', 'config/duplicate-job');
  unique('remote_write', 'name', 'remote write', 'config/duplicate-name');
  unique('remote_read', 'name', 'remote read', 'config/duplicate-name');
}

/** LoadFile(agentMode=true): sections an agent has no use for are refused. */
function checkAgentMode(v: ObjView, ctx: WalkContext): void {
  const alerting = v.sub('alerting');
  if (alerting && (alerting.items('alertmanagers').length > 0 || alerting.items('alert_relabel_configs').length > 0)) {
    report(ctx, 'config/agent-mode', v.keyRange('alerting'), 'field alerting is not allowed in agent mode');
  }
  if (v.items('rule_files').length > 0) report(ctx, 'config/agent-mode', v.keyRange('rule_files'), 'field rule_files is not allowed in agent mode');
  if (v.items('remote_read').length > 0) report(ctx, 'config/agent-mode', v.keyRange('remote_read'), 'field remote_read is not allowed in agent mode');
}
