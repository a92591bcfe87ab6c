// Repeated panels and rows against Grafana's scenes code, worked through by hand:
// DashboardGridItem.performRepeat + DashboardGridItemRenderer (panel copies, 'h' / 'v', maxPerRow
// ?? 4, one grid item 24 wide for 'h'), RowRepeaterBehavior.performRepeat (row copies and what
// follows), getMultiVariableValues (All, multi, single) and the empty-variable placeholder.
import { strict as assert } from 'node:assert';
import { gridToPixels } from './grid';
import { layoutDashboard, type DashboardLayout } from './layout';
import { copyBox, interpolateContent, interpolateTitle, repeatKey, repeatValues, variableLookup, type RepeatGroup, type RepeatVariable } from './repeats';

const panel = (id: number, x: number, y: number, w: number, h: number, extra: Record<string, unknown> = {}) => ({ id, type: 'timeseries', title: `P${id}`, gridPos: { x, y, w, h }, ...extra });
const row = (id: number, y: number, collapsed: boolean, panels: unknown[] = [], extra: Record<string, unknown> = {}) => ({ id, type: 'row', title: `R${id}`, collapsed, gridPos: { x: 0, y, w: 24, h: 1 }, panels, ...extra });
const custom = (name: string, values: string[], current: string | string[], extra: Partial<RepeatVariable> = {}): RepeatVariable => ({
  name, type: 'custom', multi: Array.isArray(current), includeAll: true,
  options: values.map((v) => ({ text: v, value: v })),
  current: { text: Array.isArray(current) ? current.map((c) => (c === '$__all' ? 'All' : c)) : current === '$__all' ? 'All' : current, value: current },
  ...extra,
});
/** title, x, y, w, h of every box. */
const grid = (l: DashboardLayout) => l.boxes.map((b) => [b.title, b.gridPos.x, b.gridPos.y, b.gridPos.w, b.gridPos.h]);
const keys = (l: DashboardLayout) => l.boxes.map((b) => b.key);

describe('repeat values (getMultiVariableValues and the empty placeholder)', () => {
  const cases: Array<[string, RepeatVariable | undefined, Array<{ text: string; value: string }> | undefined]> = [
    ['multi-value: each selected value', custom('v', ['a', 'b', 'c'], ['a', 'c']), [{ text: 'a', value: 'a' }, { text: 'c', value: 'c' }]],
    ['All: every option', custom('v', ['a', 'b', 'c'], ['$__all']), [{ text: 'a', value: 'a' }, { text: 'b', value: 'b' }, { text: 'c', value: 'c' }]],
    ['All on a single-value variable', custom('v', ['a', 'b'], '$__all'), [{ text: 'a', value: 'a' }, { text: 'b', value: 'b' }]],
    ['single value: one copy', custom('v', ['a', 'b'], 'b'), [{ text: 'b', value: 'b' }]],
    ['texts are the options\' texts', { ...custom('v', [], ['1']), options: [{ text: 'one', value: '1' }], current: { text: ['one'], value: ['1'] } }, [{ text: 'one', value: '1' }]],
    ['nothing selected: once, scoped to "" as None', custom('v', ['a'], []), [{ text: 'None', value: '' }]],
    ['All without options: once, scoped to "" as All', custom('v', [], ['$__all']), [{ text: 'All', value: '' }]],
    ['query and datasource variables repeat too', { ...custom('v', ['x'], 'x'), type: 'datasource' }, [{ text: 'x', value: 'x' }]],
    ['a constant is no multi-value variable: not repeated', { ...custom('v', [], 'c'), type: 'constant' }, undefined],
    ['nor a text box', { ...custom('v', [], 't'), type: 'textbox' }, undefined],
    ['nor an interval', { ...custom('v', ['1m'], '1m'), type: 'interval' }, undefined],
    ['an unknown variable: not repeated', undefined, undefined],
  ];
  for (const [name, v, want] of cases) it(name, () => assert.deepEqual(repeatValues(v), want));

  it('keys: the JSON path plus the scoped values', () => {
    assert.equal(repeatKey(['panels', 2], undefined), '["panels",2]');
    assert.equal(repeatKey(['panels', 2], { instance: { text: 'A', value: 'a:1' }, 'x y': { text: '', value: '' } }), '["panels",2]?var-instance=a%3A1&var-x%20y=');
  });
});

describe('repeated panels (DashboardGridItem)', () => {
  const three = custom('instance', ['a', 'b', 'c'], ['a', 'b', 'c']);
  const six = custom('instance', ['a', 'b', 'c', 'd', 'e', 'f'], ['$__all']);
  const cases: Array<{ name: string; panels: unknown[]; variables: RepeatVariable[]; want: unknown[][] }> = [
    {
      name: "'h' (the default), 3 values: 3 columns over the full width; the panel below stays",
      panels: [panel(1, 0, 0, 8, 4, { repeat: 'instance', title: 'CPU $instance' }), panel(2, 0, 4, 24, 3)],
      variables: [three],
      want: [['CPU a', 0, 0, 8, 4], ['CPU b', 8, 0, 8, 4], ['CPU c', 16, 0, 8, 4], ['P2', 0, 4, 24, 3]],
    },
    {
      name: "'h', 6 values, maxPerRow 4 by default: wraps onto a second row and pushes the panel below down",
      panels: [panel(1, 0, 0, 12, 4, { repeat: 'instance', title: '$instance' }), panel(2, 0, 4, 24, 3)],
      variables: [six],
      want: [['a', 0, 0, 6, 4], ['b', 6, 0, 6, 4], ['c', 12, 0, 6, 4], ['d', 18, 0, 6, 4], ['e', 0, 4, 6, 4], ['f', 6, 4, 6, 4], ['P2', 0, 8, 24, 3]],
    },
    {
      name: "'h', maxPerRow 2, 3 values: 2 columns, 2 rows",
      panels: [panel(1, 0, 0, 8, 5, { repeat: 'instance', maxPerRow: 2, title: '$instance' })],
      variables: [three],
      want: [['a', 0, 0, 12, 5], ['b', 12, 0, 12, 5], ['c', 0, 5, 12, 5]],
    },
    {
      name: "'h' takes the whole width even beside another panel, which moves below (buildGridItemForPanel: width 24)",
      panels: [panel(1, 0, 0, 12, 4, { repeat: 'instance', title: '$instance' }), panel(2, 12, 0, 12, 4)],
      variables: [custom('instance', ['a', 'b'], ['a', 'b'])],
      want: [['a', 0, 0, 12, 4], ['b', 12, 0, 12, 4], ['P2', 12, 4, 12, 4]],
    },
    {
      name: "'v', 3 values: stacked at the panel's own width; the panel beside stays, the one below moves",
      panels: [panel(1, 0, 0, 12, 8), panel(2, 12, 0, 12, 3, { repeat: 'instance', repeatDirection: 'v', maxPerRow: 2, title: 'v $instance' }), panel(3, 12, 3, 12, 2)],
      variables: [three],
      want: [['P1', 0, 0, 12, 8], ['v a', 12, 0, 12, 3], ['v b', 12, 3, 12, 3], ['v c', 12, 6, 12, 3], ['P3', 12, 9, 12, 2]],
    },
    {
      name: 'a single value: one copy, full width for h',
      panels: [panel(1, 6, 0, 6, 4, { repeat: 'instance', title: 'CPU $instance' })],
      variables: [custom('instance', ['a', 'b'], 'b')],
      want: [['CPU b', 0, 0, 24, 4]],
    },
    {
      name: 'no value selected: shown once, as Grafana does, the title with None',
      panels: [panel(1, 0, 0, 6, 4, { repeat: 'instance', repeatDirection: 'v', title: 'CPU $instance' })],
      variables: [custom('instance', ['a', 'b'], [])],
      want: [['CPU None', 0, 0, 6, 4]],
    },
    {
      name: 'an unknown variable: shown once, unscoped, still 24 wide for h',
      panels: [panel(1, 0, 0, 6, 4, { repeat: 'nope', title: 'CPU $nope' })],
      variables: [],
      want: [['CPU $nope', 0, 0, 24, 4]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(grid(layoutDashboard({ schemaVersion: 39, panels: c.panels }, 1200, { variables: c.variables })), c.want));
  }

  it('schema < 17: minSpan becomes maxPerRow (DashboardMigrator: the largest factor of 24 not above 24 / minSpan)', () => {
    const widths = (schemaVersion: number, minSpan: number) =>
      layoutDashboard({ schemaVersion, panels: [panel(1, 0, 0, 8, 4, { repeat: 'instance', minSpan, maxPerRow: 2 })] }, 1200, { variables: [six] }).boxes.map((b) => b.gridPos.w);
    assert.deepEqual(widths(16, 5), [6, 6, 6, 6, 6, 6]); // 24 / 5 = 4.8 → 4 per row
    assert.deepEqual(widths(16, 2), [4, 4, 4, 4, 4, 4]); // 12 → 12 per row: all 6 in one row
    assert.deepEqual(widths(16, 1), [6, 6, 6, 6, 6, 6]); // 24: no factor above it, so maxPerRow ?? 4
    assert.deepEqual(widths(17, 5), [12, 12, 12, 12, 12, 12]); // migrated already: maxPerRow 2
  });

  it('each copy has its own key and scoped variable; the source path and JSON are shared', () => {
    const p = panel(1, 0, 0, 8, 4, { repeat: 'instance', title: 'CPU $instance' });
    const l = layoutDashboard({ panels: [p] }, 1200, { variables: [custom('instance', ['a', 'b'], ['a', 'b'])] });
    assert.deepEqual(keys(l), ['["panels",0]?var-instance=a', '["panels",0]?var-instance=b']);
    assert.deepEqual(l.boxes.map((b) => b.scopedVars), [{ instance: { text: 'a', value: 'a' } }, { instance: { text: 'b', value: 'b' } }]);
    assert.ok(l.boxes.every((b) => b.panel === p && b.path.join('.') === 'panels.0'));
    const unknown = layoutDashboard({ panels: [p] }, 1200, {});
    assert.deepEqual([keys(unknown), unknown.boxes[0].scopedVars], [['["panels",0]'], undefined]);
    const none = layoutDashboard({ panels: [p] }, 1200, { variables: [custom('instance', ['a'], [])] });
    assert.deepEqual(none.boxes.map((b) => [b.key, b.scopedVars]), [['["panels",0]?var-instance=', { instance: { text: 'None', value: '' } }]]);
  });

  it('pixels: the CSS grid of DashboardGridItemRenderer (equal columns and rows, 8 px gaps)', () => {
    const l = layoutDashboard({ panels: [panel(1, 0, 0, 8, 4, { repeat: 'instance' })] }, 1200, { variables: [six] });
    // 4 columns of (1200 - 3 × 8) / 4 = 294 px; rows of 4 × 38 - 8 = 144 px.
    assert.deepEqual(l.boxes.map((b) => b.box), [
      { left: 0, top: 0, width: 294, height: 144 },
      { left: 302, top: 0, width: 294, height: 144 },
      { left: 604, top: 0, width: 294, height: 144 },
      { left: 906, top: 0, width: 294, height: 144 },
      { left: 0, top: 152, width: 294, height: 144 },
      { left: 302, top: 152, width: 294, height: 144 },
    ]);
    assert.equal(l.height, 8 * 38 - 8);
    // The same boxes (±1 px of rounding) as separate grid panels 6 wide would have.
    l.boxes.forEach((b) => {
      const g = gridToPixels(b.gridPos, 1200);
      for (const k of ['left', 'top', 'width', 'height'] as const) assert.ok(Math.abs(g[k] - b.box[k]) <= 1, `${k}: ${g[k]} vs ${b.box[k]}`);
    });
    const group: RepeatGroup = { direction: 'v', maxPerRow: 4, itemHeight: 3, copies: [{ key: 'a' }, { key: 'b' }] };
    assert.deepEqual([0, 1].map((k) => copyBox({ left: 10, top: 20, width: 300, height: 220 }, group, k)), [
      { left: 10, top: 20, width: 300, height: 106 },
      { left: 10, top: 134, width: 300, height: 106 },
    ]);
  });

  it('narrower than 768 px: the copies stack full width, each one copy tall', () => {
    const l = layoutDashboard({ panels: [panel(1, 0, 0, 8, 4, { repeat: 'instance', title: '$instance' }), panel(2, 0, 4, 24, 2)] }, 600, { variables: [three] });
    assert.deepEqual(grid(l), [['a', 0, 0, 24, 4], ['b', 0, 4, 24, 4], ['c', 0, 8, 24, 4], ['P2', 0, 12, 24, 2]]);
    assert.deepEqual(l.boxes[1].box, { left: 0, top: 4 * 38, width: 600, height: 4 * 38 - 8 });
  });
});

describe('repeated rows (RowRepeaterBehavior)', () => {
  const node = custom('node', ['a', 'b'], ['a', 'b']);

  it('an expanded row: row and panels per value, what follows below the last copy', () => {
    const l = layoutDashboard(
      { panels: [row(1, 0, false, [], { repeat: 'node', title: 'Node $node' }), panel(2, 0, 1, 12, 4, { title: 'Load $node' }), panel(3, 12, 1, 12, 2), row(4, 5, false), panel(5, 0, 6, 24, 3)] },
      1200,
      { variables: [node] },
    );
    assert.deepEqual(grid(l), [
      ['Node a', 0, 0, 24, 1], ['Load a', 0, 1, 12, 4], ['P3', 12, 1, 12, 2],
      ['Node b', 0, 5, 24, 1], ['Load b', 0, 6, 12, 4], ['P3', 12, 6, 12, 2],
      ['R4', 0, 10, 24, 1], ['P5', 0, 11, 24, 3],
    ]);
    assert.deepEqual(keys(l).slice(0, 4), ['["panels",0]?var-node=a', '["panels",1]?var-node=a', '["panels",2]?var-node=a', '["panels",0]?var-node=b']);
    assert.deepEqual(l.boxes[4].scopedVars, { node: { text: 'b', value: 'b' } });
    assert.deepEqual(l.boxes[4].rowPath, ['panels', 0]);
    assert.equal(l.boxes[6].key, '["panels",3]');
    assert.equal(l.boxes[6].scopedVars, undefined);
    assert.deepEqual(l.boxes.filter((b) => b.isRow).map((b) => b.childCount), [2, 2, 1]);
  });

  it('a collapsed row: one collapsed row per value, its hidden panels scoped', () => {
    const l = layoutDashboard({ panels: [row(1, 0, true, [panel(2, 0, 1, 12, 4, { title: 'Load $node' })], { repeat: 'node' }), panel(3, 0, 1, 24, 2)] }, 1200, { variables: [node] });
    assert.deepEqual(grid(l), [['R1', 0, 0, 24, 1], ['R1', 0, 1, 24, 1], ['P3', 0, 2, 24, 2]]);
    assert.deepEqual(l.hidden.map((h) => [h.title, h.key, h.scopedVars?.node.value]), [
      ['Load a', '["panels",0,"panels",0]?var-node=a', 'a'],
      ['Load b', '["panels",0,"panels",0]?var-node=b', 'b'],
    ]);
  });

  it('each copy expands and collapses on its own (by key), like separate scene rows', () => {
    const dash = { panels: [row(1, 0, true, [panel(2, 0, 1, 12, 4, { title: 'Load $node' })], { repeat: 'node' })] };
    const l = layoutDashboard(dash, 1200, { variables: [node], rowCollapsed: (_p, c, key) => (key.endsWith('var-node=b') ? false : c) });
    assert.deepEqual(grid(l), [['R1', 0, 0, 24, 1], ['R1', 0, 1, 24, 1], ['Load b', 0, 2, 12, 4]]);
    assert.deepEqual(l.hidden.map((h) => h.title), ['Load a']);
  });

  it('a repeated panel inside a repeated row: copies scoped to both values', () => {
    const l = layoutDashboard(
      { panels: [row(1, 0, false, [], { repeat: 'node' }), panel(2, 0, 1, 12, 3, { repeat: 'cpu', title: '$node/$cpu' })] },
      1200,
      { variables: [node, custom('cpu', ['0', '1'], ['$__all'])] },
    );
    assert.deepEqual(grid(l), [
      ['R1', 0, 0, 24, 1], ['a/0', 0, 1, 12, 3], ['a/1', 12, 1, 12, 3],
      ['R1', 0, 4, 24, 1], ['b/0', 0, 5, 12, 3], ['b/1', 12, 5, 12, 3],
    ]);
    assert.deepEqual(l.boxes[5].scopedVars, { node: { text: 'b', value: 'b' }, cpu: { text: '1', value: '1' } });
    assert.equal(l.boxes[5].key, '["panels",1]?var-node=b&var-cpu=1');
  });

  it('a panel repeating over its row\'s variable is not repeated again (the row scopes it)', () => {
    const l = layoutDashboard({ panels: [row(1, 0, false, [], { repeat: 'node' }), panel(2, 0, 1, 12, 3, { repeat: 'node', repeatDirection: 'v', title: '$node' })] }, 1200, { variables: [node] });
    assert.deepEqual(grid(l).filter((g) => g[0] !== 'R1'), [['a', 0, 1, 12, 3], ['b', 0, 5, 12, 3]]);
  });

  it('a row over a variable without values: once; over a constant or an unknown one: as written', () => {
    const dash = { panels: [row(1, 0, false, [], { repeat: 'node', title: 'N $node' }), panel(2, 0, 1, 12, 3, { title: 'L $node' })] };
    assert.deepEqual(grid(layoutDashboard(dash, 1200, { variables: [custom('node', ['a'], [])] })), [['N None', 0, 0, 24, 1], ['L None', 0, 1, 12, 3]]);
    const constant = layoutDashboard(dash, 1200, { variables: [{ ...custom('node', [], 'c'), type: 'constant' }] });
    assert.deepEqual([grid(constant), keys(constant)], [[['N c', 0, 0, 24, 1], ['L c', 0, 1, 12, 3]], ['["panels",0]', '["panels",1]']]);
    assert.deepEqual(grid(layoutDashboard(dash, 1200, {})), [['N $node', 0, 0, 24, 1], ['L $node', 0, 1, 12, 3]]);
  });
});

describe('text panel content (TextPanel: replaceVariables(content, {}, "html"))', () => {
  const vars = variableLookup([
    custom('instance', ['a:1', 'b:2'], ['a:1', 'b:2'], { options: [{ text: 'A', value: 'a:1' }, { text: 'B', value: 'b:2' }], current: { text: ['A', 'B'], value: ['a:1', 'b:2'] } }),
    custom('job', ['x', 'y'], ['$__all']),
    custom('pod', ['p1', 'p2'], ['$__all']),
    custom('env', ['<prod>'], '<prod>'),
  ]);
  const allValues = new Map([['pod', '.*']]);
  const scoped = { instance: { text: 'A', value: 'a:1' } };
  // [content, in markdown (not escaped), in HTML (escaped)]
  const cases: Array<[string, string, string]> = [
    ['Host $instance', 'Host a:1', 'Host a:1'], // the value, not the display text
    ['Host ${instance:text}', 'Host A', 'Host A'],
    ['Env $env', 'Env <prod>', 'Env &lt;prod&gt;'],
    ['Jobs: $job', 'Jobs: x, y', 'Jobs: x, y'], // All: every option's value
    ['Pods: $pod', 'Pods: .*', 'Pods: .*'], // All: the allValue when set
    ['${job:csv} ${job:pipe} ${job:json}', 'x,y x|y ["x","y"]', 'x,y x|y [&quot;x&quot;,&quot;y&quot;]'],
    ['$nope and $__interval stay', '$nope and $__interval stay', '$nope and $__interval stay'],
  ];
  for (const [content, markdown, html] of cases) {
    it(`${content} → ${markdown}`, () => {
      assert.equal(interpolateContent(content, scoped, vars, allValues, false), markdown);
      assert.equal(interpolateContent(content, scoped, vars, allValues, true), html);
    });
  }
  it('without a scoped value: every selected value, joined by ", "', () => assert.equal(interpolateContent('$instance', undefined, vars, allValues, false), 'a:1, b:2'));
});

describe('titles (VizPanelRenderer: interpolate(title, undefined, "text"))', () => {
  const vars = variableLookup([
    custom('instance', ['a:1', 'b:2'], ['a:1', 'b:2'], { options: [{ text: 'A', value: 'a:1' }, { text: 'B', value: 'b:2' }], current: { text: ['A', 'B'], value: ['a:1', 'b:2'] } }),
    custom('job', ['x', 'y'], ['$__all']),
    custom('env', ['prod'], 'prod'),
  ]);
  const scoped = { instance: { text: 'A', value: 'a:1' } };
  const cases: Array<[string, string]> = [
    ['CPU $instance', 'CPU A'],
    ['CPU ${instance}', 'CPU A'],
    ['CPU [[instance]]', 'CPU A'],
    ['CPU ${instance:text}', 'CPU A'],
    ['CPU ${instance:raw}', 'CPU a:1'],
    ['$env / $job', 'prod / All'],
    ['${job:csv}', 'x,y'],
    ['$nope and $__interval stay', '$nope and $__interval stay'],
    ['no variables', 'no variables'],
  ];
  for (const [title, want] of cases) it(`${title} → ${want}`, () => assert.equal(interpolateTitle(title, scoped, vars), want));
  it('without a scoped value: the selection\'s text, joined by " + "', () => assert.equal(interpolateTitle('$instance', undefined, vars), 'A + B'));
});
