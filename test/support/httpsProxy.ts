// An HTTPS reverse proxy (node:https) in front of a plain-HTTP backend such as the real Prometheus,
// with a self-signed certificate the openssl CLI makes at test time in a temp dir (no private key
// is committed). It records the requests it saw, so tests check what the client sent over TLS.
// Loopback only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestCert {
  /** PEM files: the certificate doubles as its own CA. */
  certFile: string;
  keyFile: string;
  remove(): void;
}

/** A self-signed certificate for `subjectAltName`, e.g. "IP:127.0.0.1,DNS:localhost". */
export function makeSelfSignedCert(subjectAltName: string, commonName = 'mac-test'): TestCert {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mac-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
        '-subj', `/CN=${commonName}`, '-addext', `subjectAltName=${subjectAltName}`, '-keyout', keyFile, '-out', certFile],
      { stdio: 'pipe' },
    );
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new Error('openssl is not installed: run scripts/setup-system.sh (Debian package "openssl")');
    throw new Error(`openssl failed: ${err.stderr?.toString() ?? err.message}`);
  }
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  return { certFile, keyFile, remove };
}

export interface SeenRequest {
  method: string;
  /** Path and query string. */
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface HttpsProxy {
  /** https://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Every request that got through the TLS handshake, in order. */
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startHttpsProxy(backend: string, cert: TestCert): Promise<HttpsProxy> {
  const seen: SeenRequest[] = [];
  const target = new URL(backend);
  const server = https.createServer({ cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) }, (req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } });
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`proxy: ${e.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
