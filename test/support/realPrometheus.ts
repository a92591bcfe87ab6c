// Starts a real Prometheus (Debian's package) on 127.0.0.1 with the deterministic fixture data:
// the OpenMetrics file is turned into TSDB blocks with promtool, and Prometheus runs on a copy.
// Used by backend tests and by `npm run demo`. With `nodeExporter`, a real node_exporter on
// loopback is scraped too (live data for real dashboards such as Node Exporter Full).
import { execFileSync } from 'node:child_process';
import { pollService, spawnService } from './service';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

// __filename, not __dirname: tsx gives ESM importers (the benchmarks, the demo) a wrong __dirname.
export const FIXTURE_OM = path.join(path.dirname(__filename), '../../test-fixtures/metrics/fixture.om');
/** First and last sample times of the fixture data, in seconds (see scripts/generate-metrics.mjs). */
export const FIXTURE_START = 1_700_000_000;
export const FIXTURE_END = FIXTURE_START + 7200;

export interface RunningPrometheus {
  url: string;
  port: number;
  /** With `nodeExporter`: the real node_exporter Prometheus scrapes (job "node"). */
  nodeExporterUrl?: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const blockCache = new Map<string, string>();

/** TSDB blocks for an OpenMetrics file, built once per process. */
function blocksFor(omFile: string): string {
  const cached = blockCache.get(omFile);
  if (cached) return cached;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mac-blocks-'));
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', omFile, dir], { stdio: 'pipe' });
  if (blockCache.size === 0) process.once('exit', () => blockCache.forEach((d) => rmSync(d, { recursive: true, force: true })));
  blockCache.set(omFile, dir);
  return dir;
}

export interface StartOptions {
  omFile?: string;
  /** Extra scrape configs (YAML list items), e.g. a node_exporter target. */
  scrapeConfigsYaml?: string;
  /** Other top-level sections of prometheus.yml, as YAML (e.g. `alerting:`). */
  topLevelYaml?: string;
  extraArgs?: string[];
  /**
   * Also start a real node_exporter (Debian's prometheus-node-exporter) on a free loopback port,
   * scraped every second as job "node"; ready once `up{job="node"} == 1`.
   */
  nodeExporter?: boolean;
  /**
   * Also scrape Prometheus itself every second as this job, with these target labels (e.g. the
   * job/namespace/cluster kube-prometheus gives it, for its "Prometheus / Overview" dashboard);
   * ready once the job is up.
   */
  selfScrape?: { job: string; labels?: Record<string, string> };
}

export const NODE_EXPORTER = '/usr/bin/prometheus-node-exporter';

/** Starts node_exporter on 127.0.0.1 and waits until it serves /metrics. */
async function startNodeExporter(): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  if (!existsSync(NODE_EXPORTER)) throw new Error('node_exporter is not installed: Debian package "prometheus-node-exporter"');
  const port = await freePort();
  const service = spawnService(NODE_EXPORTER, [`--web.listen-address=127.0.0.1:${port}`]);
  const url = `http://127.0.0.1:${port}`;
  const state = await pollService(service, async () => (await fetch(`${url}/metrics`)).status === 200, 30_000);
  if (state === 'ready') return { url, port, stop: service.stop };
  if (state === 'exited') throw new Error(`node_exporter exited with ${service.child.exitCode}:\n${service.log()}`);
  await service.stop();
  throw new Error(`node_exporter not serving after 30 s:\n${service.log()}`);
}

/** Polls Prometheus until a job's target is up (`up{job="node"} == 1`). */
async function waitForTarget(url: string, job: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(`up{job=${JSON.stringify(job)}} == 1`)}`);
      const body = (await res.json()) as { data?: { result?: unknown[] } };
      if ((body.data?.result?.length ?? 0) > 0) return;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) throw new Error(`${job} target not up in Prometheus after 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startPrometheus(opts: StartOptions = {}): Promise<RunningPrometheus> {
  if (!existsSync('/usr/bin/prometheus')) {
    throw new Error('Prometheus is not installed: run scripts/setup-system.sh (Debian package "prometheus")');
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'mac-prom-'));
  const data = path.join(work, 'data');
  cpSync(blocksFor(opts.omFile ?? FIXTURE_OM), data, { recursive: true });
  const config = path.join(work, 'prometheus.yml');
  const node = opts.nodeExporter ? await startNodeExporter() : undefined;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const nodeJob = node ? `  - job_name: node\n    scrape_interval: 1s\n    static_configs:\n      - targets: ['127.0.0.1:${node.port}']\n` : '';
  const self = opts.selfScrape;
  // JSON strings are YAML flow scalars: labels are written as given.
  const selfJob = self
    ? `  - job_name: ${JSON.stringify(self.job)}\n    scrape_interval: 1s\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n        labels: ${JSON.stringify(self.labels ?? {})}\n`
    : '';
  const scrapeConfigs = (opts.scrapeConfigsYaml ? opts.scrapeConfigsYaml + '\n' : '') + nodeJob + selfJob;
  writeFileSync(config, `global:\n  scrape_interval: 15s\n${scrapeConfigs ? `scrape_configs:\n${scrapeConfigs}` : ''}${opts.topLevelYaml ? `${opts.topLevelYaml}\n` : ''}`);
  const service = spawnService(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=100y',
      ...(opts.extraArgs ?? []),
    ],
  );
  const stop = async () => {
    await service.stop();
    await node?.stop();
    rmSync(work, { recursive: true, force: true });
  };
  const state = await pollService(service, async () => (await fetch(`${url}/-/ready`)).status === 200, 30_000);
  if (state === 'exited') {
    await node?.stop();
    throw new Error(`Prometheus exited with ${service.child.exitCode}:\n${service.log()}`);
  }
  if (state === 'timeout') {
    await stop();
    throw new Error(`Prometheus not ready after 30 s:\n${service.log()}`);
  }
  if (node || self) {
    try {
      if (node) await waitForTarget(url, 'node');
      if (self) await waitForTarget(url, self.job);
    } catch (e) {
      await stop();
      throw e;
    }
  }
  return { url, port, stop, ...(node ? { nodeExporterUrl: node.url } : {}) };
}
