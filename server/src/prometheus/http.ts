// One GET/POST with hard limits: timeout, cancellation, response size cap, bounded redirects,
// TLS options. Uses node:http(s) directly so a CA file and an explicit skip-verify opt-in work.
import * as http from 'node:http';
import * as https from 'node:https';
import { PrometheusError } from './errors';

export interface TransportOptions {
  headers?: Record<string, string>;
  /** PEM text of extra CA certificates. */
  ca?: string;
  /** Explicit opt-in only: accept any server certificate. */
  insecureSkipVerify?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
  /**
   * A body of at least this many bytes is handed over as its `chunks`, undecoded, instead of one
   * string: decoding megabytes at once blocks the event loop (the caller decodes them in slices).
   */
  chunksFrom?: number;
}

export interface RawResponse {
  status: number;
  contentType: string;
  /** The body; when `chunks` is set, only its first KiB or so (for messages: an HTML page, ...). */
  body: string;
  /** The whole body as it came, when it is at least `chunksFrom` bytes long. */
  chunks?: readonly Buffer[];
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export function request(method: 'GET' | 'POST', url: URL, body: string | undefined, opts: TransportOptions): Promise<RawResponse> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  return requestOnce(method, url, body, opts, deadline, opts.maxRedirects ?? 5, new Set());
}

function requestOnce(
  method: 'GET' | 'POST',
  url: URL,
  body: string | undefined,
  opts: TransportOptions,
  deadline: number,
  redirectsLeft: number,
  seen: Set<string>,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new PrometheusError('cancelled', 'request cancelled', { url: safeUrl(url) }));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return reject(new PrometheusError('unreachable', `unsupported URL scheme "${url.protocol}" (use http or https)`, { url: safeUrl(url) }));
    }
    const lib = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    let req: http.ClientRequest;
    try {
      req = lib.request(url, {
        method,
        headers,
        ca: opts.ca,
        rejectUnauthorized: !opts.insecureSkipVerify,
      });
    } catch (e) {
      // Node validates headers synchronously (ERR_INVALID_CHAR...); its messages name the header, not the value.
      return reject(new PrometheusError('unreachable', `cannot send the request to ${url.host}: ${(e as Error).message}`, { url: safeUrl(url) }));
    }
    let settled = false;
    const fail = (err: PrometheusError) => {
      if (settled) return;
      settled = true;
      cleanup();
      req.destroy();
      reject(err);
    };
    const timer = setTimeout(
      () => fail(new PrometheusError('timeout', `no answer from ${url.host} within ${formatSeconds(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS)}`, { url: safeUrl(url) })),
      Math.max(0, deadline - Date.now()),
    );
    const onAbort = () => fail(new PrometheusError('cancelled', 'request cancelled', { url: safeUrl(url) }));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    req.on('error', (e: NodeJS.ErrnoException) => {
      const reason = e.code === 'ECONNREFUSED' ? 'connection refused' : e.code === 'ENOTFOUND' ? 'host not found' : UNTRUSTED_CERT.has(e.code ?? '') ? `${e.message}${UNTRUSTED_HINT}` : e.message;
      fail(new PrometheusError('unreachable', `cannot reach ${url.host}: ${reason}`, { url: safeUrl(url) }));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        const next = new URL(res.headers.location, url);
        const key = next.toString();
        if (redirectsLeft <= 0 || seen.has(key)) {
          return fail(new PrometheusError('redirect', `too many redirects from ${url.host} (loop at ${safeUrl(next)})`, { status, url: safeUrl(url) }));
        }
        seen.add(key);
        settled = true;
        cleanup();
        // Credentials stay with the origin they were configured for.
        const sameOrigin = next.origin === url.origin;
        const nextOpts = sameOrigin ? opts : { ...opts, headers: stripAuth(opts.headers) };
        requestOnce(status === 303 ? 'GET' : method, next, status === 303 ? undefined : body, nextOpts, deadline, redirectsLeft - 1, seen).then(resolve, reject);
        return;
      }
      const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > max) {
          fail(new PrometheusError('too-large', `response from ${url.host} is larger than ${formatBytes(max)}; narrow the query or raise the limit`, { status, url: safeUrl(url) }));
          return;
        }
        chunks.push(c);
      });
      res.on('error', (e) => fail(new PrometheusError('bad-response', `connection to ${url.host} broke: ${e.message}`, { status, url: safeUrl(url) })));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        cleanup();
        const contentType = String(res.headers['content-type'] ?? '');
        if (opts.chunksFrom !== undefined && size >= opts.chunksFrom) {
          resolve({ status, contentType, body: Buffer.concat(chunks.slice(0, 1)).subarray(0, 1024).toString('utf8'), chunks });
        } else resolve({ status, contentType, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(body);
  });
}

/** Certificate-chain errors a CA file (or the explicit skip-verify opt-in) fixes; a host name mismatch is not one. */
const UNTRUSTED_CERT = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);
const UNTRUSTED_HINT = " (the server's certificate is not trusted: set the data source's tls.caFile to the PEM file of the CA that signed it)";

function stripAuth(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return headers;
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
}

/** The URL without user info or query string, for messages and logs. */
export function safeUrl(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname}`;
}

function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(0)} MiB` : `${(n / 1024).toFixed(0)} KiB`;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${+(ms / 1000).toFixed(1)} s`;
}
