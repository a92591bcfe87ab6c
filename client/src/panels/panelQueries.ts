// Which dashboard panels to (re)query, and running those queries at most N at a time. Pure (no
// vscode import): the panel host (dashboardPanel.ts) supplies the request function and the posts.
// A panel is queried again only when what its result depends on changed: its JSON, the variable
// selections and values, the time range as written (not `now` moving), its width bucket or the
// data source. A newer query of a panel cancels the one in flight.
import { createHash } from 'node:crypto';
import type { DashboardPreviewResult, JsonPath, PanelKey, PanelQueryParams, ScopedVars } from '../../../webview/src/dashboardProtocol';
import { validScopedVars } from '../../../server/src/grafana/scopedVars';

/** Everything a panel's result depends on, as one string. */
export interface QueryInputs {
  panel: unknown;
  selections: Record<string, string | string[]>;
  time: { from: string; to: string };
  /** The variables as resolved by the server (name → current value). */
  variables: Array<{ name: string; value: unknown }>;
  datasource?: string;
  widthPx: number;
  /** A repeated copy's scoped variables (each copy has its own result). */
  scopedVars?: ScopedVars;
}

/** Panels narrower or wider by less than this share the cached result (Grafana's maxDataPoints follows the width). */
export const WIDTH_BUCKET_PX = 40;

export function queryHash(i: QueryInputs): string {
  const parts = [i.panel, i.selections, i.time, i.variables, i.datasource ?? '', Math.round(i.widthPx / WIDTH_BUCKET_PX), ...(i.scopedVars ? [i.scopedVars] : [])];
  return createHash('sha1').update(stableJson(parts)).digest('base64');
}

/** JSON with object keys sorted, so equal values hash equally whatever the key order. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The value at a JSON path, or undefined. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

export interface Cancel {
  cancel(): void;
}

export interface Job<R> {
  key: PanelKey;
  path: JsonPath;
  hash: string;
  widthPx: number;
  scopedVars?: ScopedVars;
  /** Starts the request; `isCancelled` tells whether this job was superseded since. */
  run(isCancelled: () => boolean): { promise: Promise<R>; cancel: Cancel };
}

/** Width when the webview reported none usable: a typical half-screen panel. */
export const DEFAULT_PANEL_WIDTH_PX = 800;

/** What the host knows when it decides which visible panels to query. */
export interface PanelJobInputs {
  dashboard: unknown;
  selections: Record<string, string | string[]>;
  time: { from: string; to: string };
  variables: QueryInputs['variables'];
  datasource?: string;
}

/**
 * One job per visible panel that still exists in the dashboard, hashed on what its result depends
 * on; `run` starts the panel's request (the host sends it to the language server).
 */
export function panelJobs<R>(
  visible: ReadonlyArray<{ key: PanelKey; path: JsonPath; widthPx: number; scopedVars?: ScopedVars }>,
  inputs: PanelJobInputs,
  run: (path: JsonPath, widthPx: number, scopedVars?: ScopedVars) => { promise: Promise<R>; cancel: Cancel },
): Array<Job<R>> {
  const jobs: Array<Job<R>> = [];
  for (const p of visible) {
    if (!p || !Array.isArray(p.path) || typeof p.key !== 'string') continue;
    const panel = valueAt(inputs.dashboard, p.path);
    if (panel === undefined) continue;
    const widthPx = Number.isFinite(p.widthPx) && p.widthPx > 0 ? Math.round(p.widthPx) : DEFAULT_PANEL_WIDTH_PX;
    const scopedVars = validScopedVars(p.scopedVars);
    const hash = queryHash({ panel, selections: inputs.selections, time: inputs.time, variables: inputs.variables, datasource: inputs.datasource, widthPx, scopedVars });
    jobs.push({ key: p.key, path: p.path, hash, widthPx, ...(scopedVars ? { scopedVars } : {}), run: () => run(p.path, widthPx, scopedVars) });
  }
  return jobs;
}

/** What the host holds when the page reports its visible panels. */
export interface PreviewState {
  uri: string;
  selections: Record<string, string | string[]>;
  /** The time range chosen in the header (or by a caller); undefined = the preview's (the dashboard's own). */
  time?: { from: string; to: string };
}

/**
 * The jobs of the visible panels of a preview, each sending its `monitoring/panelQuery`. The
 * request carries the time as written, which the server evaluates when it runs the query (as
 * Grafana does): a panel shown later than the preview (a row expanded, a panel scrolled to) ends at
 * the new now, not at the preview's; the hash stays on the time as written, so `now` moving alone
 * queries nothing again.
 */
export function previewPanelJobs<R>(
  visible: ReadonlyArray<{ key: PanelKey; path: JsonPath; widthPx: number; scopedVars?: ScopedVars }>,
  preview: Pick<DashboardPreviewResult, 'dashboard' | 'time' | 'range' | 'variables' | 'datasource'>,
  state: PreviewState,
  send: (params: PanelQueryParams) => { promise: Promise<R>; cancel: Cancel },
): Array<Job<R>> {
  const time = state.time ?? preview.time;
  const variables = preview.variables.map((v) => ({ name: v.name, value: v.current?.value }));
  const inputs = { dashboard: preview.dashboard, selections: state.selections, time, variables, datasource: preview.datasource };
  return panelJobs<R>(visible, inputs, (path, widthPx, scopedVars) =>
    send({ uri: state.uri, path, selections: state.selections, range: preview.range, time, widthPx, ...(scopedVars ? { scopedVars } : {}) }),
  );
}

export { validScopedVars };

interface Entry<R> {
  job: Job<R>;
  state: 'queued' | 'running' | 'done' | 'error';
  cancel?: Cancel;
  cancelled: boolean;
  /** The message that showed the result, to send again to a reloaded webview. */
  result?: R;
}

export interface QueueEvents<R> {
  loading(key: PanelKey): void;
  done(key: PanelKey, result: R): void;
  failed(key: PanelKey, message: string): void;
}

/** How many panel queries a dashboard preview runs at once (the editor's panel, the tests' host and the bench). */
export const MAX_PANEL_QUERIES_IN_FLIGHT = 4;

/** The panels' queries: deduplicated by hash, at most `limit` in flight, newest first wins. */
export class PanelQueryQueue<R> {
  private readonly entries = new Map<PanelKey, Entry<R>>();
  private queue: PanelKey[] = [];
  private running = 0;
  /** Keys whose result the webview holds (cleared when it reloads). */
  private readonly delivered = new Set<PanelKey>();
  readonly queriesByKey: Record<PanelKey, number> = {};
  queries = 0;

  constructor(
    private readonly events: QueueEvents<R>,
    readonly limit = MAX_PANEL_QUERIES_IN_FLIGHT,
  ) {}

  /**
   * The panels visible now with their hashes: queues those whose hash changed (or that were never
   * queried), sends kept results the webview lost, drops queued panels no longer visible.
   */
  want(jobs: Array<Job<R>>): void {
    const visible = new Set(jobs.map((j) => j.key));
    for (const key of this.queue) {
      if (!visible.has(key)) this.entries.delete(key);
    }
    this.queue = this.queue.filter((k) => visible.has(k));
    for (const job of jobs) {
      const e = this.entries.get(job.key);
      if (e && e.job.hash === job.hash) {
        if (e.state === 'done' && e.result !== undefined && !this.delivered.has(job.key)) {
          this.delivered.add(job.key);
          this.events.done(job.key, e.result);
        }
        continue;
      }
      if (e) this.stop(e);
      this.entries.set(job.key, { job, state: 'queued', cancelled: false });
      this.queue = this.queue.filter((k) => k !== job.key);
      this.queue.push(job.key);
      this.delivered.delete(job.key);
      this.events.loading(job.key);
    }
    this.pump();
  }

  /** Forget every result (a refresh): the next `want` queries every visible panel again. */
  invalidate(): void {
    for (const e of this.entries.values()) this.stop(e);
    this.entries.clear();
    this.queue = [];
  }

  /** The webview reloaded and lost what it showed. */
  webviewReloaded(): void {
    this.delivered.clear();
    // Errors are cheap to show again by querying; keep only successful results.
    for (const [k, e] of this.entries) if (e.state === 'error') this.entries.delete(k);
  }

  dispose(): void {
    this.invalidate();
  }

  get inFlight(): number {
    return this.running;
  }

  private stop(e: Entry<R>): void {
    e.cancelled = true;
    e.cancel?.cancel();
  }

  private pump(): void {
    while (this.running < this.limit && this.queue.length > 0) {
      const key = this.queue.shift()!;
      const e = this.entries.get(key);
      if (!e || e.state !== 'queued') continue;
      this.start(e);
    }
  }

  private start(e: Entry<R>): void {
    const key = e.job.key;
    e.state = 'running';
    this.running++;
    this.queries++;
    this.queriesByKey[key] = (this.queriesByKey[key] ?? 0) + 1;
    let started: { promise: Promise<R>; cancel: Cancel };
    try {
      started = e.job.run(() => e.cancelled);
    } catch (err) {
      started = { promise: Promise.reject(err), cancel: { cancel() {} } };
    }
    e.cancel = started.cancel;
    const finish = (): void => {
      this.running--;
      this.pump();
    };
    started.promise.then(
      (result) => {
        if (!e.cancelled && this.entries.get(key) === e) {
          e.state = 'done';
          e.result = result;
          this.delivered.add(key);
          this.events.done(key, result);
        }
        finish();
      },
      (err: unknown) => {
        if (!e.cancelled && this.entries.get(key) === e) {
          e.state = 'error';
          this.events.failed(key, (err as Error)?.message ?? String(err));
        }
        finish();
      },
    );
  }
}
