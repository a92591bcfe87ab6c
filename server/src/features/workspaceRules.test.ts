import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceRules } from './workspaceRules';

const DEFS = 'groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: sum(x)\n';
const USES = 'groups:\n  - name: u\n    rules:\n      - alert: A\n        expr: a:b:c > 1 and rate(a:b:cd[5m]) > 0 or a:b:c\n';

describe('WorkspaceRules', () => {
  let root = '';
  const open = new Map<string, { text: string; languageId: string }>();
  const rules = new WorkspaceRules({
    textOf: (u) => open.get(u)?.text,
    uris: () => [...open.keys()],
    languageOf: (u) => open.get(u)?.languageId,
  });
  const uri = (rel: string) => pathToFileURL(path.join(root, rel)).href;

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'wr-'));
    await mkdir(path.join(root, 'rules'), { recursive: true });
    await mkdir(path.join(root, 'node_modules'), { recursive: true });
    await writeFile(path.join(root, 'rules', 'defs.yml'), DEFS);
    await writeFile(path.join(root, 'rules', 'uses.yaml'), USES);
    await writeFile(path.join(root, 'node_modules', 'hidden.yml'), DEFS.replace('a:b:c', 'x:y:z'));
    assert.equal(await rules.scan([root]), 2);
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('indexes the definitions found on disk, not those under node_modules', () => {
    assert.deepEqual(rules.definitions('a:b:c').map((r) => r.uri), [uri('rules/defs.yml')]);
    assert.deepEqual(rules.definitions('x:y:z'), []);
    const def = rules.definitions('a:b:c')[0];
    assert.equal(rules.definitionAt(def.uri, def.nameRange.start + 1), def);
  });

  it('finds the exact uses in closed rule files and open documents of any kind', async () => {
    open.set('untitled:q', { text: 'sum(a:b:c) / a:b:cd', languageId: 'promql' });
    const uses = await rules.uses('a:b:c', {});
    const slices = uses.map((u) => (u.uri === 'untitled:q' ? open.get(u.uri)!.text : USES).slice(u.range.start, u.range.end));
    assert.deepEqual(slices, ['a:b:c', 'a:b:c', 'a:b:c']);
    assert.deepEqual(uses.map((u) => u.uri).sort(), ['untitled:q', uri('rules/uses.yaml'), uri('rules/uses.yaml')].sort());
    open.delete('untitled:q');
  });

  it('follows the editor while a file is open, and the disk again once closed', async () => {
    const u = uri('rules/defs.yml');
    open.set(u, { text: DEFS.replace('a:b:c', 'a:b:renamed'), languageId: 'yaml' });
    rules.updateOpen(u, open.get(u)!.text, 'yaml');
    assert.deepEqual(rules.definitions('a:b:c'), []);
    assert.equal(rules.definitions('a:b:renamed').length, 1);
    open.delete(u);
    await rules.closed(u);
    assert.equal(rules.definitions('a:b:c').length, 1);
    assert.deepEqual(rules.definitions('a:b:renamed'), []);
  });

  it('drops a deleted file and re-reads a changed one', async () => {
    const u = uri('rules/defs.yml');
    await writeFile(path.join(root, 'rules', 'defs.yml'), DEFS.replace('a:b:c', 'a:b:new'));
    await rules.diskChanged(u, false);
    assert.equal(rules.definitions('a:b:new').length, 1);
    await rules.diskChanged(u, true);
    assert.deepEqual(rules.definitions('a:b:new'), []);
  });
});
