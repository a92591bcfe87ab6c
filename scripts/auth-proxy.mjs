// A loopback HTTP proxy that asks for basic authentication in front of a real server (the test
// Prometheus): lets the VS Code suite check that a password typed into the editor reaches the
// data source, and that without it the data source says 401. Used by run-vscode-tests.mjs.
import { createServer, request } from 'node:http';

/** Resolves with { url, close() }; requests without `user:password` get 401 like a guarded Prometheus. */
export async function startAuthProxy(target, user, password) {
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="prometheus"', 'Content-Type': 'text/plain' }).end('Unauthorized\n');
      return;
    }
    const { authorization: _a, ...headers } = req.headers;
    const up = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...headers, host: upstream.host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(() => r())) };
}
