// Regex matchers that are not needed: a literal "regex" (use =), ".*" (matches everything,
// even a missing label) and ^...$ anchors (Prometheus anchors every label regex already).
import type { LabelMatcher } from '../../../promql/ast';
import type { QuickFix } from '../../types';
import type { RuleContext } from '../context';
import type { Finding } from '../model';
import { nodesOfType } from './astUtil';
import { ruleDoc, type RuleCheck } from './types';

/** A label value with one of these is a regex, not a literal (Prometheus anchors it either way). */
export const REGEX_META = /[.+*?()|[\]{}^$\\]/;

function problem(m: LabelMatcher): { message: string; literal: boolean } | null {
  if (m.op !== '=~' && m.op !== '!~') return null;
  const eq = m.op === '=~' ? '=' : '!=';
  if (!REGEX_META.test(m.value)) {
    return { message: `${m.name}${m.op}"${m.value}" has no regex metacharacters: use ${m.name}${eq}"${m.value}"`, literal: true };
  }
  if (m.op === '=~' && m.value === '.*' && m.name !== '__name__') {
    return { message: `${m.name}=~".*" matches every value, including a missing label: remove the matcher`, literal: false };
  }
  if (/^\^|(?<!\\)\$$/.test(m.value)) {
    return { message: `${m.name}${m.op}"${m.value}": Prometheus anchors label regexes already, so ^ and $ are redundant`, literal: false };
  }
  return null;
}

/** A quick fix for a literal regex: replace the `=~`/`!~` by `=`/`!=`. */
function literalFix(ctx: RuleContext, m: LabelMatcher): QuickFix[] | undefined {
  if (!m.range) return undefined;
  const src = ctx.exprText.slice(m.range.start, m.range.end);
  const at = src.indexOf(m.op);
  if (at < 0) return undefined;
  const opRange = ctx.toFile({ start: m.range.start + at, end: m.range.start + at + 2 });
  if (opRange.end - opRange.start !== 2) return undefined; // the operator is not written literally
  return [{ title: `Use ${m.op === '=~' ? '=' : '!='}`, edits: [{ range: opRange, newText: m.op === '=~' ? '=' : '!=' }], safe: true }];
}

export const redundantRegex: RuleCheck = {
  doc: ruleDoc(
    'rule/redundant-regex',
    'info',
    'A regex matcher that needs no regex: no metacharacters (use = or !=), =~".*" (matches everything), or ^/$ anchors (Prometheus anchors regexes itself).',
    'groups:\n- name: g\n  rules:\n  - alert: JobDown\n    expr: up{job=~"api"} == 0\n',
    'groups:\n- name: g\n  rules:\n  - alert: JobDown\n    expr: up{job=~"api|web"} == 0\n',
  ),
  check(ctx) {
    if (!ctx.ast) return [];
    const out: Finding[] = [];
    const selectors = nodesOfType(ctx.ast, 'VectorSelector');
    for (let i = 0; i < selectors.length; i++) {
      const v = selectors[i];
      for (let j = 0; j < v.labelMatchers.length; j++) {
        const m = v.labelMatchers[j];
        const p = problem(m);
        if (!p) continue;
        const f: Finding = { ruleId: 'rule/redundant-regex', message: p.message, range: ctx.toFile(m.range ?? v.range) };
        const fixes = p.literal ? literalFix(ctx, m) : undefined;
        if (fixes) f.fixes = fixes;
        out.push(f);
      }
    }
    return out;
  },
};

export const impossibleMatcher: RuleCheck = {
  doc: ruleDoc(
    'rule/impossible-matcher',
    'warning',
    'A matcher no series can satisfy, such as label!~".*" (".*" also matches the empty value of a missing label): the selector always returns nothing.',
    'groups:\n- name: g\n  rules:\n  - alert: JobDown\n    expr: up{job!~".*"} == 0\n',
    'groups:\n- name: g\n  rules:\n  - alert: JobDown\n    expr: up{job!~"test.*"} == 0\n',
  ),
  check(ctx) {
    if (!ctx.ast) return [];
    const out: Finding[] = [];
    const selectors = nodesOfType(ctx.ast, 'VectorSelector');
    for (let i = 0; i < selectors.length; i++) {
      const v = selectors[i];
      for (let j = 0; j < v.labelMatchers.length; j++) {
        const m = v.labelMatchers[j];
        if (m.op !== '!~' || m.value !== '.*') continue;
        out.push({
          ruleId: 'rule/impossible-matcher',
          message: `${m.name}!~".*" excludes every value, even a missing label: this selector never returns anything`,
          range: ctx.toFile(m.range ?? v.range),
        });
      }
    }
    return out;
  },
};
