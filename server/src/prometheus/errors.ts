// Every way a Prometheus request can fail, as one error type with a kind and a message a person
// can act on. Messages never include credentials.

export type PrometheusErrorKind =
  | 'unreachable' // connection refused, DNS, TLS handshake
  | 'timeout' // no complete answer in time
  | 'cancelled' // the caller gave up (panel closed, user typed on)
  | 'http' // a status without Prometheus' JSON envelope (5xx from a proxy, 404 endpoint missing...)
  | 'bad-response' // not JSON, HTML, truncated, wrong shape
  | 'too-large' // response bigger than the configured cap
  | 'redirect' // redirect loop or too many redirects
  | 'api'; // Prometheus answered {"status":"error"}: bad_data, execution, timeout, ...

export class PrometheusError extends Error {
  constructor(
    readonly kind: PrometheusErrorKind,
    message: string,
    readonly details: { status?: number; errorType?: string; url?: string } = {},
  ) {
    super(message);
    this.name = 'PrometheusError';
  }
}

/** Position of a PromQL syntax error reported by the server, as line and byte column (1-based). */
export interface ServerErrorPosition {
  line: number;
  column: number;
  message: string;
}

/**
 * Prometheus reports syntax errors as `invalid parameter "query": 1:18: parse error: msg`
 * (query_range without the prefix); the column counts UTF-8 bytes.
 */
export function parseServerSyntaxError(error: string): ServerErrorPosition | null {
  const m = /(?:^|: )(\d+):(\d+): parse error: (.*)$/s.exec(error);
  if (!m) return null;
  return { line: Number(m[1]), column: Number(m[2]), message: m[3] };
}

/** Maps a Prometheus line/byte-column position to a UTF-16 offset in the query text. */
export function serverPositionToOffset(query: string, pos: { line: number; column: number }): number {
  let offset = 0;
  for (let l = 1; l < pos.line; l++) {
    const nl = query.indexOf('\n', offset);
    if (nl < 0) return query.length;
    offset = nl + 1;
  }
  let bytes = pos.column - 1;
  while (bytes > 0 && offset < query.length) {
    const cp = query.codePointAt(offset)!;
    bytes -= cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    offset += cp >= 0x10000 ? 2 : 1;
  }
  return offset;
}
