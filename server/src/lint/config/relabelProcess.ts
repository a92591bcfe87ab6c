// Target relabeling as Prometheus' model/relabel Process applies it: one label set through a list
// of relabel rules, with RE2 regexes anchored as NewRegexp anchors them (`^(?s:...)$`) and
// replacements expanded as Go's Regexp.Expand expands them. The config checker runs it over
// static targets, as `promtool check config` does.
import type { Matcher, RE2JS } from 're2js';
import { compileGoRegexp } from '../../promql/goRegexp';

/** One relabel rule, with Prometheus' defaults filled in. */
export interface RelabelRule {
  action: string;
  sourceLabels: string[];
  separator: string;
  /** undefined: not written, so the default `(.*)` (the replace action's fast path applies). */
  regex?: string;
  modulus: number;
  targetLabel: string;
  replacement: string;
}

export const DEFAULT_REGEX = '(.*)';

/** A compiled rule; compile() throws on a regex RE2 refuses. */
export interface CompiledRule extends RelabelRule {
  re: RE2JS;
}

export function compileRule(rule: RelabelRule): CompiledRule {
  return { ...rule, re: compileGoRegexp(`^(?s:${rule.regex ?? DEFAULT_REGEX})$`) };
}

/** Labels by name; a label set to '' does not exist (labels.Builder semantics). */
export type LabelSet = Map<string, string>;

function set(lb: LabelSet, name: string, value: string): void {
  if (value === '') lb.delete(name);
  else lb.set(name, value);
}

/** Applies the rules in order; false when a rule drops the target. */
export function relabel(lb: LabelSet, rules: readonly CompiledRule[]): boolean {
  return droppedBy(lb, rules) < 0;
}

/** Applies the rules in order; the index of the rule that drops the target, or -1. */
export function droppedBy(lb: LabelSet, rules: readonly CompiledRule[]): number {
  for (let i = 0; i < rules.length; i++) if (!relabelOne(lb, rules[i])) return i;
  return -1;
}

function relabelOne(lb: LabelSet, rule: CompiledRule): boolean {
  const val = rule.sourceLabels.map((n) => lb.get(n) ?? '').join(rule.separator);
  switch (rule.action) {
    case 'drop':
      return !rule.re.matches(val);
    case 'keep':
      return rule.re.matches(val);
    case 'dropequal':
      return (lb.get(rule.targetLabel) ?? '') !== val;
    case 'keepequal':
      return (lb.get(rule.targetLabel) ?? '') === val;
    case 'replace': {
      // Prometheus' fast path: nothing to match, nothing to expand.
      if (val === '' && rule.regex === undefined && !rule.targetLabel.includes('$') && !rule.replacement.includes('$')) {
        set(lb, rule.targetLabel, rule.replacement);
        return true;
      }
      const m = rule.re.matcher(val);
      if (!m.find()) return true;
      const target = expand(rule.targetLabel, m, rule.re);
      // model.LabelName.IsValid under UTF-8 validation (Prometheus 3): any non-empty name.
      if (target === '') return true;
      set(lb, target, expand(rule.replacement, m, rule.re));
      return true;
    }
    case 'lowercase':
      set(lb, rule.targetLabel, val.toLowerCase());
      return true;
    case 'uppercase':
      set(lb, rule.targetLabel, val.toUpperCase());
      return true;
    case 'hashmod': {
      // Loaded here: only hashmod needs it, and loading node:crypto costs every check process ~4 ms.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createHash } = require('node:crypto') as typeof import('node:crypto');
      const hash = createHash('md5').update(val, 'utf8').digest();
      set(lb, rule.targetLabel, String(hash.readBigUInt64BE(8) % BigInt(rule.modulus)));
      return true;
    }
    case 'labelmap':
      for (const [name, value] of [...lb]) {
        const m = rule.re.matcher(name);
        if (m.find()) {
          const res = expand(rule.replacement, m, rule.re);
          if (res !== '') lb.set(res, value);
        }
      }
      return true;
    case 'labeldrop':
      for (const name of [...lb.keys()]) if (rule.re.matches(name)) lb.delete(name);
      return true;
    case 'labelkeep':
      for (const name of [...lb.keys()]) if (!rule.re.matches(name)) lb.delete(name);
      return true;
    default:
      throw new Error(`relabel: unknown relabel action type ${JSON.stringify(rule.action)}`);
  }
}

const isNameChar = (c: string): boolean => /[\p{L}\p{Nd}_]/u.test(c);

/**
 * Go's Regexp.Expand: `$name` / `${name}` is the named or numbered group (empty when absent or
 * unmatched; the longest run of letters, digits and `_` is the name, so `$1x` is group "1x"),
 * `$$` is `$`, and a `$` starting no reference is kept as it is.
 */
export function expand(template: string, m: Matcher, re: RE2JS): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const at = template.indexOf('$', i);
    if (at < 0) break;
    out += template.slice(i, at);
    i = at + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    const brace = template[i] === '{';
    let j = brace ? i + 1 : i;
    const nameStart = j;
    while (j < template.length && isNameChar(template[j])) j++;
    const name = template.slice(nameStart, j);
    if (name === '' || (brace && template[j] !== '}')) {
      out += '$'; // malformed: the `$` is raw text
      continue;
    }
    i = brace ? j + 1 : j;
    out += groupValue(name, m, re);
  }
  return out + template.slice(i);
}

function groupValue(name: string, m: Matcher, re: RE2JS): string {
  let num = /^[0-9]+$/.test(name) && !(name.length > 1 && name[0] === '0') ? Number(name) : -1;
  if (num >= 1e8) num = -1;
  if (num >= 0) return num <= m.groupCount() ? (m.group(num) ?? '') : '';
  const index = re.namedGroups()[name];
  return index === undefined ? '' : (m.group(index) ?? '');
}
