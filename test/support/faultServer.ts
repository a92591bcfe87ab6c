// A local HTTP server that misbehaves on demand, for the failures a real Prometheus won't produce:
// slow answers, 5xx, HTML, malformed JSON, redirect loops, huge bodies. Loopback only.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'slow' | '500' | '502-html' | 'html-200' | 'garbage-json' | 'truncated-json' | 'redirect-loop' | 'huge' | 'not-found' | 'wrong-shape' | 'hang-after-headers';

export interface FaultServer {
  url(fault: Fault): string;
  close(): Promise<void>;
  /** Requests whose connection the client closed before an answer. */
  aborted: number;
}

export async function startFaultServer(): Promise<FaultServer> {
  const state = { aborted: 0 };
  const server = http.createServer((req, res) => {
    const fault = (req.url ?? '').split('/')[1] as Fault;
    req.on('close', () => {
      if (!res.writableEnded) state.aborted++;
    });
    switch (fault) {
      case 'slow': {
        const t = setTimeout(() => res.end('{"status":"success","data":[]}'), 10_000);
        res.on('close', () => clearTimeout(t));
        return;
      }
      case '500':
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error');
        return;
      case '502-html':
        res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return;
      case 'html-200':
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><html><body>Please log in</body></html>');
        return;
      case 'garbage-json':
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success","data":{"resultType":');
        return;
      case 'truncated-json':
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}');
        return;
      case 'wrong-shape':
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success","data":{"resultType":"vector","result":42}}');
        return;
      case 'redirect-loop':
        res.writeHead(302, { Location: '/redirect-loop/again' + ((req.url ?? '').length % 3) }).end();
        return;
      case 'huge': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const chunk = Buffer.alloc(1 << 20, 0x20);
        let sent = 0;
        const push = () => {
          while (sent < 200 && res.write(chunk)) sent++;
          if (sent < 200) res.once('drain', push);
          else res.end();
        };
        res.write('{"status":"success","data":"');
        push();
        return;
      }
      case 'hang-after-headers':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"status":');
        return;
      default:
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: (fault) => `http://127.0.0.1:${port}/${fault}/`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
    get aborted() {
      return state.aborted;
    },
  };
}
