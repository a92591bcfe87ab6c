// Finds the `expr:` of every alerting and recording rule in a Prometheus rule file: plain
// `groups:` files, Kubernetes PrometheusRule manifests (spec.groups), lists of them (items[]) and
// multi-document YAML. Every character of the value maps back to its source character.
import './goYamlLeniency'; // go-yaml's leniency in flow collections and quoted scalars
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type YAMLMap } from 'yaml';
import type { EmbeddedExpression } from './types';
import { offsetMapper } from './positionMap';
import { mapYamlScalar } from './yamlScalar';

function get(map: unknown, key: string): unknown {
  return isMap(map) ? map.get(key, true) : undefined;
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** The group lists of one YAML document's root node: groups, spec.groups, and items[].spec.groups. */
export function groupSequences(root: unknown): unknown[] {
  const out: unknown[] = [];
  const visit = (m: unknown): void => {
    if (!isMap(m)) return;
    const groups = get(m, 'groups');
    if (isSeq(groups)) out.push(groups);
    const spec = get(m, 'spec');
    if (isSeq(get(spec, 'groups'))) out.push(get(spec, 'groups'));
    const items = get(m, 'items');
    if (isSeq(items)) items.items.forEach(visit);
  };
  visit(root);
  return out;
}

export function ruleFileExpressions(text: string): EmbeddedExpression[] {
  const out: EmbeddedExpression[] = [];
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { keepSourceTokens: true }) as Document.Parsed[];
  } catch {
    return out;
  }
  if (!Array.isArray(docs)) return out; // an empty stream
  for (const doc of docs) {
    for (const groups of groupSequences(doc.contents)) {
      if (!isSeq(groups)) continue;
      for (const group of groups.items) {
        const groupName = scalarString(get(group, 'name')) ?? '?';
        const rules = get(group, 'rules');
        if (!isSeq(rules)) continue;
        for (const rule of rules.items) {
          const e = ruleExpression(text, rule as YAMLMap, groupName);
          if (e) out.push(e);
        }
      }
    }
  }
  return out;
}

function ruleExpression(text: string, rule: YAMLMap, groupName: string): EmbeddedExpression | null {
  const node = get(rule, 'expr'); // an alias (*a) is skipped: its anchor is reported where written
  if (!isScalar(node)) return null;
  const mapped = mapYamlScalar(text, node);
  if (!mapped) return null;
  const name = scalarString(get(rule, 'alert')) ?? scalarString(get(rule, 'record')) ?? '?';
  return {
    kind: 'rule-expr',
    text: mapped.text,
    source: mapped.text,
    range: mapped.range,
    toFileOffset: offsetMapper(mapped.offsets, mapped.range.end),
    label: `${groupName}/${name}`,
  };
}
