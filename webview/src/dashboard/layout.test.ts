// Dashboard layout: hand-made grids checked against Grafana's rules, react-grid-layout's own
// compaction cases (react-grid-layout test/spec/utils-test.js, "compact vertical"), Grafana's
// legacy-row migration (DashboardMigrator.upgradeToGridLayout, worked through by hand), and every
// corpus dashboard laid out without overlapping boxes.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { columnWidth, compactVertical, gridToPixels, type Box, type GridItem } from './grid';
import { layoutDashboard, type DashboardLayout, type LayoutBox } from './layout';
import { gridHeight, migrateLegacyRows } from './legacyRows';

const panel = (id: number, x: number, y: number, w: number, h: number, extra: Record<string, unknown> = {}) => ({ id, type: 'timeseries', title: `P${id}`, gridPos: { x, y, w, h }, ...extra });
const row = (id: number, y: number, collapsed: boolean, panels: unknown[] = [], extra: Record<string, unknown> = {}) => ({ id, type: 'row', title: `R${id}`, collapsed, gridPos: { x: 0, y, w: 24, h: 1 }, panels, ...extra });
const grid = (l: DashboardLayout) => l.boxes.map((b) => [b.title, b.gridPos.x, b.gridPos.y, b.gridPos.w, b.gridPos.h]);

function intersects(a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

function overlaps(boxes: LayoutBox[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (intersects(boxes[i].box, boxes[j].box)) out.push(`${boxes[i].path.join('.')} × ${boxes[j].path.join('.')}`);
    }
  }
  return out;
}

describe('react-grid-layout compaction (utils-test.js "compact vertical")', () => {
  const strip = (l: GridItem[]) => l.map(({ i, x, y, w, h }) => ({ i, x, y, w, h }));
  it('removes empty vertical space above an item', () => {
    assert.deepEqual(strip(compactVertical([{ i: '1', x: 0, y: 1, w: 1, h: 1 }], 10)), [{ i: '1', x: 0, y: 0, w: 1, h: 1 }]);
  });
  it('resolves a collision by moving the item further down', () => {
    const layout = [
      { x: 0, y: 0, w: 1, h: 5, i: '1' },
      { x: 0, y: 1, w: 1, h: 1, i: '2' },
    ];
    assert.deepEqual(strip(compactVertical(layout, 10)), [
      { x: 0, y: 0, w: 1, h: 5, i: '1' },
      { x: 0, y: 5, w: 1, h: 1, i: '2' },
    ]);
  });
  it('handles recursive collisions by moving new collisions out of the way first', () => {
    const layout = [
      { x: 0, y: 0, w: 2, h: 5, i: '1' },
      { x: 0, y: 0, w: 10, h: 1, i: '2' },
      { x: 5, y: 1, w: 1, h: 1, i: '3' },
      { x: 5, y: 2, w: 1, h: 1, i: '4' },
      { x: 5, y: 3, w: 1, h: 1, i: '5', static: true },
    ];
    assert.deepEqual(
      compactVertical(layout, 10).map(({ i, y }) => [i, y]),
      [
        ['1', 0],
        ['2', 5],
        ['3', 6],
        ['4', 7],
        ['5', 3],
      ],
    );
  });
  it('does not change its input', () => {
    const layout = [{ i: 'a', x: 0, y: 3, w: 1, h: 1 }];
    compactVertical(layout);
    assert.equal(layout[0].y, 3);
  });
  it('pulls an item too far right back into the grid, and a too wide one to the full width', () => {
    assert.deepEqual(strip(compactVertical([{ i: 'a', x: 20, y: 0, w: 8, h: 1 }])), [{ i: 'a', x: 16, y: 0, w: 8, h: 1 }]);
  });
});

describe('pixels (react-grid-layout calcGridItemPosition, Grafana margins)', () => {
  it('columns share the width less 23 margins of 8 px', () => {
    assert.equal(columnWidth(1200), (1200 - 23 * 8) / 24);
  });
  it('half-width panels 8 rows tall on a 1200 px grid', () => {
    assert.deepEqual(gridToPixels({ x: 0, y: 0, w: 12, h: 8 }, 1200), { left: 0, top: 0, width: 596, height: 296 });
    assert.deepEqual(gridToPixels({ x: 12, y: 8, w: 12, h: 8 }, 1200), { left: 604, top: 304, width: 596, height: 296 });
  });
  it('a full-width item spans the container exactly', () => {
    const b = gridToPixels({ x: 0, y: 0, w: 24, h: 1 }, 1000);
    assert.deepEqual([b.left, b.width, b.height], [0, 1000, 30]);
  });
});

describe('layoutDashboard: hand-made grids', () => {
  it('keeps a compact grid as written; paths point into the JSON', () => {
    const l = layoutDashboard({ panels: [panel(1, 0, 0, 12, 8), panel(2, 12, 0, 12, 8), panel(3, 0, 8, 24, 6)] }, 1200);
    assert.deepEqual(grid(l), [
      ['P1', 0, 0, 12, 8],
      ['P2', 12, 0, 12, 8],
      ['P3', 0, 8, 24, 6],
    ]);
    assert.deepEqual(
      l.boxes.map((b) => b.path),
      [
        ['panels', 0],
        ['panels', 1],
        ['panels', 2],
      ],
    );
    assert.equal(l.height, 14 * 38 - 8);
    assert.deepEqual(l.warnings, []);
  });
  it('sorts by y then x like DashboardModel, whatever the JSON order', () => {
    const l = layoutDashboard({ panels: [panel(3, 0, 8, 24, 6), panel(2, 12, 0, 12, 8), panel(1, 0, 0, 12, 8)] }, 1200);
    assert.deepEqual(
      l.boxes.map((b) => [b.title, b.path[1]]),
      [
        ['P1', 2],
        ['P2', 1],
        ['P3', 0],
      ],
    );
  });
  it('floats panels up into gaps (vertical compaction)', () => {
    const l = layoutDashboard({ panels: [panel(1, 0, 5, 12, 4), panel(2, 12, 0, 12, 2), panel(3, 12, 20, 12, 3)] }, 1200);
    assert.deepEqual(grid(l), [
      ['P2', 12, 0, 12, 2],
      ['P1', 0, 0, 12, 4],
      ['P3', 12, 2, 12, 3],
    ]);
    assert.deepEqual(
      l.boxes.map((b) => b.declaredGridPos.y),
      [0, 5, 20],
    );
  });
  it('pushes overlapping panels down', () => {
    const l = layoutDashboard({ panels: [panel(1, 0, 0, 12, 4), panel(2, 6, 2, 12, 4)] }, 1200);
    assert.deepEqual(grid(l), [
      ['P1', 0, 0, 12, 4],
      ['P2', 6, 4, 12, 4],
    ]);
    assert.deepEqual(overlaps(l.boxes), []);
  });
  it('collapsed rows show as one full-width grid row and hide their panels', () => {
    const dash = {
      panels: [panel(1, 0, 0, 24, 4), row(2, 4, true, [panel(3, 0, 5, 12, 8), panel(4, 12, 5, 12, 8)]), row(5, 5, false), panel(6, 0, 6, 8, 5)],
    };
    const l = layoutDashboard(dash, 1200);
    assert.deepEqual(grid(l), [
      ['P1', 0, 0, 24, 4],
      ['R2', 0, 4, 24, 1],
      ['R5', 0, 5, 24, 1],
      ['P6', 0, 6, 8, 5],
    ]);
    const r2 = l.boxes[1];
    assert.deepEqual([r2.isRow, r2.collapsed, r2.childCount], [true, true, 2]);
    assert.deepEqual(
      l.hidden.map((h) => [h.title, h.path, h.rowPath]),
      [
        ['P3', ['panels', 1, 'panels', 0], ['panels', 1]],
        ['P4', ['panels', 1, 'panels', 1], ['panels', 1]],
      ],
    );
    assert.deepEqual(l.boxes[3].rowPath, ['panels', 2]);
    assert.equal(l.boxes[2].childCount, 1);
    assert.equal(l.boxes[0].rowPath, undefined);
  });
  it('a row drawn with its JSON height still takes one grid row', () => {
    const l = layoutDashboard({ panels: [{ ...row(1, 0, false), gridPos: { x: 3, y: 0, w: 10, h: 7 } }, panel(2, 0, 7, 6, 3)] }, 1200);
    assert.deepEqual(grid(l), [
      ['R1', 0, 0, 24, 1],
      ['P2', 0, 1, 6, 3],
    ]);
  });
  it('expanding a collapsed row inserts its panels under it and pushes the rest down (DashboardModel.toggleRow)', () => {
    const dash = { panels: [row(1, 0, true, [panel(2, 0, 11, 12, 8), panel(3, 12, 11, 12, 4)]), row(4, 1, true, [panel(5, 0, 2, 24, 3)])] };
    const l = layoutDashboard(dash, 1200, { rowCollapsed: (p) => p[1] !== 0 });
    assert.deepEqual(grid(l), [
      ['R1', 0, 0, 24, 1],
      ['P2', 0, 1, 12, 8],
      ['P3', 12, 1, 12, 4],
      ['R4', 0, 9, 24, 1],
    ]);
    assert.deepEqual(l.boxes[1].path, ['panels', 0, 'panels', 0]);
    assert.deepEqual(l.boxes[1].rowPath, ['panels', 0]);
    assert.equal(l.boxes[0].collapsed, false);
    assert.deepEqual(
      l.hidden.map((h) => h.title),
      ['P5'],
    );
  });
  it('collapsing an expanded row hides the panels up to the next row', () => {
    const dash = { panels: [row(1, 0, false), panel(2, 0, 1, 12, 8), panel(3, 12, 1, 12, 8), row(4, 9, false), panel(5, 0, 10, 24, 3)] };
    const l = layoutDashboard(dash, 1200, { rowCollapsed: (p) => p[1] === 0 });
    assert.deepEqual(grid(l), [
      ['R1', 0, 0, 24, 1],
      ['R4', 0, 1, 24, 1],
      ['P5', 0, 2, 24, 3],
    ]);
    assert.deepEqual(
      l.hidden.map((h) => [h.title, h.rowPath]),
      [
        ['P2', ['panels', 0]],
        ['P3', ['panels', 0]],
      ],
    );
  });
  it('an expanded row with nested panels: Grafana ignores them, we warn', () => {
    const l = layoutDashboard({ panels: [row(1, 0, false, [panel(2, 0, 1, 12, 8)])] }, 1200);
    assert.deepEqual(grid(l), [['R1', 0, 0, 24, 1]]);
    assert.equal(l.hidden.length, 0);
    assert.match(l.warnings[0], /expanded row with 1 nested panel/);
  });
  it('notes repeated panels and rows; over unknown variables each is shown once (expansion: repeats.test.ts)', () => {
    const l = layoutDashboard(
      {
        panels: [
          row(1, 0, false, [], { repeat: 'node' }),
          panel(2, 0, 1, 8, 4, { repeat: 'instance', repeatDirection: 'v' }),
          panel(3, 8, 1, 8, 4, { repeat: 'job', maxPerRow: 4 }),
        ],
      },
      1200,
    );
    assert.deepEqual(
      l.boxes.map((b) => b.repeat),
      [
        { variable: 'node', direction: 'h', maxPerRow: undefined },
        { variable: 'instance', direction: 'v', maxPerRow: undefined },
        { variable: 'job', direction: 'h', maxPerRow: 4 },
      ],
    );
    assert.equal(l.boxes.length, 3);
  });
  it('missing or bad gridPos: Grafana defaults, with warnings', () => {
    const l = layoutDashboard({ panels: [{ type: 'text', title: 'no pos' }, { type: 'stat', title: 'bad', gridPos: { x: 'a', y: 2, w: 40, h: 0 } }, 7] }, 1200);
    assert.deepEqual(grid(l), [
      ['no pos', 0, 0, 6, 3],
      ['bad', 0, 3, 24, 1],
    ]);
    assert.equal(l.warnings.length, 5);
  });
  it('narrower than 768 px: every panel full width, stacked in (y, x) order, like SceneGridLayout', () => {
    const dash = { panels: [panel(1, 0, 0, 12, 8), panel(2, 12, 0, 12, 4), row(3, 8, false), panel(4, 0, 9, 6, 3)] };
    const narrow = layoutDashboard(dash, 600);
    assert.deepEqual(grid(narrow), [
      ['P1', 0, 0, 24, 8],
      ['P2', 0, 8, 24, 4],
      ['R3', 0, 12, 24, 1],
      ['P4', 0, 13, 24, 3],
    ]);
    assert.deepEqual(narrow.boxes[1].box, { left: 0, top: 8 * 38, width: 600, height: 4 * 38 - 8 });
    assert.deepEqual(
      grid(layoutDashboard(dash, 600, { responsive: false })).map((g) => g[3]),
      [12, 12, 24, 6],
    );
    assert.deepEqual(
      grid(layoutDashboard(dash, 768)).map((g) => g[3]),
      [12, 12, 24, 6],
    );
  });
  it('not a dashboard object', () => {
    assert.deepEqual(layoutDashboard(null, 800).boxes, []);
    assert.deepEqual(layoutDashboard({}, 800).boxes, []);
  });
});

describe('legacy rows (schema < 16, DashboardMigrator.upgradeToGridLayout)', () => {
  it('pixel heights to grid rows: ceil(px / 38), at least 90 px', () => {
    assert.equal(gridHeight(250), 7);
    assert.equal(gridHeight('250px'), 7);
    assert.equal(gridHeight(50), 3);
    assert.equal(gridHeight(100), 3);
    assert.equal(gridHeight(400), 11);
  });
  it('rows without titles: panels only, spans doubled, rows stacked', () => {
    const m = migrateLegacyRows([{ height: 250, panels: [{ span: 6 }, { span: 6 }] }, { height: '150px', panels: [{ span: 12 }] }]);
    assert.deepEqual(
      m.map((p) => [p.path, p.gridPos]),
      [
        [['rows', 0, 'panels', 0], { x: 0, y: 0, w: 12, h: 7 }],
        [['rows', 0, 'panels', 1], { x: 12, y: 0, w: 12, h: 7 }],
        [['rows', 1, 'panels', 0], { x: 0, y: 7, w: 24, h: 4 }],
      ],
    );
  });
  it('a titled and a collapsed row become row panels; overflow wraps to a new band', () => {
    const dash = {
      schemaVersion: 14,
      rows: [
        { title: 'A', showTitle: true, height: 250, panels: [{ title: 'a1', span: 6 }, { title: 'a2', span: 6 }, { title: 'a3', span: 12, height: 100 }] },
        { title: 'B', collapse: true, panels: [{ title: 'b1', span: 4 }] },
        { title: 'C', repeatIteration: 123, panels: [{ title: 'c1' }] },
      ],
    };
    const l = layoutDashboard(dash, 1200);
    assert.deepEqual(
      l.boxes.map((b) => [b.title, b.path.join('.'), b.gridPos.x, b.gridPos.y, b.gridPos.w, b.gridPos.h]),
      [
        ['A', 'rows.0', 0, 0, 24, 1],
        ['a1', 'rows.0.panels.0', 0, 1, 12, 7],
        ['a2', 'rows.0.panels.1', 12, 1, 12, 7],
        ['a3', 'rows.0.panels.2', 0, 8, 24, 3],
        ['B', 'rows.1', 0, 11, 24, 1],
      ],
    );
    assert.deepEqual(
      l.boxes.map((b) => b.declaredGridPos.y),
      [0, 1, 1, 8, 15],
    );
    assert.deepEqual(
      l.hidden.map((h) => [h.title, h.path.join('.'), h.rowPath.join('.')]),
      [['b1', 'rows.1.panels.0', 'rows.1']],
    );
    assert.deepEqual(l.boxes[1].rowPath, ['rows', 0]);

    // Expanding B, as Grafana's toggleRow does on the laid-out grid (row one grid row tall at y 11):
    // b1 (declared y 16) moves to just under the row.
    const expanded = layoutDashboard(dash, 1200, { rowCollapsed: () => false });
    assert.deepEqual(
      expanded.boxes.slice(-2).map((b) => [b.title, b.gridPos.x, b.gridPos.y, b.gridPos.w, b.gridPos.h, b.rowPath?.join('.')]),
      [
        ['B', 0, 11, 24, 1, undefined],
        ['b1', 0, 12, 8, 7, 'rows.1'],
      ],
    );
  });
  it('schema 16 and later ignore a stale rows array', () => {
    const l = layoutDashboard({ schemaVersion: 16, rows: [{ panels: [{ span: 12 }] }], panels: [panel(1, 0, 0, 4, 4)] }, 1200);
    assert.deepEqual(
      l.boxes.map((b) => b.title),
      ['P1'],
    );
  });
});

describe('corpus dashboards lay out without overlaps', () => {
  const dir = path.join(__dirname, '../../../test-fixtures/corpus/dashboards');
  const files: string[] = [];
  for (const sub of fs.readdirSync(dir)) {
    const p = path.join(dir, sub);
    if (fs.statSync(p).isDirectory()) for (const f of fs.readdirSync(p).filter((n) => n.endsWith('.json'))) files.push(path.join(sub, f));
  }

  it('finds the 18 corpus dashboards', () => {
    assert.equal(files.length, 18);
  });

  const totals = { dashboards: 0, boxes: 0, hidden: 0, expandedBoxes: 0, moved: 0 };
  for (const f of files.sort()) {
    const dash = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { panels: Array<{ type?: string; panels?: unknown[] }> };
    it(`${f}: as saved, all rows expanded, all rows collapsed, at 1600 / 1000 / 400 px`, () => {
      const nested = dash.panels.filter((p) => p.type === 'row').reduce((n, r) => n + (r.panels?.length ?? 0), 0);
      for (const width of [1600, 1000, 400]) {
        const saved = layoutDashboard(dash, width);
        const expanded = layoutDashboard(dash, width, { rowCollapsed: () => false });
        const collapsed = layoutDashboard(dash, width, { rowCollapsed: () => true });
        for (const l of [saved, expanded, collapsed]) {
          assert.deepEqual(overlaps(l.boxes), [], f);
          assert.deepEqual(l.warnings, [], f);
          for (const b of l.boxes) {
            assert.ok(b.box.left >= 0 && b.box.left + b.box.width <= width, `${f} ${b.path.join('.')} inside the width`);
            assert.ok(b.box.top + b.box.height <= l.height, `${f} ${b.path.join('.')} inside the height`);
          }
        }
        // every panel is either drawn or hidden in a collapsed row, never lost
        assert.equal(saved.boxes.length + saved.hidden.length, dash.panels.length + nested, f);
        assert.equal(expanded.hidden.length, 0, f);
        assert.equal(expanded.boxes.length, dash.panels.length + nested, f);
        assert.equal(collapsed.boxes.filter((b) => !b.isRow).every((b) => b.rowPath === undefined), true, f);
        if (width === 1600) {
          totals.dashboards++;
          totals.boxes += saved.boxes.length;
          totals.hidden += saved.hidden.length;
          totals.expandedBoxes += expanded.boxes.length;
          totals.moved += saved.boxes.filter((b) => b.gridPos.x !== b.declaredGridPos.x || b.gridPos.y !== b.declaredGridPos.y).length;
        }
      }
    });
  }

  after(() => {
    // Figures for the report (mocha prints them after the suite).
    console.log(`      corpus layout: ${totals.dashboards} dashboards, ${totals.boxes} boxes drawn as saved (+${totals.hidden} hidden in collapsed rows), ${totals.expandedBoxes} with every row expanded, ${totals.moved} boxes moved by compaction`);
  });
});
