// Value previews: what an expression returns right now (and over the last hour) on the active data
// source, for hovers and inlay hints. Queries are cached per data source, expression and minute,
// shared while in flight, aborted when every asker cancels or the data source changes, and bounded
// by a short timeout. Any failure means no preview: the editor stays quiet when no one answers.
import type { EmbeddedExpression } from '../documents/types';
import type { QueryResult } from '../prometheus/result';
import type { ActiveDataSource } from './datasources';
import { inlayLabel, previewMarkdown } from './valuePreviewFormat';

/** A hover must not wait on a slow data source for long. */
export const PREVIEW_TIMEOUT_MS = 2000;
/** A cached answer is reused this long (and only within its minute). */
export const PREVIEW_CACHE_MS = 30_000;
export const PREVIEW_RANGE_MS = 3600_000;
/** One point a minute: ~60 bars of sparkline. */
export const PREVIEW_STEP_MS = 60_000;
export const MAX_INLAY_HINTS = 50;
export const INLAY_CONCURRENCY = 4;
const MAX_ENTRIES = 1000;

/** The part of an LSP CancellationToken this needs. */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/** Knobs not contributed to the manifest: tests pin the evaluation time and the timeout. */
export interface PreviewTuning {
  /** Evaluate at this time (unix ms) instead of now. */
  atMs?: number;
  timeoutMs?: number;
}

/** Reads `monitoring.preview.atMs` / `.timeoutMs` from `{ monitoring: {...} }` settings. */
export function previewTuningFrom(value: unknown): PreviewTuning {
  const root = record(value);
  const preview = record(record(root.monitoring ?? root).preview);
  const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
  return { atMs: positive(preview.atMs), timeoutMs: positive(preview.timeoutMs) };
}

/**
 * The PromQL to preview for an expression, or undefined: nothing typed, a dashboard query with
 * Grafana variables (its placeholders mean nothing to Prometheus), or errors the diagnostics show.
 */
export function previewableText(expr: EmbeddedExpression, errorsOf: (text: string) => readonly unknown[]): string | undefined {
  if (expr.text.trim() === '') return undefined;
  if (expr.kind.startsWith('dashboard') && expr.text !== expr.source) return undefined;
  return errorsOf(expr.text).length === 0 ? expr.text : undefined;
}

/** Where an expression's inlay hint goes (file offset): after its last character, and its closing quote. */
export function hintOffset(expr: EmbeddedExpression, fileText: string): number {
  const end = expr.toFileOffset(expr.text.trimEnd().length);
  return expr.kind !== 'promql-file' && (fileText[end] === '"' || fileText[end] === "'") ? end + 1 : end;
}

export interface InlayPreview {
  label: string;
  /** Markdown: the hover's section without the sparkline. */
  tooltip: string;
}

type Answer = { result: QueryResult; atMs: number } | undefined;

interface Entry {
  promise: Promise<Answer>;
  controller: AbortController;
  createdMs: number;
  waiters: number;
  settled: boolean;
}

export class ValuePreviews {
  private readonly entries = new Map<string, Entry>();
  private tuning: PreviewTuning = {};

  constructor(private readonly source: () => ActiveDataSource | undefined) {}

  configure(tuning: PreviewTuning): void {
    if (tuning.atMs !== this.tuning.atMs) this.clear();
    this.tuning = tuning;
  }

  /** Drops every answer and aborts every request: the data source changed. */
  clear(): void {
    for (const e of this.entries.values()) if (!e.settled) e.controller.abort();
    this.entries.clear();
  }

  /** The hover section for an expression; undefined when there is nothing to say. */
  async hover(expr: string | undefined, token?: CancelToken): Promise<string | undefined> {
    const ds = this.source();
    if (expr === undefined || !ds) return undefined;
    const [instant, range] = await Promise.all([this.fetch(ds, 'instant', expr, token), this.fetch(ds, 'range', expr, token)]);
    if (!instant || token?.isCancellationRequested) return undefined;
    const sparkRange = range && { data: range.result.data, startMs: range.atMs - PREVIEW_RANGE_MS, endMs: range.atMs, stepMs: PREVIEW_STEP_MS };
    return previewMarkdown(instant.result.data, sparkRange, ds.settings.name, instant.result.stats.series);
  }

  /** One inlay preview per expression (undefined where none), at most INLAY_CONCURRENCY queries at once. */
  async inlays(exprs: ReadonlyArray<string | undefined>, token?: CancelToken): Promise<Array<InlayPreview | undefined>> {
    const ds = this.source();
    if (!ds) return exprs.map(() => undefined);
    return mapLimit(exprs, INLAY_CONCURRENCY, async (expr) => {
      if (expr === undefined || token?.isCancellationRequested) return undefined;
      const instant = await this.fetch(ds, 'instant', expr, token);
      if (!instant) return undefined;
      return { label: inlayLabel(instant.result.data, instant.result.stats.series), tooltip: previewMarkdown(instant.result.data, undefined, ds.settings.name, instant.result.stats.series) };
    });
  }

  private fetch(ds: ActiveDataSource, kind: 'instant' | 'range', expr: string, token?: CancelToken): Promise<Answer> {
    if (token?.isCancellationRequested) return Promise.resolve(undefined);
    const now = Date.now();
    const atMs = this.tuning.atMs ?? now;
    const key = [kind, ds.settings.name, ds.settings.url, Math.floor(atMs / 60_000), expr].join('\u0000');
    let entry = this.entries.get(key);
    if (entry?.settled && now - entry.createdMs > PREVIEW_CACHE_MS) entry = undefined;
    if (!entry) {
      this.prune(now);
      entry = this.start(ds, kind, expr, atMs, key, now);
    }
    return this.join(key, entry, token);
  }

  private start(ds: ActiveDataSource, kind: 'instant' | 'range', expr: string, atMs: number, key: string, now: number): Entry {
    const controller = new AbortController();
    const call = { signal: controller.signal, timeoutMs: this.tuning.timeoutMs ?? PREVIEW_TIMEOUT_MS };
    const atSec = atMs / 1000;
    const query =
      kind === 'instant'
        ? ds.client.query(expr, atSec, call)
        : ds.client.queryRange(expr, atSec - PREVIEW_RANGE_MS / 1000, atSec, PREVIEW_STEP_MS / 1000, call);
    const entry: Entry = {
      // A failure is an answer too (cached, so a dead data source costs one try per 30 s);
      // a cancellation is not, and its entry is gone already.
      promise: query.then(
        (result): Answer => ({ result, atMs }),
        (): Answer => undefined,
      ),
      controller,
      createdMs: now,
      waiters: 0,
      settled: false,
    };
    void entry.promise.then(() => {
      entry.settled = true;
    });
    this.entries.set(key, entry);
    return entry;
  }

  /** Waits for an entry's answer unless the token cancels first; the last waiter to cancel aborts it. */
  private join(key: string, entry: Entry, token?: CancelToken): Promise<Answer> {
    if (entry.settled) return entry.promise;
    entry.waiters++;
    if (!token) return entry.promise; // a waiter that cannot cancel keeps the request alive
    return new Promise((resolve) => {
      let done = false;
      const sub = token.onCancellationRequested(() => {
        if (done) return;
        done = true;
        resolve(undefined);
        if (--entry.waiters === 0 && !entry.settled) {
          entry.controller.abort();
          if (this.entries.get(key) === entry) this.entries.delete(key);
        }
      });
      void entry.promise.then((answer) => {
        sub.dispose();
        if (done) return;
        done = true;
        entry.waiters--;
        resolve(answer);
      });
    });
  }

  /** Old answers go; the map stays bounded however many expressions are hovered. */
  private prune(now: number): void {
    for (const [key, e] of this.entries) if (e.settled && now - e.createdMs > PREVIEW_CACHE_MS) this.entries.delete(key);
    while (this.entries.size >= MAX_ENTRIES) {
      const [key, e] = this.entries.entries().next().value!;
      if (!e.settled) e.controller.abort();
      this.entries.delete(key);
    }
  }
}

/** fn over items with at most `limit` running at once; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}
