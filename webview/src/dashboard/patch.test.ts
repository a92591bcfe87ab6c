// The `dashboard` message's changes: diffed by the host, applied by the webview. Hand-made cases,
// then every corpus dashboard with each panel's title changed in turn (the edit the benchmark makes).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DashboardPreviewResult } from '../dashboardProtocol';
import { applyChanges, dashboardOfText, DashboardMessages, diffJson, jsonEqual, layoutNeutral } from './patch';

const CORPUS = path.join(__dirname, '..', '..', '..', 'test-fixtures', 'corpus', 'dashboards');

function corpusFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? corpusFiles(p) : e.name.endsWith('.json') ? [p] : [];
  });
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('dashboard message patches', () => {
  describe('jsonEqual', () => {
    const cases: Array<[unknown, unknown, boolean]> = [
      [1, 1, true],
      [1, '1', false],
      [null, null, true],
      [null, {}, false],
      [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
      [{ a: 1 }, { a: 1, b: undefined }, false],
      [[1, 2], [2, 1], false],
      [[], {}, false],
      [{ a: { b: [{ c: 'x' }] } }, { a: { b: [{ c: 'y' }] } }, false],
    ];
    for (const [a, b, want] of cases) it(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: ${want}`, () => assert.equal(jsonEqual(a, b), want));
  });

  describe('diffJson, then applyChanges gives the new value', () => {
    const cases: Array<[string, unknown, unknown, unknown[]]> = [
      ['equal: no changes', { panels: [{ id: 1 }] }, { panels: [{ id: 1 }] }, []],
      ['a title', { panels: [{ id: 1, title: 'a' }, { id: 2 }] }, { panels: [{ id: 1, title: 'b' }, { id: 2 }] }, [{ path: ['panels', 0, 'title'], value: 'b' }]],
      ['a nested panel', { panels: [{ type: 'row', panels: [{ id: 3, gridPos: { x: 0 } }] }] }, { panels: [{ type: 'row', panels: [{ id: 3, gridPos: { x: 12 } }] }] },
        [{ path: ['panels', 0, 'panels', 0, 'gridPos', 'x'], value: 12 }]],
      ['a member added and one deleted', { a: 1, b: 2 }, { b: 2, c: 3 }, [{ path: ['a'], delete: true }, { path: ['c'], value: 3 }]],
      ['an array of another length: replaced whole', { panels: [{ id: 1 }] }, { panels: [{ id: 1 }, { id: 2 }] }, [{ path: ['panels'], value: [{ id: 1 }, { id: 2 }] }]],
      ['another type: replaced whole', { a: [1] }, { a: { 0: 1 } }, [{ path: ['a'], value: { 0: 1 } }]],
      ['the root replaced', [1], { a: 1 }, [{ path: [], value: { a: 1 } }]],
      ['a key like __proto__ stays a member', JSON.parse('{"a":{"__proto__":1}}'), JSON.parse('{"a":{"__proto__":2}}'), [{ path: ['a', '__proto__'], value: 2 }]],
    ];
    for (const [name, prev, next, want] of cases) {
      it(name, () => {
        const before = clone(prev);
        const changes = diffJson(prev, next);
        assert.deepEqual(changes, want);
        const got = applyChanges(prev, changes);
        assert.ok(jsonEqual(got, next), JSON.stringify(got));
        assert.deepEqual(prev, before, 'the base is left as it was');
      });
    }

    it('what did not change is shared, what did is a copy', () => {
      const prev = { title: 'x', panels: [{ id: 1, title: 'a' }, { id: 2 }], templating: { list: [] } };
      const next = applyChanges(prev, [{ path: ['panels', 0, 'title'], value: 'b' }]) as typeof prev;
      assert.notEqual(next, prev);
      assert.notEqual(next.panels, prev.panels);
      assert.notEqual(next.panels[0], prev.panels[0]);
      assert.equal(next.panels[1], prev.panels[1]);
      assert.equal(next.templating, prev.templating);
      assert.equal(prev.panels[0].title, 'a');
    });

    const misfits: Array<[string, unknown, unknown[]]> = [
      ['a path through a missing member', { panels: [] }, [{ path: ['panels', 0, 'title'], value: 'b' }]],
      ['an index past the end', { panels: [1] }, [{ path: ['panels', 1], value: 2 }]],
      ['a path through a number', { a: 1 }, [{ path: ['a', 'b'], value: 2 }]],
      ['a path through an inherited member', {}, [{ path: ['constructor', 'name'], value: 'x' }]],
      ['a base that is no object', 3, [{ path: ['a'], value: 1 }]],
    ];
    for (const [name, base, changes] of misfits) {
      it(`does not fit: ${name}`, () => assert.equal(applyChanges(base, changes as never), undefined));
    }
  });

  describe('dashboardOfText', () => {
    const cases: Array<[string, string, unknown]> = [
      ['a dashboard', '{"title":"a","panels":[]}', { title: 'a', panels: [] }],
      ['an API export is unwrapped', '{"dashboard":{"title":"a"},"overwrite":true}', { title: 'a' }],
      ['not unwrapped when it has panels itself', '{"dashboard":{"title":"a"},"panels":[]}', { dashboard: { title: 'a' }, panels: [] }],
      ['comments: left to the server', '{"title":"a" // x\n}', undefined],
      ['a trailing comma: left to the server', '{"title":"a",}', undefined],
      ['not an object', '[1]', undefined],
      ['invalid', '{"title":', undefined],
    ];
    for (const [name, text, want] of cases) it(name, () => assert.deepEqual(dashboardOfText(text), want));
  });

  describe('layoutNeutral: changes after which the panels visible and their widths stay', () => {
    const cases: Array<[string, Array<Array<string | number>>, boolean]> = [
      ['none', [], true],
      ['a title', [['panels', 2, 'title']], true],
      ['a target of a panel in a row', [['panels', 4, 'panels', 1, 'targets', 0, 'expr']], true],
      ['two panels\' options', [['panels', 0, 'options', 'legend'], ['panels', 3, 'fieldConfig']], true],
      ['a size', [['panels', 2, 'gridPos', 'h']], false],
      ['a row folded', [['panels', 5, 'collapsed']], false],
      ['a row\'s panel list', [['panels', 5, 'panels']], false],
      ['a repeat', [['panels', 1, 'repeat']], false],
      ['a type', [['panels', 1, 'type']], false],
      ['a whole panel', [['panels', 1]], false],
      ['the panel list', [['panels']], false],
      ['the variables', [['templating', 'list', 0, 'current']], false],
      ['the dashboard title', [['title']], false],
      ['a legacy row', [['rows', 0, 'panels', 0, 'title']], false],
      ['one of each', [['panels', 2, 'title'], ['panels', 2, 'gridPos', 'w']], false],
    ];
    for (const [name, paths, want] of cases) it(`${name}: ${want}`, () => assert.equal(layoutNeutral(paths.map((path) => ({ path, value: 1 }))), want));
  });

  describe('DashboardMessages (the host)', () => {
    const preview = (dashboard: unknown): DashboardPreviewResult => ({ dashboard, title: 't', time: { from: 'now-1h', to: 'now' }, range: { startMs: 0, endMs: 1 }, variables: [] });

    it('whole to a new page, then the changes to what the page holds; whole again after a reset', () => {
      const m = new DashboardMessages();
      const first = m.message(preview({ panels: [{ title: 'a' }] }), 'dark');
      assert.deepEqual([first.seq, first.patch, first.preview.dashboard, first.theme], [1, undefined, { panels: [{ title: 'a' }] }, 'dark']);
      const second = m.message(preview({ panels: [{ title: 'b' }] }), 'dark');
      assert.equal('dashboard' in second.preview, false);
      assert.deepEqual([second.seq, second.patch], [2, { base: 1, changes: [{ path: ['panels', 0, 'title'], value: 'b' }] }]);
      // An invalid document: no dashboard, no number; the next changes are still against seq 2.
      const broken = m.message({ ...preview(undefined), error: { message: 'x', line: 0, character: 0 } });
      assert.deepEqual([broken.seq, broken.patch], [undefined, undefined]);
      assert.deepEqual(m.message(preview({ panels: [{ title: 'c' }] })).patch?.base, 2);
      m.reset();
      const whole = m.message(preview({ panels: [{ title: 'c' }] }));
      assert.deepEqual([whole.seq, whole.patch, whole.preview.dashboard], [4, undefined, { panels: [{ title: 'c' }] }]);
      m.notDelivered(4);
      assert.equal(m.message(preview({ panels: [] })).patch, undefined);
    });
  });

  describe('corpus: each panel title changed in turn is one change, applied exactly', () => {
    const files = corpusFiles(CORPUS);
    it('has corpus dashboards', () => assert.ok(files.length > 0, CORPUS));
    for (const file of files) {
      it(path.relative(CORPUS, file), () => {
        const dash = dashboardOfText(fs.readFileSync(file, 'utf8'));
        if (!dash) return; // JSON with comments: the server sends those whole
        const panels = Array.isArray(dash.panels) ? (dash.panels as Array<Record<string, unknown>>) : [];
        panels.forEach((p, i) => {
          if (!p || typeof p !== 'object') return;
          const next = clone(dash) as { panels: Array<Record<string, unknown>> };
          next.panels[i].title = `${String(p.title ?? '')} #`;
          const changes = diffJson(dash, next);
          assert.deepEqual(changes, [{ path: ['panels', i, 'title'], value: next.panels[i].title }]);
          assert.ok(jsonEqual(applyChanges(dash, changes), next));
        });
      });
    }
  });
});
