// Starts a real single-node VictoriaMetrics (Debian's package) on 127.0.0.1 with the same
// deterministic fixture data as realPrometheus.ts: the OpenMetrics file (timestamps in seconds) is
// posted to /api/v1/import/prometheus (text exposition format: timestamps in milliseconds), flushed,
// and the start waits until every sample is searchable.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pollService, spawnService } from './service';
import { FIXTURE_END, FIXTURE_OM, freePort } from './realPrometheus';

const BINARY = '/usr/bin/victoria-metrics';

export interface RunningVictoriaMetrics {
  url: string;
  port: number;
  /** Samples and series imported from the fixture. */
  imported: { samples: number; series: number };
  stop(): Promise<void>;
}

/** OpenMetrics text with second timestamps → Prometheus text with millisecond timestamps. */
export function openMetricsToPrometheusText(om: string): { text: string; samples: number; series: number } {
  const out: string[] = [];
  const series = new Set<string>();
  for (const line of om.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(.*\S)\s+(\S+)\s+(-?\d+(?:\.\d+)?)$/.exec(line);
    if (!m) throw new Error(`fixture line without a timestamp: ${line}`);
    series.add(m[1]);
    out.push(`${m[1]} ${m[2]} ${Math.round(Number(m[3]) * 1000)}`);
  }
  return { text: out.join('\n') + '\n', samples: out.length, series: series.size };
}

export interface StartVmOptions {
  omFile?: string;
  extraArgs?: string[];
}

export async function startVictoriaMetrics(opts: StartVmOptions = {}): Promise<RunningVictoriaMetrics> {
  if (!existsSync(BINARY)) {
    throw new Error('VictoriaMetrics is not installed: run scripts/setup-system.sh (Debian package "victoria-metrics")');
  }
  const data = mkdtempSync(path.join(os.tmpdir(), 'mac-vm-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const service = spawnService(
    BINARY,
    [
      `-storageDataPath=${data}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      // The default retention (1 month) would drop the 2023 fixture samples on import.
      '-retentionPeriod=100y',
      // Answer for the fixture's past times exactly: no hiding of "too recent" points, and no
      // result cache (with it, range queries get start/end aligned to multiples of step).
      '-search.latencyOffset=0',
      '-search.disableCache',
      ...(opts.extraArgs ?? []),
    ],
  );
  const stop = async () => {
    await service.stop();
    rmSync(data, { recursive: true, force: true });
  };
  /** Polls `probe` until it returns true; fails with VictoriaMetrics' log after 30 s in all. */
  const deadline = Date.now() + 30_000;
  const waitFor = async (what: string, probe: () => Promise<boolean>) => {
    const state = await pollService(service, probe, Math.max(0, deadline - Date.now()));
    if (state === 'exited') throw new Error(`VictoriaMetrics exited with ${service.child.exitCode}:\n${service.log()}`);
    if (state === 'timeout') {
      await stop();
      throw new Error(`VictoriaMetrics: ${what} not done after 30 s:\n${service.log()}`);
    }
  };
  try {
    await waitFor('start', async () => (await fetch(`${url}/health`)).status === 200);
    const fixture = openMetricsToPrometheusText(readFileSync(opts.omFile ?? FIXTURE_OM, 'utf8'));
    const res = await fetch(`${url}/api/v1/import/prometheus`, { method: 'POST', body: fixture.text });
    if (res.status !== 204) throw new Error(`import answered HTTP ${res.status}: ${await res.text()}`);
    await fetch(`${url}/internal/force_flush`);
    // Every sample lies in (FIXTURE_END - 3h, FIXTURE_END].
    const q = new URLSearchParams({ query: 'sum(count_over_time({__name__!=""}[3h]))', time: String(FIXTURE_END) });
    await waitFor('import', async () => {
      const body = (await (await fetch(`${url}/api/v1/query?${q}`)).json()) as { data?: { result?: Array<{ value: [number, string] }> } };
      return Number(body.data?.result?.[0]?.value[1]) === fixture.samples;
    });
    return { url, port, imported: { samples: fixture.samples, series: fixture.series }, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
