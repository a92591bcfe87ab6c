import * as assert from 'node:assert/strict';
import { FUNCTIONS } from '../promql/functions';
import { functionSignature, signatureHelpAt } from './signatureHelp';

function help(marked: string) {
  const offset = marked.indexOf('|');
  return signatureHelpAt(marked.slice(0, offset) + marked.slice(offset + 1), offset);
}

describe('signatureHelpAt', () => {
  const cases: Array<[string, string | undefined, number | undefined]> = [
    ['rate(|', 'rate', 0],
    ['histogram_quantile(0.9, |)', 'histogram_quantile', 1],
    ['histogram_quantile(0.9, sum by (le) (rate(x[5m])), |)', 'histogram_quantile', 1],
    ['label_replace(up, "a", "b", "c", |', 'label_replace', 4],
    ['clamp(rate(x[5m]|), 0, 1)', 'rate', 0],
    ['clamp(rate(x[5m]), 0, |1)', 'clamp', 2],
    ['sum by (job|) (x)', undefined, undefined],
    ['topk(5, |', 'topk', 1],
    ['count_values(|', 'count_values', 0],
    ['sum(|', undefined, undefined],
    ['(|', undefined, undefined],
    ['up{job="a", |}', undefined, undefined],
  ];
  for (const [text, name, active] of cases) {
    it(JSON.stringify(text), () => {
      const h = help(text);
      assert.equal(h?.signature.label.split('(')[0], name);
      assert.equal(h?.activeParameter, active);
    });
  }

  it('labels parameters with the catalogue\'s names and Prometheus\' type words', () => {
    const sig = functionSignature(FUNCTIONS.get('histogram_quantile')!);
    const [q, b] = FUNCTIONS.get('histogram_quantile')!.params;
    assert.equal(sig.label, `histogram_quantile(${q} scalar, ${b} instant vector) instant vector`);
    assert.deepEqual(sig.parameters.map((p) => p.label), [`${q} scalar`, `${b} instant vector`]);
  });

  it('marks optional and repeated parameters', () => {
    assert.match(functionSignature(FUNCTIONS.get('round')!).label, /^round\(\S+ instant vector, \S+\? scalar\)/);
    assert.match(functionSignature(FUNCTIONS.get('label_join')!).label, /string\.\.\.\) instant vector$/);
  });

  it('gives every catalogue function as many parameters as argument types', () => {
    for (const f of FUNCTIONS.values()) assert.equal(functionSignature(f).parameters.length, f.argTypes.length, f.name);
  });
});
