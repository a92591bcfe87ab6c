// Recording rules across the workspace: which `record:` names exist, where they are defined and
// where PromQL uses them. Pure code: the server hands in file texts (open documents and files
// found on disk) and asks by name; this module never touches the file system or LSP.
import '../documents/goYamlLeniency'; // go-yaml's leniency in flow collections and quoted scalars
import { isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { walk, type PosRange } from '../promql/ast';
import { parsePromQL } from '../promql/parse';
import type { ParseOptions } from '../promql/types';
import { groupSequences } from '../documents/ruleFile';
import { mapYamlScalar } from '../documents/yamlScalar';
import type { CompletionCandidate, CompletionSource } from './completion';

export interface RecordingRule {
  /** The `record:` value, i.e. the metric name the rule produces. */
  name: string;
  /** The file's URI (or whatever key the caller indexes files by). */
  uri: string;
  /** File offsets of the name's characters (quotes excluded). */
  nameRange: PosRange;
  /** The rule's PromQL, unescaped. */
  expr: string;
  group: string;
}

function get(map: unknown, key: string): unknown {
  return isMap(map) ? map.get(key, true) : undefined;
}

/** Every recording rule defined in one YAML text; none when it is not a rule file or not YAML. */
export function recordingRulesIn(uri: string, text: string): RecordingRule[] {
  const out: RecordingRule[] = [];
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { keepSourceTokens: true }) as Document.Parsed[];
  } catch {
    return out;
  }
  if (!Array.isArray(docs)) return out;
  for (const doc of docs) {
    for (const groups of groupSequences(doc.contents)) {
      if (!isSeq(groups)) continue;
      for (const group of groups.items) {
        const groupNode = get(group, 'name');
        const groupName = isScalar(groupNode) ? String(groupNode.value) : '?';
        const rules = get(group, 'rules');
        if (!isSeq(rules)) continue;
        for (const rule of rules.items) {
          const record = get(rule, 'record');
          if (!isScalar(record)) continue;
          const name = mapYamlScalar(text, record);
          if (!name || name.text === '') continue;
          const exprNode = get(rule, 'expr');
          const expr = isScalar(exprNode) ? mapYamlScalar(text, exprNode)?.text ?? '' : '';
          out.push({ name: name.text, uri, nameRange: name.range, expr, group: groupName });
        }
      }
    }
  }
  return out;
}

/** Recording rules per file, looked up by name. A file's entry is replaced as a whole. */
export class RecordingRuleIndex {
  private readonly byFile = new Map<string, RecordingRule[]>();
  private byName: Map<string, RecordingRule[]> | undefined;

  /** Indexes (or re-indexes) one file from its text. */
  update(uri: string, text: string): void {
    this.set(uri, recordingRulesIn(uri, text));
  }

  set(uri: string, rules: RecordingRule[]): void {
    if (rules.length === 0 && !this.byFile.has(uri)) return;
    if (rules.length === 0) this.byFile.delete(uri);
    else this.byFile.set(uri, rules);
    this.byName = undefined;
  }

  remove(uri: string): void {
    if (this.byFile.delete(uri)) this.byName = undefined;
  }

  /** Definitions of `name` (several when the same name is recorded in several places). */
  lookup(name: string): readonly RecordingRule[] {
    return this.names().get(name) ?? [];
  }

  /** Every file the index holds rules for. */
  files(): string[] {
    return [...this.byFile.keys()];
  }

  names(): ReadonlyMap<string, RecordingRule[]> {
    if (!this.byName) {
      this.byName = new Map();
      for (const rules of this.byFile.values()) {
        for (const r of rules) this.byName.set(r.name, [...(this.byName.get(r.name) ?? []), r]);
      }
    }
    return this.byName;
  }
}

export interface MetricNameUse {
  name: string;
  /** Offsets in the expression text of the name as written. */
  range: PosRange;
}

/**
 * Metric names written as selector names in one expression (`foo` in `rate(foo[5m])`), with their
 * ranges, from the parser's tree: labels, functions and keywords spelled alike are not uses.
 * `{__name__="foo"}` is not counted: there is no name token to jump to or rename.
 */
export function metricNameUses(text: string, options: ParseOptions = {}): MetricNameUse[] {
  const out: MetricNameUse[] = [];
  let expr;
  try {
    expr = parsePromQL(text, options).expr; // partial trees still hold the selectors before an error
  } catch {
    return out;
  }
  if (!expr) return out;
  walk(expr, (node) => {
    if (node.type !== 'VectorSelector' || !node.name) return;
    const start = node.range.start;
    if (text.startsWith(node.name, start)) out.push({ name: node.name, range: { start, end: start + node.name.length } });
  });
  return out;
}

/** The selector name under `offset` (its end included, for a cursor right after the name). */
export function metricNameAt(text: string, offset: number, options: ParseOptions = {}): MetricNameUse | undefined {
  return metricNameUses(text, options).find((u) => u.range.start <= offset && offset <= u.range.end);
}

/** Markdown for a recording rule: what it computes, where it is defined. */
export function recordingRuleDoc(rules: readonly RecordingRule[], fileLabel: (uri: string) => string = (u) => u): string {
  return rules
    .map((r) => `**${r.name}**: recording rule of group \`${r.group}\` in \`${fileLabel(r.uri)}\`\n\n\`\`\`promql\n${r.expr.trimEnd()}\n\`\`\``)
    .join('\n\n---\n\n');
}

/** Completion source: the recording rule names of the index, where a metric name fits. */
export function recordingRuleSource(index: RecordingRuleIndex, fileLabel: (uri: string) => string = (u) => u): CompletionSource {
  return {
    name: 'recording-rules',
    candidates({ context, prefix }) {
      if (context.kind !== 'expression') return [];
      const out: CompletionCandidate[] = [];
      for (const [name, rules] of index.names()) {
        if (name === prefix) continue; // the word being typed is not a suggestion of itself
        out.push({
          label: name,
          kind: 'metric',
          detail: `recording rule (${rules[0].group})`,
          documentation: recordingRuleDoc(rules, fileLabel),
          sortGroup: 2,
        });
      }
      return out;
    },
  };
}
