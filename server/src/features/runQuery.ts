// Runs the PromQL expression the editor points at against a data source and returns what the
// results panel draws (webview/src/protocol.ts): a normalized, JSON-safe result or a clear error,
// with a syntax error's position mapped back into the expression. Knows nothing of LSP.
import { PrometheusClient, type Credentials, type DataSourceSettings } from '../prometheus/client';
import { PrometheusError, parseMetricsqlSyntaxError, parseServerSyntaxError, serverPositionToOffset } from '../prometheus/errors';
import { jsonSafeData, type JsonSafeQueryData, type ResultCaps } from '../prometheus/result';
import { defaultStepSec } from '../prometheus/step';
import { parseDuration } from '../promql/durations';
import type { PosRange } from '../promql/ast';

export interface QueryRange {
  /** A duration ending now, such as "1h". */
  relative?: string;
  startMs?: number;
  endMs?: number;
}

export interface RunQueryRequest {
  expr: string;
  datasource: DataSourceSettings;
  credentials?: Credentials;
  mode: 'range' | 'instant';
  range?: QueryRange;
  timeoutMs?: number;
  /** Series and points per series kept (the rest is dropped with a notice). */
  caps?: ResultCaps;
}

export interface RunQueryResult {
  type: 'result';
  expr: string;
  datasource: string;
  mode: 'range' | 'instant';
  range: { startMs: number; endMs: number; stepMs: number };
  data: JsonSafeQueryData;
  warnings: string[];
  infos: string[];
  stats: { series: number; samples: number; durationMs: number };
  truncated?: { seriesKept: number; seriesTotal: number; pointsDropped: number };
}

export interface RunQueryError {
  type: 'error';
  expr: string;
  datasource: string;
  message: string;
  /** 'syntax', 'execution', 'timeout', 'unreachable', 'cancelled', 'http', 'bad-response', ... */
  kind: string;
  /** For a syntax error the server located: where, in the expression (UTF-16 offsets). */
  errorRange?: PosRange;
}

const DEFAULT_RANGE = '1h';

/** Start and end (ms) of a range: relative ranges end at `nowMs`. */
export function resolveRange(range: QueryRange | undefined, nowMs: number): { startMs: number; endMs: number } {
  if (range?.startMs !== undefined && range.endMs !== undefined && range.endMs > range.startMs) {
    return { startMs: range.startMs, endMs: range.endMs };
  }
  const { ms } = parseDuration(range?.relative ?? DEFAULT_RANGE);
  const span = ms && ms > 0 ? ms : 3_600_000;
  const endMs = range?.endMs ?? nowMs;
  return { startMs: endMs - span, endMs };
}

export async function runQuery(req: RunQueryRequest, signal?: AbortSignal, nowMs = Date.now()): Promise<RunQueryResult | RunQueryError> {
  const datasource = req.datasource.name;
  const { startMs, endMs } = resolveRange(req.range, nowMs);
  const stepMs = defaultStepSec((endMs - startMs) / 1000) * 1000;
  try {
    const client = new PrometheusClient(req.datasource, req.credentials ?? {}, { timeoutMs: req.timeoutMs, caps: req.caps });
    const r =
      req.mode === 'range'
        ? await client.queryRange(req.expr, startMs / 1000, endMs / 1000, stepMs / 1000, { signal })
        : await client.query(req.expr, endMs / 1000, { signal });
    return {
      type: 'result',
      expr: req.expr,
      datasource,
      mode: req.mode,
      range: { startMs, endMs, stepMs },
      data: jsonSafeData(r.data),
      warnings: r.warnings,
      infos: r.infos,
      stats: r.stats,
      ...(r.truncated ? { truncated: r.truncated } : {}),
    };
  } catch (e) {
    if (!(e instanceof PrometheusError)) {
      return { type: 'error', expr: req.expr, datasource, kind: 'internal', message: (e as Error)?.message ?? String(e) };
    }
    const syntax = e.kind === 'api' ? parseServerSyntaxError(e.message) : null;
    if (syntax) {
      const at = serverPositionToOffset(req.expr, syntax);
      return { type: 'error', expr: req.expr, datasource, kind: 'syntax', message: syntax.message, errorRange: { start: at, end: at } };
    }
    const metricsql = e.kind === 'api' ? parseMetricsqlSyntaxError(e.message, req.expr) : null;
    if (metricsql) {
      const at = metricsql.offset;
      return { type: 'error', expr: req.expr, datasource, kind: 'syntax', message: metricsql.message, errorRange: { start: at, end: at } };
    }
    const kind = e.kind === 'api' ? e.details.errorType || 'api' : e.kind;
    return { type: 'error', expr: req.expr, datasource, kind, message: e.message };
  }
}
