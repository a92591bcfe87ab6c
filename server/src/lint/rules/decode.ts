// Decodes rule-file YAML the way Prometheus does (yaml.v3, strict: unknown fields are errors) into
// the model, keeping ranges. Plain rule files: only the first document counts, as in Prometheus.
// Kubernetes PrometheusRule manifests: every PrometheusRule document, groups under `spec`.
import { isMap, isScalar, isSeq, visit, type Document, type Node, type Scalar } from 'yaml';
import { goYamlDecodedPart, ignoredTailFinding } from '../../documents/goYamlDocumentEnd';
import { isFastDocument, parseYamlDocuments } from '../../documents/yamlFast';
import { yamlSyntaxFindings } from '../../documents/yamlSyntaxErrors';
import type { PosRange } from '../../promql/ast';
import { prometheusLineCol } from '../../text/utf8';
import { parseGoDuration } from './duration';
import { renameKeyFix } from './fixes';
import type { DurationField, Finding, GroupModel, RuleDocument, RuleModel, StrField, StringMap } from './model';
import { fitsGoInt, resolveGoYamlNumber } from '../config/goYamlNumber';
import { cannotUnmarshal, goTag, mapEntries, rangeOf, resolve, scalarString, type Entry, type YNode } from './yamlNodes';

export const GROUP_FIELDS = ['name', 'interval', 'query_offset', 'limit', 'rules', 'labels'];
export const RULE_FIELDS = ['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];
// Thanos' rule groups (accepted by prometheus-operator) add this one.
export const CRD_GROUP_FIELDS = [...GROUP_FIELDS, 'partial_response_strategy'];

export interface Decoded {
  documents: RuleDocument[];
  findings: Finding[];
}

export function decodeRuleFile(text: string): Decoded {
  const findings: Finding[] = [];
  const documents: RuleDocument[] = [];
  const { parsed: docs, ignored } = goYamlDecodedPart(
    text,
    (t) => parseYamlDocuments(t, { merge: true, uniqueKeys: true, prettyErrors: false, keepSourceTokens: true }),
    (d) => (Array.isArray(d) && d.length > 0 ? d[0].errors.map((e) => e.pos[0]) : []),
  );
  if (ignored) findings.push({ ruleId: 'rule/multiple-documents', ...ignoredTailFinding(text, ignored) });
  const list: Document[] = Array.isArray(docs) ? docs : [];
  let plainSeen = false;
  for (const [i, doc] of list.entries()) {
    if (plainSeen) {
      // Prometheus stops reading after the first document: later ones are ignored, errors and all.
      const at = doc.range ?? [0, 0];
      if (doc.contents !== null || doc.errors.length > 0) {
        findings.push({
          ruleId: 'rule/multiple-documents',
          message: 'Multiple document yaml rules files are not supported: Prometheus only loads the first document',
          range: { start: at[0], end: Math.min(text.length, Math.max(at[0], text.indexOf('\n', at[0]) < 0 ? text.length : text.indexOf('\n', at[0]))) },
        });
      }
      continue;
    }
    const clamp = (n: number): number => Math.max(0, Math.min(n, text.length));
    for (const e of doc.errors) {
      if (e.code !== 'DUPLICATE_KEY') continue;
      // yaml.v3's wording ("line 7: mapping key "for" already defined at line 6"); underline the whole repeated key.
      const start = clamp(e.pos[0]);
      const written = /^[^\s:]+/.exec(text.slice(start))?.[0] ?? '';
      const first = firstKeyBefore(doc.contents, start);
      const where = first === undefined ? '' : ` at line ${prometheusLineCol(text, first.offset).line}`;
      // The key's value, not its spelling: 'expr' and "expr" are the key expr.
      const key = first?.key ?? written;
      findings.push({ ruleId: 'rule/yaml-syntax', message: `mapping key ${JSON.stringify(key)} already defined${where}`, range: { start, end: start + written.length } });
    }
    // go-yaml's words for the document rulefmt reads; a Kubernetes bundle's later objects keep the package's.
    const syntax = yamlSyntaxFindings(text, doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY'), i === 0 ? 'v3' : undefined);
    for (const f of syntax) {
      findings.push({ ruleId: 'rule/yaml-syntax', message: f.message, range: { start: clamp(f.range[0]), end: clamp(f.range[1]) } });
    }
    if (syntax.length > 0 || doc.errors.length > 0 || (!isFastDocument(doc) && !aliasesResolve(doc, findings))) continue;
    const root = resolve(doc, doc.contents);
    const kind = k8sKind(doc, root);
    if (kind !== null) {
      // A PrometheusRule, or a List of objects (kubectl get -o yaml) that may hold some.
      const objects = kind === 'List' ? listItems(doc, root) : [root!];
      for (const o of objects) {
        if (k8sKind(doc, o) !== 'PrometheusRule') continue; // another Kubernetes object in a bundle
        const spec = mapEntries(doc, o).find((e) => e.key === 'spec');
        documents.push(decodeGroups(doc, spec?.value ?? null, findings, true, rangeOf(o, { start: 0, end: 0 })));
      }
      continue;
    }
    if (root == null || (isScalar(root) && root.value === null)) continue; // empty document
    plainSeen = true;
    documents.push(decodeGroups(doc, root, findings, false, rangeOf(root, { start: 0, end: 0 })));
  }
  return { documents, findings };
}

/** yaml.v3 rejects an alias to an anchor it has not seen; the `yaml` package leaves it undefined. */
function aliasesResolve(doc: Document, findings: Finding[]): boolean {
  let ok = true;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) === undefined) {
        ok = false;
        const r = node.range ?? [0, 0, 0];
        findings.push({ ruleId: 'rule/yaml-syntax', message: `yaml: unknown anchor '${node.source}' referenced`, range: { start: r[0], end: r[1] } });
      }
    },
  });
  return ok;
}

function listItems(doc: Document, root: YNode): Node[] {
  const items = root ? mapEntries(doc, root).find((e) => e.key === 'items')?.value : null;
  return isSeq(items) ? items.items.map((i) => resolve(doc, i)).filter((i): i is Node => i != null) : [];
}

function k8sKind(doc: Document, root: YNode): string | null {
  if (!root || !isMap(root)) return null;
  const entries = mapEntries(doc, root);
  const kind = entries.find((e) => e.key === 'kind');
  if (!kind || !entries.some((e) => e.key === 'apiVersion')) return null;
  return isScalar(kind.value) ? String(kind.value.value) : '';
}

class Decoder {
  constructor(readonly doc: Document, readonly findings: Finding[]) {}

  typeError(n: YNode, into: string, fallback: PosRange): void {
    this.findings.push({ ruleId: 'rule/invalid-type', message: cannotUnmarshal(n, into), range: rangeOf(n, fallback) });
  }

  /** The entries of a mapping; unknown keys are reported like yaml.v3's KnownFields. */
  fields(n: YNode, known: string[], type: string, fallback: PosRange): Entry[] | null {
    if (n == null || (isScalar(n) && n.value === null)) return null;
    if (!isMap(n)) {
      this.typeError(n, type, fallback);
      return null;
    }
    const entries = mapEntries(this.doc, n);
    let unknown = 0;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (!known.includes(e.key)) {
        unknown++;
        const f: Finding = { ruleId: 'rule/unknown-field', message: `field ${e.key} not found in type ${type}`, range: e.keyRange };
        const fixes = renameKeyFix(e.key, e.keyRange, known);
        if (fixes) f.fixes = fixes;
        this.findings.push(f);
      }
    }
    // mapEntries' list is this call's own: without unknown keys it needs no filtered copy.
    return unknown === 0 ? entries : entries.filter((e) => known.includes(e.key));
  }

  str(e: Entry): StrField | undefined {
    const v = e.value;
    const valueRange = rangeOf(e.written, e.keyRange);
    if (v == null) return { value: '', node: null, keyRange: e.keyRange, valueRange };
    if (!isScalar(v)) {
      this.typeError(v, 'string', e.keyRange);
      return undefined;
    }
    return { value: scalarString(v), node: v.value === null ? null : (v as Scalar), keyRange: e.keyRange, valueRange };
  }

  duration(e: Entry): DurationField | undefined {
    const s = this.str(e);
    if (!s) return undefined;
    if (s.node === null) return { ...s, ms: 0 }; // yaml.v3 skips the unmarshaler for null
    const r = parseGoDuration(s.value);
    if (r.error !== undefined) {
      this.findings.push({ ruleId: 'rule/invalid-duration', message: r.error, range: s.valueRange });
      return { ...s, ms: null };
    }
    return { ...s, ms: r.ms };
  }

  stringMap(e: Entry): StringMap | undefined {
    const v = e.value;
    if (v == null || (isScalar(v) && v.value === null)) return { keyRange: e.keyRange, entries: [] };
    if (!isMap(v)) {
      this.typeError(v, 'map[string]string', e.keyRange);
      return undefined;
    }
    const out: StringMap = { keyRange: e.keyRange, entries: [] };
    const kvs = mapEntries(this.doc, v);
    for (let i = 0; i < kvs.length; i++) {
      const kv = kvs[i];
      if (kv.keyNode && !isScalar(kv.keyNode)) {
        this.typeError(kv.keyNode, 'string', kv.keyRange);
        continue;
      }
      const s = this.str(kv);
      if (!s) continue;
      out.entries.push({ key: kv.key, keyRange: kv.keyRange, value: s.value, node: s.node, valueRange: s.valueRange });
    }
    return out;
  }

  seq(e: Entry, into: string): Node[] {
    const v = e.value;
    if (v == null || (isScalar(v) && v.value === null)) return [];
    if (!isSeq(v)) {
      this.typeError(v, into, e.keyRange);
      return [];
    }
    // yaml.v3 drops a null item (`-` alone, `~`) from a slice of structs or strings.
    return v.items.map((i) => resolve(this.doc, i)).filter((i): i is Node => i != null && !(isScalar(i) && i.value === null));
  }
}

function decodeGroups(doc: Document, root: YNode, findings: Finding[], crd: boolean, docRange: PosRange): RuleDocument {
  const d = new Decoder(doc, findings);
  const out: RuleDocument = { doc, isPrometheusRule: crd, groups: [] };
  const top = d.fields(root, ['groups'], crd ? 'PrometheusRuleSpec' : 'rulefmt.RuleGroups', docRange);
  const groupsEntry = top?.find((e) => e.key === 'groups');
  if (!groupsEntry) return out;
  for (const g of d.seq(groupsEntry, '[]rulefmt.RuleGroup')) out.groups.push(decodeGroup(d, g, crd));
  return out;
}

function decodeGroup(d: Decoder, node: Node, crd: boolean): GroupModel {
  const range = rangeOf(node, { start: 0, end: 0 });
  const group: GroupModel = { range, rules: [] };
  const entries = d.fields(node, crd ? CRD_GROUP_FIELDS : GROUP_FIELDS, 'rulefmt.RuleGroup', range) ?? [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    switch (e.key) {
      case 'name':
        group.name = d.str(e);
        break;
      case 'interval':
        group.interval = d.duration(e);
        break;
      case 'query_offset':
        group.queryOffset = d.duration(e);
        break;
      case 'limit': {
        const v = e.value;
        if (v == null || (isScalar(v) && v.value === null)) break;
        // yaml.v3 decodes an !!int that fits, and truncates an !!float up to MaxInt64 (1.5 is 1, -.inf too).
        const r = resolveGoYamlNumber(v);
        if (r && 'error' in r) {
          d.findings.push({ ruleId: 'rule/invalid-type', message: r.error, range: rangeOf(v, e.keyRange) });
          break;
        }
        const fits = r !== undefined && (r.tag === '!!int' ? fitsGoInt(r.int, 'int64') : r.value <= 2 ** 63);
        if (fits) group.limit = { value: Math.trunc(r.value), keyRange: e.keyRange, valueRange: rangeOf(v, e.keyRange) };
        else d.typeError(v, 'int', e.keyRange);
        break;
      }
      case 'labels':
        group.labels = d.stringMap(e);
        break;
      case 'rules': {
        const rules = d.seq(e, '[]rulefmt.Rule');
        for (let j = 0; j < rules.length; j++) group.rules.push(decodeRule(d, rules[j], j));
        break;
      }
    }
  }
  return group;
}

function decodeRule(d: Decoder, node: Node, index: number): RuleModel {
  const range = rangeOf(node, { start: 0, end: 0 });
  const rule: RuleModel = { index, range };
  const entries = d.fields(node, RULE_FIELDS, 'rulefmt.Rule', range) ?? [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    switch (e.key) {
      case 'record':
        rule.record = d.str(e);
        break;
      case 'alert':
        rule.alert = d.str(e);
        break;
      case 'expr':
        rule.expr = d.str(e);
        break;
      case 'for':
        rule.for = d.duration(e);
        break;
      case 'keep_firing_for':
        rule.keepFiringFor = d.duration(e);
        break;
      case 'labels':
        rule.labels = d.stringMap(e);
        break;
      case 'annotations':
        rule.annotations = d.stringMap(e);
        break;
    }
  }
  return rule;
}

/** The first key of the mapping holding the key at `at` that has the same value: its offset and value. */
function firstKeyBefore(root: unknown, at: number): { offset: number; key: string } | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isMap(n)) {
      const pairs = n.items;
      const dup = pairs.find((p) => isScalar(p.key) && p.key.range?.[0] === at);
      if (dup && isScalar(dup.key)) {
        const value = dup.key.value;
        const first = pairs.find((p) => isScalar(p.key) && p.key.value === value);
        const offset = isScalar(first?.key) ? first.key.range?.[0] : undefined;
        return offset === undefined ? undefined : { offset, key: String(value) };
      }
      for (const p of pairs) stack.push(p.value);
    } else if (isSeq(n)) {
      for (const item of n.items) stack.push(item);
    }
  }
  return undefined;
}
