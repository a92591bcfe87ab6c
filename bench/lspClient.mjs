// A minimal LSP client for the benchmarks: spawns `node server/out/server.js --stdio` as an editor
// would, and times what comes back. Arrival times are taken in the notification handler, so a
// waiter registered late still gets the true arrival time.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

export class LspClient {
  /** @param {string} serverJs @param {string} rootDir @param {object} [capabilities] what the client declares */
  static async start(serverJs, rootDir, capabilities = {}) {
    const c = new LspClient(serverJs);
    await c.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(rootDir).href,
      workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: 'bench' }],
      capabilities,
      initializationOptions: { monitoring: { promql: {} } },
    });
    await c.conn.sendNotification('initialized', {});
    return c;
  }

  /** @param {string} serverJs @param {{ nodeFlags?: readonly string[] }} [opts] Node flags to start it with */
  constructor(serverJs, opts = {}) {
    this.proc = spawn(process.execPath, [...(opts.nodeFlags ?? []), serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += String(d)));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    /** `${uri}@${version}` → { t, params } */
    this.arrived = new Map();
    /** `${uri}@${version}` → resolve */
    this.waiting = new Map();
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const t = performance.now();
      const key = `${p.uri}@${p.version}`;
      const hit = { t, params: p };
      this.arrived.set(key, hit);
      this.waiting.get(key)?.(hit);
      this.waiting.delete(key);
    });
    this.conn.listen();
  }

  get pid() {
    return this.proc.pid;
  }

  /** Resolves with { t, params } when diagnostics for this version of the document arrive. */
  diagnostics(uri, version, timeoutMs = 60_000) {
    const key = `${uri}@${version}`;
    const hit = this.arrived.get(key);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${key} in ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiting.set(key, (h) => {
        clearTimeout(timer);
        resolve(h);
      });
    });
  }

  open(uri, languageId, text, version = 1) {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** One incremental change: insert `text` at `position`. */
  insert(uri, version, position, text) {
    return this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: position, end: position }, text }],
    });
  }

  completion(uri, position) {
    return this.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  }

  async stop() {
    const exited = new Promise((r) => this.proc.once('exit', r));
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    await exited;
    this.conn.dispose();
  }
}

/** VmRSS and VmHWM (peak) of a process, in MB (Linux /proc). */
export function processMemoryMB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
