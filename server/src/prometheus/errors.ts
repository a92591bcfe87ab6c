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

/**
 * VictoriaMetrics (MetricsQL) gives no line:column: a syntax error ends with the Go-quoted rest of
 * the query it could not parse, `...: argList: unexpected token ""; want ",", ")"; unparsed data: ""`
 * or `...: unparsed data left: "x"`. The error is where that rest starts (a UTF-16 offset).
 */
export function parseMetricsqlSyntaxError(error: string, query: string): { offset: number; message: string } | null {
  const m = /(; unparsed data|unparsed data left): ("(?:[^"\\]|\\.)*")$/s.exec(error);
  const rest = m ? goUnquote(m[2]) : null;
  if (!m || rest === null || !query.endsWith(rest)) return null;
  let message: string;
  if (m[1] === 'unparsed data left') message = `unexpected ${rest.length ? JSON.stringify(rest) : 'end of input'} after the expression`;
  else {
    // Drop VictoriaMetrics' `error when executing query="..." for (...): [cannot execute query: ]rule: ` lead-in.
    message = error
      .slice(0, m.index)
      .replace(/^error when executing query="(?:[^"\\]|\\.)*" [^:]*?\): (?:cannot execute query: )?/s, '')
      .replace(/^[A-Za-z]+: /, '')
      .replace(/^unexpected token ""/, 'unexpected end of input');
  }
  return { offset: query.length - rest.length, message };
}

/** Go's strconv.Quote output back to text; null when it is not a well-formed quoted string. */
function goUnquote(quoted: string): string | null {
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
  let out = '';
  for (let i = 1; i < quoted.length - 1; i++) {
    const c = quoted[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = quoted[++i];
    const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hex) {
      const cp = parseInt(quoted.slice(i + 1, i + 1 + hex), 16);
      if (!Number.isFinite(cp) || cp > 0x10ffff) return null;
      out += String.fromCodePoint(cp);
      i += hex;
    } else if (e in simple) out += simple[e];
    else return null;
  }
  return out;
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
