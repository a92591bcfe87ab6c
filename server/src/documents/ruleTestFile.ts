// Finds the PromQL of a `promtool test rules` file: the `expr:` of every promql_expr_test, as the
// editor's diagnostics, completion, hover and formatting see them. Every character of the value
// maps back to its source character.
import './goYamlLeniency';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { offsetMapper } from './positionMap';
import type { EmbeddedExpression } from './types';
import { mapYamlScalar } from './yamlScalar';

const get = (map: unknown, key: string): unknown => (isMap(map) ? map.get(key, true) : undefined);

export function ruleTestExpressions(text: string): EmbeddedExpression[] {
  const out: EmbeddedExpression[] = [];
  let doc;
  try {
    doc = parseDocument(text, { keepSourceTokens: true });
  } catch {
    return out;
  }
  const tests = get(doc.contents, 'tests');
  if (!isSeq(tests)) return out;
  tests.items.forEach((group, g) => {
    const name = get(group, 'name');
    const groupLabel = isScalar(name) && typeof name.value === 'string' && name.value ? name.value : `tests[${g}]`;
    const cases = get(group, 'promql_expr_test');
    if (!isSeq(cases)) return;
    cases.items.forEach((c, i) => {
      const node = get(c, 'expr');
      if (!isScalar(node)) return;
      const mapped = mapYamlScalar(text, node);
      if (!mapped) return;
      out.push({
        kind: 'rule-test-expr',
        text: mapped.text,
        source: mapped.text,
        range: mapped.range,
        toFileOffset: offsetMapper(mapped.offsets, mapped.range.end),
        label: `${groupLabel}/promql_expr_test[${i}]`,
      });
    });
  });
  return out;
}
