import * as assert from 'node:assert/strict';
import { completePromQL, staticSource, type CompletionSource } from './completion';
import { catalogueDocumentation, CompletionDocs, isItemKey, itemKey } from './completionDocs';
import { FUNCTIONS } from '../promql/functions';

const complete = async (marked: string, sources: CompletionSource[] = [staticSource]) => {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return (await completePromQL(text, offset, { enableExperimentalFunctions: true }, sources)).candidates;
};

describe('completion documentation on resolve', () => {
  // Every place the static source documents something: the catalogue must give the same text.
  for (const marked of ['sum(|)', 'up |', 'sum(up) |', 'up == |', 'up{job |}', 'up @ |']) {
    it(`gives the static source's documentation back for ${marked}`, async () => {
      const candidates = await complete(marked);
      const docs = new CompletionDocs();
      docs.remember(candidates);
      const fresh = new CompletionDocs(); // nothing remembered: the catalogue alone
      let documented = 0;
      for (const c of candidates) {
        assert.equal(docs.documentationFor(itemKey(c)), c.documentation, `${c.kind} ${c.label}`);
        if (c.kind !== 'operator' || !marked.includes('{')) {
          assert.equal(fresh.documentationFor(itemKey(c)), c.documentation, `${c.kind} ${c.label} from the catalogue`);
        }
        if (c.documentation) documented++;
      }
      assert.ok(documented > 0, 'no documented candidate');
    });
  }

  it('keeps documentation from other sources (e.g. recording rules) until the next completion', async () => {
    const rules: CompletionSource = {
      name: 'rules',
      candidates: () => [{ label: 'job:up:sum', kind: 'metric', documentation: 'Recorded in `a.yaml`' }],
    };
    const docs = new CompletionDocs();
    docs.remember(await complete('sum(|)', [staticSource, rules]));
    assert.equal(docs.documentationFor({ k: 'metric', l: 'job:up:sum' }), 'Recorded in `a.yaml`');
    docs.remember(await complete('sum(|)'));
    assert.equal(docs.documentationFor({ k: 'metric', l: 'job:up:sum' }), undefined);
  });

  it('finds a function\'s catalogue description by its key', () => {
    assert.equal(catalogueDocumentation('function', 'rate'), FUNCTIONS.get('rate')?.description);
    assert.ok(catalogueDocumentation('function', 'rate'));
    assert.equal(catalogueDocumentation('function', 'no_such_function'), undefined);
    assert.equal(catalogueDocumentation('metric', 'rate'), undefined);
  });

  it('finds documentation from an item\'s label and the kinds its LSP kind may stand for (lists without keys)', () => {
    const docs = new CompletionDocs();
    docs.remember([
      { label: 'job:up:sum', kind: 'metric', documentation: 'a recording rule' },
      { label: '$__range', kind: 'variable', documentation: 'a Grafana variable' },
    ]);
    const cases: Array<[string, Array<'metric' | 'variable' | 'function'>, string | undefined]> = [
      ['job:up:sum', ['metric', 'variable'], 'a recording rule'],
      ['$__range', ['metric', 'variable'], 'a Grafana variable'],
      ['$__range', ['metric'], undefined],
      ['rate', ['function'], FUNCTIONS.get('rate')?.description],
      ['rate', ['metric', 'variable'], undefined],
    ];
    for (const [label, kinds, expected] of cases) assert.equal(docs.documentationByLabel(label, kinds), expected, `${label} as ${kinds}`);
  });

  it('recognises only well-formed keys', () => {
    assert.ok(isItemKey({ k: 'function', l: 'rate' }));
    for (const bad of [null, undefined, 'rate', {}, { k: 'function' }, { k: 1, l: 'rate' }]) assert.ok(!isItemKey(bad), JSON.stringify(bad));
  });
});
