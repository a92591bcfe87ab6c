// The values of a dashboard's template variables (templating.list) as Grafana would use them when
// the dashboard opens: the saved `current` selection, else the defaults Grafana picks (first option,
// the constant's query, the interval list's first entry or its `auto` value, ...). Query variables
// without a saved value cannot be resolved without running their query: they stand for "any value"
// (`.+`, not escaped), which is what "All" means in a regex matcher. variableQueries.ts runs those
// queries; its values come in through VariableOptions.evaluated.
import { getNodeValue, type Node } from 'jsonc-parser';
import { prop, str, templateVariables } from '../documents/dashboardModel';
import { calculateInterval } from './builtins';

/** Grafana's value of "All" and its text (variables/constants.ts). */
export const ALL_VARIABLE_VALUE = '$__all';
export const ALL_VARIABLE_TEXT = 'All';
/** What an unknown selection of a query variable becomes: any non-empty value. */
export const ANY_VALUE = '.+';

export type VariableSource =
  | 'current'      // the saved selection
  | 'option'       // the first saved or listed option
  | 'query'        // constant / textbox / custom query
  | 'auto'         // interval variable's auto value from the time range
  | 'all'          // "All": every option, or allValue
  | 'default'      // nothing known: our stand-in (ANY_VALUE)
  | 'none'         // the query ran and gave no options: empty, as in Grafana
  | 'datasource'   // the data source in use
  | 'builtin'      // Grafana's global variables
  | 'scoped';      // a repeated panel's own value

export interface ResolvedVariable {
  name: string;
  type: string;
  /** What Grafana's getValue gives the formatter: one value, or a list for multi-value and All. */
  value: string | number | string[];
  /**
   * A value Grafana does not format (CustomAllValue: a custom "All" value), re-interpolated as
   * written; also our stand-in for unknown values.
   */
  raw?: string;
  /** The display text (getValueText): `All`, `a + b`. */
  text: string;
  multi?: boolean;
  includeAll?: boolean;
  /** Dashboard variables live in the URL (var-name=...), built-ins do not. */
  urlSync?: boolean;
  urlValue?: string | string[];
  /** Values of `${name.field}` for built-ins such as `${__org.name}`. */
  fields?: Readonly<Record<string, string | number>>;
  source: VariableSource;
}

export interface VariableOptions {
  fromMs: number;
  toMs: number;
  /** Name of the data source the query runs on: datasource variables take it. */
  datasourceName?: string;
  /**
   * Values computed by running the variables' queries (variableQueries.ts resolveVariables), used
   * instead of the saved selection or the `.+` stand-in.
   */
  evaluated?: ReadonlyMap<string, ResolvedVariable>;
}

interface SavedOption { text?: unknown; value?: unknown; selected?: unknown }

type Json = Record<string, unknown>;

const asStrings = (v: unknown): string[] | undefined => {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map((x) => String(x));
  return [String(v)];
};

const isAll = (v: string | string[] | undefined): boolean => (Array.isArray(v) ? v[0] === ALL_VARIABLE_VALUE : v === ALL_VARIABLE_VALUE);

/** CustomVariable.transformCsvStringToOptions: `a,b\,c`, `label : value`. */
export function customOptions(query: string): Array<{ text: string; value: string }> {
  const parts = query.match(/(?:\\,|[^,])+/g) ?? [];
  return parts.map((part) => {
    const text = part.replace(/\\,/g, ',');
    const kv = /^\s*(.+)\s:\s(.+)$/.exec(text);
    if (kv) return { text: kv[1].trim(), value: kv[2].trim() };
    return { text: text.trim(), value: text.trim() };
  });
}

/** The saved options, without the All entry. */
function savedOptions(v: Json): Array<{ text: string; value: string }> {
  const list = Array.isArray(v.options) ? (v.options as SavedOption[]) : [];
  return list
    .filter((o) => o && typeof o === 'object' && o.value !== undefined && o.value !== ALL_VARIABLE_VALUE)
    .map((o) => ({ text: String(o.text ?? o.value), value: String(o.value) }));
}

function optionsOf(v: Json, type: string): Array<{ text: string; value: string }> {
  if (type === 'custom' && typeof v.query === 'string') {
    const parsed = customOptions(v.query);
    if (parsed.length) return parsed;
  }
  return savedOptions(v);
}

/** One template variable, from its saved model. */
export function resolveVariable(v: Json, opts: VariableOptions): ResolvedVariable | undefined {
  const name = typeof v.name === 'string' ? v.name : undefined;
  if (!name) return undefined;
  const type = typeof v.type === 'string' ? v.type : 'query';
  const multi = v.multi === true;
  const includeAll = v.includeAll === true;
  const base = { name, type, multi, includeAll, urlSync: true };
  const current = (v.current && typeof v.current === 'object' ? v.current : {}) as Json;
  const curValue = asStrings(current.value);
  const curText = asStrings(current.text);
  const hasCurrent = curValue !== undefined && !(curValue.length === 1 && curValue[0] === '') && !(Array.isArray(current.value) && curValue.length === 0);
  const query = typeof v.query === 'string' ? v.query : undefined;

  switch (type) {
    case 'constant': {
      const value = query ?? curValue?.[0] ?? '';
      return { ...base, multi: false, includeAll: false, value, text: value, urlValue: value, source: 'query' };
    }
    case 'textbox': {
      const value = hasCurrent ? curValue![0] : query ?? '';
      return { ...base, multi: false, includeAll: false, value, text: value, urlValue: value, source: hasCurrent ? 'current' : 'query' };
    }
    case 'interval': {
      // getIntervalsFromQueryString and getCurrentValueForOldIntervalModel: an invalid selection
      // falls back to the first interval; `$__auto_interval_<name>` and `$__auto` mean auto.
      const intervals = (query ?? '').split(',').map((s) => s.replace(/["']+/g, '').trim()).filter((s) => s && !s.startsWith('$__auto_interval_'));
      let selected = hasCurrent ? curValue![0] : undefined;
      const auto = selected === '$__auto' || selected?.startsWith('$__auto_interval_');
      if (!auto && selected !== undefined && !intervals.includes(selected)) selected = undefined;
      if (auto) {
        const count = typeof v.auto_count === 'number' && v.auto_count > 0 ? v.auto_count : 30;
        const min = typeof v.auto_min === 'string' ? v.auto_min : '10s';
        const value = calculateInterval(opts.toMs - opts.fromMs, count, min).interval;
        return { ...base, multi: false, includeAll: false, value, text: value, urlValue: selected ?? '$__auto', source: 'auto' };
      }
      const value = selected ?? intervals[0] ?? '';
      return { ...base, multi: false, includeAll: false, value, text: value, urlValue: value, source: selected ? 'current' : 'option' };
    }
    case 'datasource': {
      const value = opts.datasourceName ?? curText?.[0] ?? curValue?.[0] ?? '';
      return { ...base, multi: false, includeAll: false, value, text: value, urlValue: value, source: opts.datasourceName ? 'datasource' : 'current' };
    }
    case 'adhoc':
      // Grafana adds ad hoc filters to the query's selectors itself; the variable alone is empty.
      return { ...base, multi: false, includeAll: false, value: '', text: '', source: 'current' };
    default:
      return multiValue(v, type, base, hasCurrent ? curValue : undefined, curText);
  }
}

function multiValue(
  v: Json, type: string, base: Pick<ResolvedVariable, 'name' | 'type' | 'multi' | 'includeAll' | 'urlSync'>,
  curValue: string[] | undefined, curText: string[] | undefined,
): ResolvedVariable {
  const options = optionsOf(v, type);
  const allValue = typeof v.allValue === 'string' && v.allValue !== '' ? v.allValue : undefined;
  const all = (): ResolvedVariable => {
    const urlValue = base.multi ? [ALL_VARIABLE_VALUE] : ALL_VARIABLE_VALUE;
    if (allValue !== undefined) return { ...base, value: allValue, raw: allValue, text: ALL_VARIABLE_TEXT, urlValue, source: 'all' };
    if (options.length === 0) return { ...base, value: ANY_VALUE, raw: ANY_VALUE, text: ALL_VARIABLE_TEXT, urlValue, source: 'default' };
    return { ...base, value: options.map((o) => o.value), text: ALL_VARIABLE_TEXT, urlValue, source: 'all' };
  };
  if (curValue && isAll(curValue)) return all();
  if (curValue && type === 'custom' && options.length > 0) {
    // A custom variable's options are known: validation keeps the selected ones that exist
    // (matching a single value by value, then by text), as MultiValueVariable does.
    const valid = curValue
      .map((c, i) => options.find((o) => o.value === c) ?? (base.multi ? undefined : options.find((o) => o.text === (curText?.[i] ?? c))))
      .filter((o): o is { text: string; value: string } => o !== undefined);
    curValue = valid.length ? valid.map((o) => o.value) : undefined;
    curText = valid.map((o) => o.text);
  }
  if (curValue) {
    const value = base.multi || curValue.length > 1 ? curValue : curValue[0];
    const texts = curText?.length ? curText : curValue;
    return { ...base, value, text: texts.join(' + '), urlValue: value, source: 'current' };
  }
  // No (valid) selection: scenes sets defaultToAll = includeAll for query and custom variables,
  // else getDefault{Single,Multi}State picks the first option.
  if (base.includeAll || v.defaultToAll === true) return all();
  if (options.length > 0) {
    const first = options[0];
    return { ...base, value: base.multi ? [first.value] : first.value, text: first.text, urlValue: first.value, source: 'option' };
  }
  return { ...base, value: ANY_VALUE, raw: ANY_VALUE, text: ANY_VALUE, source: 'default' };
}

/** The dashboard's template variables by name, in templating.list order. */
export function dashboardVariables(dash: Node | undefined, opts: VariableOptions): Map<string, ResolvedVariable> {
  const out = new Map<string, ResolvedVariable>();
  for (const node of templateVariables(dash)) {
    const v = getNodeValue(node) as Json;
    const r = resolveVariable(v, opts);
    if (r && !out.has(r.name)) out.set(r.name, opts.evaluated?.get(r.name) ?? r);
  }
  return out;
}

/**
 * A repeated panel (`repeat: name`) runs once per selected value with that value scoped to it
 * (scenes DashboardGridItem.performRepeat: a LocalValueVariable with one value that keeps the
 * variable's isMulti and includeAll, which the formatters see, so the Prometheus format still
 * regex-escapes it). Without a copy's own scopedVars we run the first repetition.
 */
export function scopedForRepeat(variable: ResolvedVariable): ResolvedVariable {
  const first = Array.isArray(variable.value) ? variable.value[0] ?? '' : variable.value;
  const text = variable.text.split(' + ')[0] ?? String(first);
  if (variable.raw !== undefined) return { ...variable, multi: false, includeAll: false, urlSync: false, source: 'scoped' };
  return { name: variable.name, type: variable.type, value: first, text, multi: variable.multi, includeAll: variable.includeAll, source: 'scoped' };
}

export interface MacroOptions {
  dashboard?: { title?: string; uid?: string };
  /** Grafana's `__timezone`: the dashboard's time zone; `browser` becomes `utc` here. */
  timezone?: string;
  org?: { id: number; name: string };
  user?: { id: number; login: string; email: string };
}

/** Placeholder identity for `$__org` and `$__user` (Grafana's first org and admin). */
export const DEFAULT_ORG = { id: 1, name: 'Main Org.' };
export const DEFAULT_USER = { id: 1, login: 'admin', email: 'admin@localhost' };

/** Grafana's macros that do not depend on the time range: `$__dashboard`, `$__org`, `$__user`, `$__timezone`. */
export function macroVariables(o: MacroOptions = {}): Map<string, ResolvedVariable> {
  const org = o.org ?? DEFAULT_ORG;
  const user = o.user ?? DEFAULT_USER;
  const tz = !o.timezone || o.timezone === 'browser' ? 'utc' : o.timezone;
  const title = o.dashboard?.title ?? '';
  const macro = (name: string, value: string | number, fields?: Record<string, string | number>): [string, ResolvedVariable] => [
    name, { name, type: 'builtin', value, text: String(value), fields, source: 'builtin' },
  ];
  return new Map([
    macro('__dashboard', title, { name: title, uid: o.dashboard?.uid ?? '' }),
    macro('__org', org.id, { id: org.id, name: org.name }),
    macro('__user', user.id, { id: user.id, login: user.login, email: user.email }),
    macro('__timezone', tz),
  ]);
}

/**
 * Built-in values (from builtins.ts) as variables. `$__from`/`$__to` show as a date in `:text`
 * (TimeFromAndToMacro); with both, `$__url_time_range` is `from=…&to=…`, not formatted.
 */
export function builtinVariables(values: Readonly<Record<string, string | number>>): Map<string, ResolvedVariable> {
  const out = new Map<string, ResolvedVariable>();
  for (const [name, value] of Object.entries(values)) {
    const isTime = (name === '__from' || name === '__to') && typeof value === 'number';
    const text = isTime ? new Date(value).toISOString().replace('T', ' ').slice(0, 19) : String(value);
    out.set(name, { name, type: 'builtin', value, text, source: 'builtin' });
  }
  if (values.__from !== undefined && values.__to !== undefined) {
    const range = `from=${values.__from}&to=${values.__to}`;
    out.set('__url_time_range', { name: '__url_time_range', type: 'builtin', value: range, raw: range, text: '', source: 'builtin' });
  }
  return out;
}

/** The dashboard's title, uid and time zone, for the macros. */
export function dashboardIdentity(dash: Node | undefined): MacroOptions {
  return { dashboard: { title: str(prop(dash, 'title')), uid: str(prop(dash, 'uid')) }, timezone: str(prop(dash, 'timezone')) };
}
