// Navigation over a Grafana dashboard's JSON tree (jsonc-parser nodes, so every value keeps its
// offsets): the dashboard object, its panels at any depth, template variables and data sources.
import { parseTree, type Node, type ParseError } from 'jsonc-parser';

export interface DashboardDoc {
  text: string;
  root: Node | undefined;
  errors: ParseError[];
  /** Nested too deeply for the JSON reader (its recursion would overflow the stack): nothing read. */
  tooDeep?: boolean;
  /** The dashboard object: the root, or `dashboard` of an API export ({dashboard, overwrite}). */
  dash: Node | undefined;
}

// Detection, extraction and linting of one document all parse the same text in a row.
let lastParsed: DashboardDoc | undefined;

export function parseDashboard(text: string): DashboardDoc {
  if (lastParsed?.text === text) return lastParsed;
  lastParsed = parseDashboardUncached(text);
  return lastParsed;
}

/** parseDashboard without its one-entry cache: for small throw-away documents that must not evict the editor's. */
export function parseDashboardUncached(text: string): DashboardDoc {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // jsonc-parser recurses once per level: thousands of nested arrays overflow the stack.
    if (e instanceof RangeError) return { text, root: undefined, errors: [], dash: undefined, tooDeep: true };
    throw e;
  }
  let dash = root?.type === 'object' ? root : undefined;
  const wrapped = prop(dash, 'dashboard');
  if (wrapped?.type === 'object' && !prop(dash, 'panels') && !prop(dash, 'rows')) dash = wrapped;
  return { text, root, errors, dash };
}

/**
 * The value node of `key` in an object node. A key given twice is read as Grafana reads it
 * (JSON.parse, Go's encoding/json): the last one wins.
 */
export function prop(node: Node | undefined, key: string): Node | undefined {
  return propertyNode(node, key)?.children?.[1];
}

/** The property node (key and value) of `key`, the last of its name, for diagnostics on the key. */
export function propertyNode(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object' || !node.children) return undefined;
  const props = node.children;
  for (let i = props.length - 1; i >= 0; i--) {
    if (props[i].children?.[0]?.value === key) return props[i];
  }
  return undefined;
}

export function items(node: Node | undefined): Node[] {
  return node?.type === 'array' ? node.children ?? [] : [];
}

export function str(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export function num(node: Node | undefined): number | undefined {
  return node?.type === 'number' ? (node.value as number) : undefined;
}

export function bool(node: Node | undefined): boolean | undefined {
  return node?.type === 'boolean' ? (node.value as boolean) : undefined;
}

/** Every panel: panels[], a row's nested panels[] (collapsed rows), and old rows[].panels[]. */
export function allPanels(dash: Node | undefined): Node[] {
  const out: Node[] = [];
  const visit = (list: Node | undefined): void => {
    for (const p of items(list)) {
      if (p.type !== 'object') continue;
      out.push(p);
      visit(prop(p, 'panels'));
    }
  };
  visit(prop(dash, 'panels'));
  for (const row of items(prop(dash, 'rows'))) visit(prop(row, 'panels'));
  return out;
}

export function templateVariables(dash: Node | undefined): Node[] {
  return items(prop(prop(dash, 'templating'), 'list')).filter((v) => v.type === 'object');
}

const OTHER_PLUGINS = /loki|elasticsearch|elastic|influx|mysql|postgres|mssql|graphite|tempo|jaeger|zipkin|cloudwatch|stackdriver|opentsdb|testdata|clickhouse|splunk|pyroscope|parca|opensearch/i;

/** The data source plugin type a reference resolves to, or undefined when it cannot be known. */
export type DatasourceResolver = (ds: Node | undefined) => string | undefined;

/**
 * Resolves data source references: {type, uid} objects, `$var`/`${var}` naming a datasource
 * variable (whose `query` is the plugin id), `${DS_X}` from `__inputs`, and Grafana's special
 * `-- Grafana --`, `-- Mixed --`, `-- Dashboard --`.
 */
export function datasourceResolver(root: Node | undefined, dash: Node | undefined): DatasourceResolver {
  const byVariable = new Map<string, string>();
  for (const v of templateVariables(dash)) {
    const name = str(prop(v, 'name'));
    const q = str(prop(v, 'query'));
    if (str(prop(v, 'type')) === 'datasource' && name && q) byVariable.set(name, q);
  }
  for (const input of [...items(prop(root, '__inputs')), ...items(prop(dash, '__inputs'))]) {
    const name = str(prop(input, 'name'));
    const plugin = str(prop(input, 'pluginId'));
    if (name && plugin) byVariable.set(name, plugin);
  }
  const fromName = (s: string): string | undefined => {
    const m = /^\$\{?([\w]+)(?::\w+)?\}?$|^\[\[(\w+)\]\]$/.exec(s.trim());
    if (m) return byVariable.get(m[1] ?? m[2]);
    if (s === '-- Grafana --' || s === 'grafana') return 'grafana';
    if (s === '-- Mixed --') return 'mixed';
    if (s === '-- Dashboard --') return 'dashboard';
    if (/prometheus|mimir|cortex|thanos|victoriametrics/i.test(s)) return 'prometheus';
    // A data source named after another plugin (e.g. "Loki", "loki-prod") most likely is one.
    return OTHER_PLUGINS.exec(s)?.[0].toLowerCase();
  };
  return (ds) => {
    if (!ds || ds.type === 'null') return undefined;
    if (ds.type === 'string') return fromName(ds.value as string);
    const type = str(prop(ds, 'type'));
    // Grafana's own data sources: {"type": "datasource", "uid": "-- Mixed --"} and the like.
    if (type === 'datasource') return fromName(str(prop(ds, 'uid')) ?? '') ?? type;
    if (type) return type;
    const uid = str(prop(ds, 'uid'));
    return uid ? fromName(uid) : undefined;
  };
}

/**
 * Plugins whose queries have no `expr` (SQL's rawSql, Elasticsearch's query, Graphite's target...):
 * a target with `expr` on a data source that resolves to one of them was resolved from a name that
 * only looks like that plugin (a Prometheus data source called "Postgres Overview").
 */
const NO_EXPR_PLUGINS = /^(elasticsearch|elastic|influx|mysql|postgres|mssql|graphite|tempo|jaeger|zipkin|cloudwatch|stackdriver|opentsdb|testdata|clickhouse|splunk|opensearch)$/;

export function queriesHaveNoExpr(type: string | undefined): boolean {
  return type !== undefined && NO_EXPR_PLUGINS.test(type);
}

/** Prometheus-compatible plugin ids (core, Amazon and Azure flavours). */
export function isPrometheusType(type: string | undefined): boolean {
  return type === undefined || /prometheus/i.test(type);
}
