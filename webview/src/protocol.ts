// The one typed message protocol between the extension (panel hosts) and the webviews.
// Browser code and the client both import these types; nothing else crosses the boundary.

export type Labels = Record<string, string>;

export interface SeriesData {
  metric: Labels;
  /** [unix ms, value] pairs. NaN/±Inf arrive as strings "NaN", "+Inf", "-Inf" (JSON has no such numbers). */
  values: Array<[number, number | string]>;
}

export type ResultData =
  | { resultType: 'matrix'; series: SeriesData[] }
  | { resultType: 'vector'; series: SeriesData[] }
  | { resultType: 'scalar'; value: [number, number | string] }
  | { resultType: 'string'; value: [number, string] };

export interface TimeRange {
  /** Relative range such as "1h" (ends now), or absolute start/end in unix ms. */
  relative?: string;
  startMs?: number;
  endMs?: number;
}

export interface QueryResultMessage {
  type: 'result';
  expr: string;
  datasource: string;
  /** 'range' draws a graph, 'instant' a table. */
  mode: 'range' | 'instant';
  range: { startMs: number; endMs: number; stepMs: number };
  data: ResultData;
  warnings: string[];
  infos: string[];
  stats: { series: number; samples: number; durationMs: number };
  truncated?: { seriesKept: number; seriesTotal: number; pointsDropped: number };
  legendFormat?: string;
}

export interface QueryErrorMessage {
  type: 'error';
  expr: string;
  datasource: string;
  message: string;
  /** Where the problem comes from: 'syntax', 'execution', 'timeout', 'connection', ... */
  kind: string;
}

export interface QueryLoadingMessage {
  type: 'loading';
  expr: string;
  datasource: string;
}

/** Extension → webview. */
export type ToWebview = QueryResultMessage | QueryErrorMessage | QueryLoadingMessage;

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'setRange'; range: TimeRange; mode: 'range' | 'instant' }
  | { type: 'refresh' }
  | { type: 'setAutoRefresh'; seconds: number }
  | { type: 'export'; format: 'csv' | 'png'; fileName: string; content: string }
  /** "Add to dashboard…": the host asks which dashboard and inserts a panel with the current expression. */
  | { type: 'addToDashboard' }
  | RenderedReport;

/** Posted after each result is drawn: what the page shows (the integration tests read it). */
export interface RenderedReport {
  type: 'rendered';
  series: number;
  legend: string[];
  /** True when the graph's canvas has pixels in the series' colours. */
  canvas: boolean;
  /** Rows of the table (0 in graph mode). */
  table: number;
}
