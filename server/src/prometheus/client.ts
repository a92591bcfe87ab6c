// Prometheus HTTP API client: query, query_range, labels, label values, series, metadata,
// buildinfo. Speaks the documented API so Thanos, Mimir and VictoriaMetrics work too, and
// degrades where an endpoint is missing. The only HTTP client of the extension (in the server).
import { readFileSync } from 'node:fs';
import { PrometheusError } from './errors';
import { request, safeUrl, type TransportOptions } from './http';
import { decodeInPieces, MalformedJson, Pacer, parseEnvelopeInSlices, SLICED_PARSE_MIN_BYTES } from './streamingList';
import { DEFAULT_CAPS, normalizeQueryData, type QueryResult, type ResultCaps } from './result';

export interface DataSourceSettings {
  name: string;
  url: string;
  headers?: Record<string, string>;
  tls?: { caFile?: string; insecureSkipVerify?: boolean };
  auth?: { kind: 'none' | 'basic' | 'bearer'; username?: string };
}

/** Secrets come from the editor's secret store, never from settings. */
export interface Credentials {
  password?: string;
  token?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** For label names and values: paces the reading of a big answer (a default one otherwise). */
  pacer?: Pacer;
}

export interface BuildInfo {
  version: string;
  revision?: string;
  goVersion?: string;
}

export interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

interface Envelope {
  status?: unknown;
  data?: unknown;
  errorType?: unknown;
  error?: unknown;
  warnings?: unknown;
  infos?: unknown;
}

/** A time range for the metadata endpoints, in unix seconds. */
export interface TimeWindow {
  startSec?: number;
  endSec?: number;
}

function withWindow(params: Array<[string, string]>, w: TimeWindow): Array<[string, string]> {
  if (w.startSec !== undefined) params.push(['start', String(w.startSec)]);
  if (w.endSec !== undefined) params.push(['end', String(w.endSec)]);
  return params;
}

export interface ClientOptions {
  timeoutMs?: number;
  maxBytes?: number;
  caps?: ResultCaps;
}

export class PrometheusClient {
  private readonly base: URL;
  private readonly transport: TransportOptions;
  private readonly caps: ResultCaps;

  constructor(readonly settings: DataSourceSettings, credentials: Credentials = {}, opts: ClientOptions = {}) {
    let base: URL;
    try {
      base = new URL(settings.url.endsWith('/') ? settings.url : settings.url + '/');
    } catch {
      throw new PrometheusError('unreachable', `data source "${settings.name}" has an invalid URL`);
    }
    this.base = base;
    const headers: Record<string, string> = { ...settings.headers };
    const auth = settings.auth?.kind ?? 'none';
    if (auth === 'basic') {
      headers.Authorization = 'Basic ' + Buffer.from(`${settings.auth?.username ?? ''}:${credentials.password ?? ''}`).toString('base64');
    } else if (auth === 'bearer' && credentials.token) {
      headers.Authorization = `Bearer ${credentials.token}`;
    }
    checkHeaders(settings.name, headers, auth === 'basic' || (auth === 'bearer' && !!credentials.token));
    const ca = settings.tls?.caFile ? readCaFile(settings.tls.caFile) : undefined;
    this.transport = { headers, ca, insecureSkipVerify: settings.tls?.insecureSkipVerify === true, timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes };
    this.caps = opts.caps ?? DEFAULT_CAPS;
  }

  /** Instant query at `timeSec` (unix seconds; server's now when omitted). */
  async query(expr: string, timeSec?: number, call: CallOptions = {}): Promise<QueryResult> {
    const params: Record<string, string> = { query: expr };
    if (timeSec !== undefined) params.time = String(timeSec);
    return this.runQuery('api/v1/query', params, call);
  }

  async queryRange(expr: string, startSec: number, endSec: number, stepSec: number, call: CallOptions = {}): Promise<QueryResult> {
    return this.runQuery('api/v1/query_range', { query: expr, start: String(startSec), end: String(endSec), step: String(stepSec) }, call);
  }

  /** Instant query's `data` as the server sent it (values as strings, labels in its order), uncapped: Grafana's query_result(). */
  async queryData(expr: string, timeSec?: number, call: CallOptions = {}): Promise<unknown> {
    const params: Array<[string, string]> = [['query', expr]];
    if (timeSec !== undefined) params.push(['time', String(timeSec)]);
    return this.post('api/v1/query', params, call);
  }

  /** `window`: start/end (unix seconds) limiting the series looked at; the server's default (all, or its lookback) otherwise. */
  async labelNames(match: string[] = [], limit?: number, call: CallOptions = {}, window: TimeWindow = {}): Promise<string[]> {
    const data = (await this.call('GET', 'api/v1/labels', withWindow(this.withMatchAndLimit(match, limit), window), call, true)).data;
    return stringList(data, 'label names');
  }

  async labelValues(label: string, match: string[] = [], limit?: number, call: CallOptions = {}, window: TimeWindow = {}): Promise<string[]> {
    const params = withWindow(this.withMatchAndLimit(match, limit), window);
    const data = (await this.call('GET', `api/v1/label/${encodeURIComponent(label)}/values`, params, call, true)).data;
    return stringList(data, 'label values');
  }

  async series(match: string[], startSec?: number, endSec?: number, call: CallOptions = {}): Promise<Array<Record<string, string>>> {
    const params = this.withMatchAndLimit(match, undefined);
    if (startSec !== undefined) params.push(['start', String(startSec)]);
    if (endSec !== undefined) params.push(['end', String(endSec)]);
    const data = await this.post('api/v1/series', params, call);
    if (!Array.isArray(data)) throw new PrometheusError('bad-response', 'series: data is not a list');
    return data as Array<Record<string, string>>;
  }

  /** Metric metadata (HELP/TYPE/UNIT). Servers without metadata (VictoriaMetrics) give {}. */
  async metadata(metric?: string, limit?: number, call: CallOptions = {}): Promise<Record<string, MetricMetadata>> {
    const params: Array<[string, string]> = [];
    if (metric) params.push(['metric', metric]);
    if (limit !== undefined) params.push(['limit', String(limit)]);
    const data = await this.get('api/v1/metadata', params, call);
    const out: Record<string, MetricMetadata> = {};
    if (data && typeof data === 'object') {
      for (const [name, list] of Object.entries(data as Record<string, unknown>)) {
        const first = Array.isArray(list) ? (list[0] as Partial<MetricMetadata>) : undefined;
        if (first) out[name] = { type: String(first.type ?? ''), help: String(first.help ?? ''), unit: String(first.unit ?? '') };
      }
    }
    return out;
  }

  /** Server version; null when the server does not say (VictoriaMetrics answers empty data). */
  async buildInfo(call: CallOptions = {}): Promise<BuildInfo | null> {
    const data = (await this.get('api/v1/status/buildinfo', [], call)) as Partial<BuildInfo> | null;
    if (!data || typeof data.version !== 'string' || data.version === '') return null;
    return { version: data.version, revision: data.revision, goVersion: data.goVersion };
  }

  private withMatchAndLimit(match: string[], limit: number | undefined): Array<[string, string]> {
    const params: Array<[string, string]> = match.map((m) => ['match[]', m]);
    if (limit !== undefined) params.push(['limit', String(limit)]);
    return params;
  }

  private async runQuery(path: string, params: Record<string, string>, call: CallOptions): Promise<QueryResult> {
    const t0 = Date.now();
    const env = await this.call('POST', path, Object.entries(params), call);
    let normalized;
    try {
      normalized = normalizeQueryData(env.data, this.caps);
    } catch (e) {
      throw new PrometheusError('bad-response', `unexpected query result from ${this.settings.name}: ${(e as Error).message}`);
    }
    const series = normalized.data.resultType === 'matrix' || normalized.data.resultType === 'vector' ? (normalized.truncated?.seriesTotal ?? normalized.data.series.length) : 1;
    return {
      data: normalized.data,
      truncated: normalized.truncated,
      warnings: strings(env.warnings),
      infos: strings(env.infos),
      stats: { series, samples: normalized.samples, durationMs: Date.now() - t0 },
    };
  }

  private async get(path: string, params: Array<[string, string]>, call: CallOptions): Promise<unknown> {
    return (await this.call('GET', path, params, call)).data;
  }

  private async post(path: string, params: Array<[string, string]>, call: CallOptions): Promise<unknown> {
    return (await this.call('POST', path, params, call)).data;
  }

  /**
   * `sliced`: a big answer (a list of up to 200,000 names) is read in slices that give way to other
   * work, instead of one JSON.parse that would block the server for a few hundred milliseconds.
   */
  private async call(method: 'GET' | 'POST', path: string, params: Array<[string, string]>, call: CallOptions, sliced = false): Promise<Envelope> {
    const url = new URL(path, this.base);
    const qs = new URLSearchParams(params).toString();
    if (method === 'GET' && qs) url.search = qs;
    const res = await request(method, url, method === 'POST' ? qs : undefined, {
      ...this.transport,
      signal: call.signal,
      timeoutMs: call.timeoutMs ?? this.transport.timeoutMs,
      ...(sliced ? { chunksFrom: SLICED_PARSE_MIN_BYTES } : {}),
    });
    if (res.chunks) {
      if (!res.body.trimStart().startsWith('{')) return this.decode(res.status, res.contentType, Buffer.concat(res.chunks).toString('utf8'), url);
      let env: Envelope;
      try {
        env = (await parseEnvelopeInSlices(decodeInPieces(res.chunks), call.pacer ?? new Pacer(undefined, call.signal))) as Envelope;
      } catch (e) {
        if (e instanceof MalformedJson) throw this.malformed(res.status, url);
        throw e;
      }
      return this.check(env, res.status, res.contentType, res.body, url);
    }
    return this.decode(res.status, res.contentType, res.body, url);
  }

  private malformed(status: number, url: URL): PrometheusError {
    return new PrometheusError('bad-response', `${this.settings.name} (${safeUrl(url)}) returned malformed JSON (HTTP ${status})`, { status });
  }

  private decode(status: number, contentType: string, body: string, url: URL): Envelope {
    let env: Envelope | undefined;
    if (body.trimStart().startsWith('{')) {
      try {
        env = JSON.parse(body) as Envelope;
      } catch {
        throw this.malformed(status, url);
      }
    }
    return this.check(env, status, contentType, body, url);
  }

  /** The envelope's shape and status: the answer's data, or the error it stands for. */
  private check(env: Envelope | undefined, status: number, contentType: string, body: string, url: URL): Envelope {
    const where = `${this.settings.name} (${safeUrl(url)})`;
    const trimmed = body.trimStart();
    if (!env || typeof env !== 'object' || (env.status !== 'success' && env.status !== 'error')) {
      if (status === 404) throw new PrometheusError('http', `${where}: endpoint not found (HTTP 404) — is this a Prometheus-compatible API?`, { status });
      if (status >= 400) throw new PrometheusError('http', `${where} answered HTTP ${status}${describeBody(contentType, trimmed)}`, { status });
      throw new PrometheusError('bad-response', `${where} did not return Prometheus API JSON${describeBody(contentType, trimmed)}`, { status });
    }
    if (env.status === 'error') {
      throw new PrometheusError('api', String(env.error ?? 'unknown error'), { status, errorType: String(env.errorType ?? '') });
    }
    return env;
  }
}

/** Like Go's net/http: a header that cannot be sent is an error naming it, never showing its value (it may be a secret). */
function checkHeaders(datasource: string, headers: Record<string, string>, authFromSecret: boolean): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new PrometheusError('unreachable', `data source "${datasource}": ${JSON.stringify(name)} is not a valid HTTP header name`);
    }
    // Field values may hold tabs, visible ASCII and obs-text; CR, LF, NUL and other controls would split or corrupt the request.
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) {
      const what = authFromSecret && name === 'Authorization' ? 'the stored password or token' : `header "${name}"`;
      throw new PrometheusError('unreachable', `data source "${datasource}": ${what} contains a line break or another character not allowed in HTTP headers; not sent`);
    }
  }
}

/** The CA file's PEM text; like Prometheus' ca_file it replaces the built-in roots, so one without a certificate is an error. */
function readCaFile(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new PrometheusError('unreachable', `cannot read CA file ${file}: ${why}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new PrometheusError('unreachable', `CA file ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return pem;
}

function describeBody(contentType: string, body: string): string {
  if (/html/i.test(contentType) || /^<(!doctype|html)/i.test(body)) return ' (an HTML page: a login or proxy page?)';
  if (body === '') return ' (empty body)';
  return '';
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

function stringList(data: unknown, what: string): string[] {
  if (data === null) return [];
  if (!Array.isArray(data)) throw new PrometheusError('bad-response', `${what}: data is not a list`);
  return data.map(String);
}
