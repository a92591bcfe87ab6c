// Completion of Grafana template variables inside dashboard PromQL: after `$`, `${` or `[[` the
// dashboard's own variables (templating.list) and Grafana's global ones. Works on the expression's
// `source` (variables intact); `text` has them replaced by placeholders of the same length, so an
// offset in one is the same offset in the other.
import { parseDashboard, prop, str, templateVariables } from '../documents/dashboardModel';
import type { CompletionCandidate } from './completion';

export type VariableSyntax = '$' | '${' | '[[';

export interface VariableTyping {
  syntax: VariableSyntax;
  /** The name typed so far (after the syntax). */
  prefix: string;
  /** Offsets in the source of what the completion replaces: the syntax, the name and its closer. */
  replace: { start: number; end: number };
}

/** The variable reference being typed at `offset` in `source`, if the cursor is in one. */
export function variableTypingAt(source: string, offset: number): VariableTyping | undefined {
  let start = offset;
  while (start > 0 && /\w/.test(source[start - 1])) start--;
  const prefix = source.slice(start, offset);
  let syntax: VariableSyntax;
  if (source.startsWith('${', start - 2)) syntax = '${';
  else if (source.startsWith('[[', start - 2)) syntax = '[[';
  else if (source[start - 1] === '$') syntax = '$';
  else return undefined;
  let end = offset;
  while (end < source.length && /\w/.test(source[end])) end++;
  // The closer already typed (or inserted by the editor) is replaced too, so it is not doubled.
  const closer = CLOSERS[syntax];
  if (closer && source.startsWith(closer, end)) end += closer.length;
  return { syntax, prefix, replace: { start: start - syntax.length, end } };
}

const CLOSERS: Record<VariableSyntax, string> = { $: '', '${': '}', '[[': ']]' };

/** A template variable of the dashboard, as shown next to its name. */
export interface DashboardVariable {
  name: string;
  type?: string;
  label?: string;
  /** The current value's text, e.g. `All` or `prometheus`. */
  current?: string;
}

/** The variables of templating.list, in order, from the dashboard's JSON text. */
export function dashboardVariablesOf(text: string): DashboardVariable[] {
  const out: DashboardVariable[] = [];
  for (const v of templateVariables(parseDashboard(text).dash)) {
    const name = str(prop(v, 'name'));
    if (!name) continue;
    const current = prop(v, 'current');
    const shown = prop(current, 'text') ?? prop(current, 'value');
    const value = shown?.type === 'array' ? (shown.children ?? []).map((c) => String(c.value)).join(' + ') : shown?.value;
    out.push({ name, type: str(prop(v, 'type')), label: str(prop(v, 'label')), current: value === undefined || value === null ? undefined : String(value) });
  }
  return out;
}

/** Grafana's global variables, with what each one becomes in a PromQL query (our own words). */
export const BUILTIN_VARIABLES: ReadonlyArray<{ name: string; doc: string }> = [
  { name: '__rate_interval', doc: 'A range for `rate()` and friends: the larger of `$__interval` plus one scrape interval and four scrape intervals, so that every window holds at least two samples.' },
  { name: '__rate_interval_ms', doc: '`$__rate_interval` as a number of milliseconds.' },
  { name: '__interval', doc: 'The time between two points of the graph (query range divided by the panel width, at least the minimum interval), as a duration such as `30s`.' },
  { name: '__interval_ms', doc: '`$__interval` as a number of milliseconds.' },
  { name: '__range', doc: 'The length of the dashboard time range as a duration, e.g. `6h`; useful for `*_over_time` over the whole range.' },
  { name: '__range_s', doc: 'The length of the dashboard time range in whole seconds.' },
  { name: '__range_ms', doc: 'The length of the dashboard time range in milliseconds.' },
  { name: '__from', doc: 'Start of the dashboard time range, in milliseconds since the Unix epoch (`${__from:date:seconds}` for seconds).' },
  { name: '__to', doc: 'End of the dashboard time range, in milliseconds since the Unix epoch (`${__to:date:seconds}` for seconds).' },
  { name: '__dashboard', doc: 'The title of the current dashboard.' },
  { name: '__org', doc: 'The current organisation id (`${__org.name}` for its name).' },
  { name: '__timezone', doc: 'The time zone the dashboard is shown in, e.g. `utc` or `browser`.' },
];

/** Candidates replacing the reference being typed: the dashboard's variables first, then Grafana's. */
export function variableCandidates(typing: VariableTyping, defined: readonly DashboardVariable[]): CompletionCandidate[] {
  const write = (name: string): string => `${typing.syntax}${name}${CLOSERS[typing.syntax]}`;
  const own = defined.map((v): CompletionCandidate => ({
    label: write(v.name),
    kind: 'variable',
    detail: [v.type ? `${v.type} variable` : 'variable', v.label && v.label !== v.name ? `"${v.label}"` : '', v.current !== undefined ? `= ${v.current}` : '']
      .filter(Boolean)
      .join(' '),
    sortGroup: 0,
  }));
  const known = new Set(defined.map((v) => v.name));
  const builtins = BUILTIN_VARIABLES.filter((b) => !known.has(b.name)).map(
    (b): CompletionCandidate => ({ label: write(b.name), kind: 'variable', detail: 'Grafana global variable', documentation: b.doc, sortGroup: 1 }),
  );
  return [...own, ...builtins];
}
