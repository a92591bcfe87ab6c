// The message protocol of the dashboard preview (issue 6) between the extension's panel host
// (client/src/panels/dashboardPanel.ts), the language server (monitoring/dashboard* requests) and
// the webview (webview/src/dashboard/main.ts). Types only.
import type { ResultData } from './protocol';

/** A panel's place in the dashboard JSON, e.g. ['panels', 2] or ['panels', 4, 'panels', 0]; also its key. */
export type JsonPath = Array<string | number>;

/**
 * `JSON.stringify(path)`: the key a panel is known by in every message. A copy of a repeated panel
 * (or of a panel in a repeated row) adds its scoped values: `["panels",2]?var-instance=a`.
 */
export type PanelKey = string;

/** Grafana's scopedVars: the single value a repeated panel's copy has for its variable(s), by name. */
export type ScopedVars = Record<string, { text: string; value: string }>;

export interface VariableOption {
  text: string;
  value: string;
}

/** A template variable as the preview header shows it (a dropdown, a text box, or nothing when hidden). */
export interface VariableView {
  name: string;
  label?: string;
  /** Grafana's variable type: query, custom, constant, interval, textbox, datasource, adhoc. */
  type: string;
  /** 0 shown, 1 label hidden, 2 hidden (Grafana's `hide`). */
  hide: number;
  multi: boolean;
  includeAll: boolean;
  options: VariableOption[];
  /** The selection in use ('$__all' for All). */
  current: { text: string | string[]; value: string | string[] };
  /** Why the options could not be computed (query failed, cycle...), if so. */
  error?: string;
}

/** Server request `monitoring/dashboardPreview`: the dashboard with its variables resolved. */
export interface DashboardPreviewParams {
  uri: string;
  /** Selections made in the preview header, by variable name (replace the saved ones). */
  selections?: Record<string, string | string[]>;
  /** Grafana time range, e.g. { from: 'now-6h', to: 'now' } or ms epoch strings; default: the dashboard's own `time`. */
  time?: { from: string; to: string };
  /** The caller parsed the document text itself: leave `dashboard` out of the answer. */
  omitDashboard?: boolean;
  /** A refresh (button, auto refresh): evaluate the variables again rather than reuse a recent evaluation. */
  refresh?: boolean;
}

export interface DashboardPreviewResult {
  /** The parsed dashboard JSON (the `dashboard` member of an export wrapper is unwrapped). */
  dashboard?: unknown;
  title: string;
  time: { from: string; to: string };
  range: { startMs: number; endMs: number };
  refresh?: string;
  variables: VariableView[];
  /** Set when the document is not valid JSON: where and what (the webview keeps its last render). */
  error?: { message: string; line: number; character: number };
  /** The data source the queries run on, or why none. */
  datasource?: string;
  datasourceError?: string;
}

/** Server request `monitoring/panelQuery`: run one panel's visible targets. */
export interface PanelQueryParams {
  uri: string;
  path: JsonPath;
  selections?: Record<string, string | string[]>;
  range: { startMs: number; endMs: number };
  /**
   * The dashboard's time as written (`now-24h`, `now/d`, ms epochs): when given, the server
   * evaluates it as the query runs, as Grafana does, and `range` (the preview's, evaluated when it
   * was asked for) is not used: a panel shown later (a row expanded) ends at the new now.
   */
  time?: { from: string; to: string };
  /** The panel's width in the preview, in px (Grafana's default maxDataPoints). */
  widthPx: number;
  /** A repeated copy's variables, each scoped to the copy's one value (they win over the selections). */
  scopedVars?: ScopedVars;
}

export interface TargetResult {
  refId: string;
  /** The expression as sent, after interpolation. */
  expr: string;
  legendFormat?: string;
  mode: 'range' | 'instant';
  data?: ResultData;
  error?: string;
  warnings?: string[];
}

export interface PanelQueryResult {
  path: JsonPath;
  results: TargetResult[];
  /** The range the queries ran over (Grafana's PanelData.timeRange): the panel draws its time axis on it. */
  range?: { startMs: number; endMs: number };
  /** The interval Grafana would use ($__interval), in ms, and the step of range queries. */
  intervalMs: number;
  stepMs: number;
}

/** One change of a dashboard JSON: the value at `path` replaced (or added), or deleted. */
export interface DashboardChange {
  path: JsonPath;
  value?: unknown;
  delete?: true;
}

/** Extension → webview. */
export type ToDashboardWebview =
  | {
      type: 'dashboard';
      preview: DashboardPreviewResult;
      theme?: 'light' | 'dark';
      /** Numbers the dashboard JSON this message leaves the page with (full or patched). */
      seq?: number;
      /**
       * Instead of `preview.dashboard`: the changes to the dashboard of message `base`, which the
       * page holds. A page holding another one ignores the message (it is new: its `ready` brings all).
       */
      patch?: { base: number; changes: DashboardChange[] };
    }
  | { type: 'panelLoading'; key: PanelKey }
  | { type: 'panelData'; key: PanelKey; result: PanelQueryResult }
  | { type: 'panelError'; key: PanelKey; message: string }
  /** Show only this panel (the "Preview panel" code lens), or all again with null. */
  | { type: 'focusPanel'; key: PanelKey | null };

/** Webview → extension. */
export type FromDashboardWebview =
  | { type: 'ready' }
  /** The panels laid out and visible now, with their widths in px: the host queries these. */
  | { type: 'visiblePanels'; panels: Array<{ key: PanelKey; path: JsonPath; widthPx: number; scopedVars?: ScopedVars }> }
  | { type: 'setVariable'; name: string; value: string | string[] }
  | { type: 'setTime'; from: string; to: string }
  | { type: 'refresh' }
  | { type: 'revealPanel'; path: JsonPath }
  /** After each render, for tests: what was drawn per panel. */
  | { type: 'rendered'; panels: Array<{ key: PanelKey; type: string; title: string; drawn: boolean; text: string }> };
