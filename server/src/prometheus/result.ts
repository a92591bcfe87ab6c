// Query results normalized for the panels and the CLI, with caps on series and points so a huge
// answer can't freeze the editor; a capped result says so.

export type Labels = Record<string, string>;

export interface Series {
  metric: Labels;
  /** [unix ms, value] pairs; values as numbers (NaN/±Inf kept). */
  values: Array<[number, number]>;
}

export type QueryData =
  | { resultType: 'matrix'; series: Series[] }
  | { resultType: 'vector'; series: Series[] }
  | { resultType: 'scalar'; value: [number, number] }
  | { resultType: 'string'; value: [number, string] };

export interface QueryResult {
  data: QueryData;
  warnings: string[];
  infos: string[];
  stats: { series: number; samples: number; durationMs: number };
  /** Set when caps dropped series or points: what was kept out of what. */
  truncated?: { seriesKept: number; seriesTotal: number; pointsDropped: number };
}

export interface ResultCaps {
  maxSeries: number;
  maxPointsPerSeries: number;
}

export const DEFAULT_CAPS: ResultCaps = { maxSeries: 500, maxPointsPerSeries: 11_000 };

/** Prometheus sends sample values as strings: "1", "NaN", "+Inf", "-Inf". */
export function sampleValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

function samplePair(p: unknown): [number, number] {
  if (!Array.isArray(p) || p.length < 2) throw new Error('sample is not a [time, value] pair');
  return [Math.round(Number(p[0]) * 1000), sampleValue(p[1])];
}

function labelsOf(m: unknown): Labels {
  if (m === null || typeof m !== 'object') return {};
  const out: Labels = {};
  for (const [k, v] of Object.entries(m as Record<string, unknown>)) out[k] = String(v);
  return out;
}

/** Turns the API's `data` into QueryData, applying caps. Throws on a malformed shape. */
export function normalizeQueryData(data: unknown, caps: ResultCaps): Pick<QueryResult, 'data' | 'truncated'> & { samples: number } {
  const d = data as { resultType?: unknown; result?: unknown };
  if (!d || typeof d !== 'object') throw new Error('data is missing');
  switch (d.resultType) {
    case 'scalar':
      return { data: { resultType: 'scalar', value: samplePair(d.result) }, samples: 1 };
    case 'string': {
      const r = d.result as unknown[];
      if (!Array.isArray(r)) throw new Error('string result is not a pair');
      return { data: { resultType: 'string', value: [Math.round(Number(r[0]) * 1000), String(r[1])] }, samples: 1 };
    }
    case 'vector':
    case 'matrix': {
      if (!Array.isArray(d.result)) throw new Error(`${d.resultType} result is not a list`);
      const all = d.result as Array<{ metric?: unknown; value?: unknown; values?: unknown; histogram?: unknown; histograms?: unknown }>;
      const kept = all.slice(0, caps.maxSeries);
      let samples = 0;
      let pointsDropped = 0;
      const series: Series[] = kept.map((s) => {
        let values: Array<[number, number]>;
        if (d.resultType === 'vector') values = s.value !== undefined ? [samplePair(s.value)] : histogramAsCount(s.histogram);
        else {
          const raw = Array.isArray(s.values) ? s.values : [];
          values = raw.map(samplePair);
          if (Array.isArray(s.histograms)) values = values.concat(s.histograms.map((h) => histogramAsCount(h)[0]).filter(Boolean));
        }
        samples += values.length;
        if (values.length > caps.maxPointsPerSeries) {
          pointsDropped += values.length - caps.maxPointsPerSeries;
          values = values.slice(0, caps.maxPointsPerSeries);
        }
        return { metric: labelsOf(s.metric), values };
      });
      const truncated = all.length > kept.length || pointsDropped > 0 ? { seriesKept: kept.length, seriesTotal: all.length, pointsDropped } : undefined;
      return { data: { resultType: d.resultType, series }, samples, truncated };
    }
    default:
      throw new Error(`unknown resultType ${JSON.stringify(d.resultType)}`);
  }
}

/** Native histograms are shown by their observation count, the one number a chart can draw. */
function histogramAsCount(h: unknown): Array<[number, number]> {
  if (!Array.isArray(h) || h.length < 2) return [];
  const body = h[1] as { count?: unknown };
  return [[Math.round(Number(h[0]) * 1000), sampleValue(body?.count)]];
}

/** JSON has no NaN/±Inf: send them as Prometheus writes them ("NaN", "+Inf", "-Inf"). */
export function jsonSafeValue(v: number): number | string {
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
}

export type JsonSafeQueryData =
  | { resultType: 'matrix' | 'vector'; series: Array<{ metric: Labels; values: Array<[number, number | string]> }> }
  | { resultType: 'scalar'; value: [number, number | string] }
  | { resultType: 'string'; value: [number, string] };

export function jsonSafeData(d: QueryData): JsonSafeQueryData {
  switch (d.resultType) {
    case 'scalar':
      return { resultType: 'scalar', value: [d.value[0], jsonSafeValue(d.value[1])] };
    case 'string':
      return d;
    default:
      return { resultType: d.resultType, series: d.series.map((s) => ({ metric: s.metric, values: s.values.map(([t, v]) => [t, jsonSafeValue(v)] as [number, number | string]) })) };
  }
}
