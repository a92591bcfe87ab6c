// Port of Prometheus' rulefmt Validate (RuleGroups.Validate, Rule.Validate, testTemplateParsing):
// the checks of `promtool check rules`, with Prometheus' messages, each on the exact key or value.
import type { PosRange } from '../../promql/ast';
import { goQuote } from '../../promql/goFormatting';
import { parsePromQL } from '../../promql/parse';
import type { ParseOptions } from '../../promql/types';
import { mapRange, offsetMapper } from '../../documents/positionMap';
import { prometheusLineCol } from '../../text/utf8';
import { mapYamlScalar } from '../../documents/yamlScalar';
import type { RuleContext } from './context';
import { deleteEntryFix } from './fixes';
import { goTemplateProblems } from './goTemplate';
import { PROMETHEUS_TEMPLATE_FUNCS } from './templateFuncs';
import type { Finding, GroupModel, KeyValue, RuleDocument, RuleModel, StrField, StringMap } from './model';
import { isValidLabelName, isValidMetricName, isValidUtf8, type NameValidationScheme } from './names';

export interface ValidateOptions {
  scheme: NameValidationScheme;
  parseOptions: ParseOptions;
}

const TEMPLATE_VARS = ['$labels', '$externalLabels', '$externalURL', '$value'];

interface Mapped {
  text: string;
  toFile(r: PosRange): PosRange;
}

/** A string field's text with a map to the file (exact for every YAML scalar style). */
export function mapField(src: string, f: { value: string; node: StrField['node']; valueRange: PosRange }): Mapped {
  const node = f.node;
  if (node?.range && typeof node.value === 'string') {
    // mapYamlScalar's text is then the node's value (it keeps the parser's value when its own
    // decoding disagrees): the offsets, an array per character, are built only when a finding
    // needs a file range, which most fields never do.
    let toOffset: ((o: number) => number) | undefined;
    return {
      text: node.value,
      toFile: (r) => {
        if (!toOffset) {
          const m = mapYamlScalar(src, node)!;
          toOffset = offsetMapper(m.offsets, m.range.end);
        }
        return mapRange(toOffset, r);
      },
    };
  }
  const m = node ? mapYamlScalar(src, node) : null;
  if (!m) {
    const at = f.valueRange;
    return { text: f.value, toFile: () => at };
  }
  const toOffset = offsetMapper(m.offsets, m.range.end);
  return { text: m.text, toFile: (r) => mapRange(toOffset, r) };
}

export function validateDocument(src: string, doc: RuleDocument, opts: ValidateOptions, findings: Finding[]): RuleContext[] {
  const contexts: RuleContext[] = [];
  const seen = new Set<string>();
  // Index loops: this runs mostly interpreted in the CLI, where each for-of step allocates.
  for (let i = 0; i < doc.groups.length; i++) {
    const g = doc.groups[i];
    const name = g.name?.value ?? '';
    const at = g.name?.valueRange ?? firstLine(src, g.range.start);
    // rulefmt names the group's mapping (its first key) in these.
    const upstream = (message: string): string => {
      const { line, col } = prometheusLineCol(src, g.range.start);
      return `${line}:${col}: ${message}`;
    };
    if (name === '') {
      const message = 'Groupname must not be empty';
      findings.push({ ruleId: 'rule/group-name-empty', message, range: g.name?.keyRange ?? at, upstream: upstream(message) });
    }
    if (seen.has(name)) {
      const message = `groupname: "${name}" is repeated in the same file`;
      findings.push({ ruleId: 'rule/group-name-repeated', message, range: at, upstream: upstream(message) });
    }
    seen.add(name);
    checkLabels(g.labels, opts.scheme, findings);
    for (let j = 0; j < g.rules.length; j++) contexts.push(validateRule(src, g, g.rules[j], opts, findings));
  }
  return contexts;
}

/** From `offset` to the end of its line: where a finding about a whole mapping goes. */
function firstLine(src: string, offset: number): PosRange {
  const nl = src.indexOf('\n', offset);
  const end = nl < 0 ? src.length : nl;
  return { start: offset, end: Math.max(offset, src[end - 1] === '\r' ? end - 1 : end) };
}

function checkLabels(labels: StringMap | undefined, scheme: NameValidationScheme, findings: Finding[], upstream?: (message: string) => string): void {
  if (!labels) return;
  for (let i = 0; i < labels.entries.length; i++) {
    const kv = labels.entries[i];
    if (!isValidLabelName(kv.key, scheme) || kv.key === '__name__') {
      const message = `invalid label name: ${kv.key}`;
      findings.push({ ruleId: 'rule/invalid-label-name', message, range: kv.keyRange, ...(upstream ? { upstream: upstream(message) } : {}) });
    }
    if (!isValidUtf8(kv.value)) {
      const message = `invalid label value: ${kv.value}`;
      findings.push({ ruleId: 'rule/invalid-label-value', message, range: kv.valueRange, ...(upstream ? { upstream: upstream(message) } : {}) });
    }
  }
}

/** A YAML node's `line:col` as go-yaml gives it (1-based; the scalar's first character, quote included); 0:0 when absent. */
function nodePosition(src: string, f: { node: StrField['node']; valueRange: PosRange } | undefined): string {
  if (!f) return '0:0';
  const { line, col } = prometheusLineCol(src, f.node?.range?.[0] ?? f.valueRange.start);
  return `${line}:${col}`;
}

function validateRule(src: string, g: GroupModel, r: RuleModel, opts: ValidateOptions, findings: Finding[]): RuleContext {
  const record = r.record?.value ?? '';
  const alert = r.alert?.value ?? '';
  const ruleStart = firstLine(src, r.range.start);
  // rulefmt.Error: the node(s) it names, then the group, the rule's 1-based index and its name.
  const context = `group ${goQuote(g.name?.value ?? '')}, rule ${r.index + 1}, ${goQuote(alert !== '' ? alert : record)}: `;
  const upstream = (message: string, ...nodes: Array<StrField | undefined>): string =>
    nodes.map((n) => `${nodePosition(src, n)}: `).join('') + context + message;
  const add = (ruleId: string, message: string, range: PosRange, up: string): void => {
    findings.push({ ruleId, message, range, upstream: up });
  };
  if (record !== '' && alert !== '') {
    const message = "only one of 'record' and 'alert' must be set";
    add('rule/record-and-alert', message, r.alert!.keyRange, upstream(message, r.record, r.alert));
  }
  if (record === '' && alert === '') {
    const at = r.record?.keyRange ?? r.alert?.keyRange ?? r.expr?.keyRange ?? ruleStart;
    const message = "one of 'record' or 'alert' must be set";
    add('rule/missing-record-or-alert', message, at, upstream(message, r.record));
  }

  const ctx: RuleContext = { fileText: src, group: g, rule: r, exprText: '', ast: null, toFile: () => r.expr?.valueRange ?? ruleStart };
  if (!r.expr || r.expr.value === '') {
    const message = "field 'expr' must be set in rule";
    add('rule/missing-expr', message, r.expr?.keyRange ?? ruleStart, upstream(message, r.expr));
  } else {
    const m = mapField(src, r.expr);
    ctx.exprText = m.text;
    ctx.toFile = m.toFile;
    const res = parsePromQL(m.text, opts.parseOptions);
    for (let i = 0; i < res.errors.length; i++) {
      const e = res.errors[i];
      const message = `could not parse expression: ${goPosition(m.text, e.range.start)}: parse error: ${e.message}`;
      add('rule/promql-invalid', message, m.toFile(e.range), upstream(message, r.expr));
    }
    if (res.errors.length === 0) ctx.ast = res.expr;
  }

  if (record !== '') {
    if (r.annotations && r.annotations.entries.length > 0) {
      const message = "invalid field 'annotations' in recording rule";
      add('rule/recording-rule-field', message, r.annotations.keyRange, upstream(message, r.record));
    }
    recordingRuleField(src, 'for', r.for, findings, (message) => upstream(message, r.record));
    recordingRuleField(src, 'keep_firing_for', r.keepFiringFor, findings, (message) => upstream(message, r.record));
    if (!isValidMetricName(record, opts.scheme)) {
      const message = `invalid recording rule name: ${record}`;
      add('rule/invalid-record-name', message, r.record!.valueRange, upstream(message, r.record));
    }
    if (record.includes('{') || record.includes('}')) {
      const message = `braces present in the recording rule name; should it be in expr?: ${record}`;
      add('rule/invalid-record-name', message, r.record!.valueRange, upstream(message, r.record));
    }
  }

  // Label and annotation errors name no node.
  checkLabels(r.labels, opts.scheme, findings, (message) => upstream(message));
  const annotations = r.annotations?.entries ?? NO_ENTRIES;
  for (let i = 0; i < annotations.length; i++) {
    const kv = annotations[i];
    if (!isValidLabelName(kv.key, opts.scheme)) {
      const message = `invalid annotation name: ${kv.key}`;
      add('rule/invalid-annotation-name', message, kv.keyRange, upstream(message));
    }
  }
  if (alert !== '') {
    const labels = r.labels?.entries ?? NO_ENTRIES;
    for (let i = 0; i < labels.length; i++) checkTemplate(src, 'label', alert, labels[i], findings, upstream);
    for (let i = 0; i < annotations.length; i++) checkTemplate(src, 'annotation', alert, annotations[i], findings, upstream);
  }
  return ctx;
}

const NO_ENTRIES: readonly KeyValue[] = [];

/** `for` or `keep_firing_for` set (and not zero) in a recording rule. */
function recordingRuleField(src: string, name: string, field: RuleModel['for'], findings: Finding[], upstream: (message: string) => string): void {
  if (!field || field.ms === 0 || field.ms === null) return;
  const message = `invalid field '${name}' in recording rule`;
  const f: Finding = { ruleId: 'rule/recording-rule-field', message, range: field.keyRange, upstream: upstream(message) };
  const fixes = deleteEntryFix(src, `Remove '${name}'`, field.keyRange, field.valueRange);
  if (fixes) f.fixes = fixes;
  findings.push(f);
}

/** Go's "line:col" of a PromQL error: 1-based line, 1-based UTF-8 byte column. */
function goPosition(text: string, offset: number): string {
  const { line, col } = prometheusLineCol(text, offset);
  return `${line}:${col}`;
}

function checkTemplate(src: string, what: 'label' | 'annotation', alert: string, kv: KeyValue, findings: Finding[], upstream: (message: string) => string): void {
  if (!kv.value.includes('{{')) return;
  const { error: err, exec } = goTemplateProblems(kv.value, `__alert_${alert}`, { funcs: PROMETHEUS_TEMPLATE_FUNCS, vars: TEMPLATE_VARS });
  if (!err && !exec) return;
  const m = mapField(src, kv);
  if (exec) {
    findings.push({
      ruleId: 'rule/template-exec-error',
      message: `${what} ${JSON.stringify(kv.key)}: fails when Prometheus expands it: template: __alert_${alert}: ${exec.message}`,
      range: m.toFile({ start: exec.start, end: exec.end }),
    });
  }
  if (!err) return;
  // Underline from the token where Go stopped to the end of its action.
  const close = m.text.indexOf('}}', err.offset);
  const end = close < 0 ? m.text.length : close + 2;
  const start = Math.min(err.offset, m.text.length);
  // An error at the very end (unexpected EOF) underlines the whole value instead of nothing.
  const range = start < end && !err.message.endsWith(': unexpected EOF') ? m.toFile({ start, end }) : kv.valueRange;
  const message = `${what} ${JSON.stringify(kv.key)}: ${err.message}`;
  findings.push({ ruleId: 'rule/template-invalid', message, range, upstream: upstream(message) });
}
