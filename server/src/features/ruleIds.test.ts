// Rule ids where users write them: which positions take one, what completion lists, what hover says.
import { strict as assert } from 'node:assert';
import { ruleIdHover, ruleIdItems, ruleIdSpotAt } from './ruleIds';

/** `|` marks the cursor; the answer is the spot's text and whether families are offered. */
function spotAt(fileName: string, marked: string): [string, boolean] | undefined {
  const offset = marked.indexOf('|');
  const text = marked.replace('|', '');
  const s = ruleIdSpotAt(fileName, text, offset);
  return s && [text.slice(s.start, s.end), s.inSettings];
}

describe('rule ids: where one is written', () => {
  const S = '/repo/.monitoring-lint.yml';
  const cases: Array<[string, string, string, [string, boolean] | undefined]> = [
    ['a key under rules:', S, 'rules:\n  rule/rate-w|\n', ['rule/rate-w', true]],
    ['an empty key position under rules:', S, 'rules:\n  rule/rate-window: off\n  |\n', ['', true]],
    ['inside an existing key, before its colon', S, 'rules:\n  rule/ra|te-window: off\n', ['rule/rate-window', true]],
    ['the level, not the key', S, 'rules:\n  rule/rate-window: of|f\n', undefined],
    ['the top-level key itself', S, 'rul|es:\n', undefined],
    ['under another top-level key', S, 'other:\n  x|\n', undefined],
    ['another YAML file', '/repo/rules.yml', 'rules:\n  rule/rate-w|\n', undefined],
    ['a disable comment in a rule file', '/repo/rules.yml', 'groups:\n  # monitoring-lint-disable rule/ra|\n', ['rule/ra', false]],
    ['the second id of a comment', '/repo/x.promql', '# monitoring-lint-disable-next-line rule/a, promql/sy|ntax\nup\n', ['promql/syntax', false]],
    ['the directive itself', '/repo/x.promql', '# monitoring-lint-dis|able rule/a\n', undefined],
    ['a reason after --', '/repo/x.promql', '# monitoring-lint-disable rule/a -- becau|se\n', undefined],
    ['a comment in the settings file', S, '# monitoring-lint-disable-file settings/unk|\nrules:\n', ['settings/unk', false]],
  ];
  for (const [name, file, marked, want] of cases) it(name, () => assert.deepEqual(spotAt(file, marked), want));
});

describe('rule ids: completion and hover', () => {
  const url = (id: string) => `docs#${id}`;
  it('lists every rule, and the families only in the settings file', () => {
    const inComment = ruleIdItems(false, url).map((i) => i.label);
    const inSettings = ruleIdItems(true, url).map((i) => i.label);
    assert.ok(inComment.includes('rule/rate-window') && inComment.includes('dashboard/panel-units') && inComment.includes('settings/unknown-rule'));
    assert.ok(!inComment.some((l) => l.endsWith('/')));
    for (const f of ['config/', 'rule/', 'dashboard/', 'promql/', 'settings/']) assert.ok(inSettings.includes(f), f);
    const rate = ruleIdItems(false, url).find((i) => i.label === 'rule/rate-window')!;
    assert.match(rate.detail, /^warning · rule files$/);
    assert.match(rate.documentation, /\[Documentation\]\(docs#rule\/rate-window\)/);
  });
  it('hover on a known id and a family; nothing on an unknown id', () => {
    const text = 'rules:\n  rule/rate-window: off\n  dashboard/: off\n  rule/nope: off\n';
    const at = (needle: string) => ruleIdSpotAt('.monitoring-lint.yml', text, text.indexOf(needle) + 1)!;
    assert.match(ruleIdHover(text, at('rule/rate-window'), url) ?? '', /^\*\*rule\/rate-window\*\* \(rule files; default severity: warning\)/);
    assert.match(ruleIdHover(text, at('dashboard/'), url) ?? '', /the family of \d+ rules: `dashboard\/invalid-json`/);
    assert.equal(ruleIdHover(text, at('rule/nope'), url), undefined);
  });
});
