// Grafana's dashboard grid: 24 columns, 30 px rows, 8 px margins, laid out by react-grid-layout
// with vertical compaction (every item floats up until it touches the one above).
// The compaction is a port of react-grid-layout's lib/utils.js (correctBounds, compact,
// compactItem, resolveCompactionCollision); the pixel maths is its calcGridItemPosition with
// Grafana's settings (margin [8, 8], containerPadding [0, 0], rowHeight 30, cols 24).

export const GRID_COLUMN_COUNT = 24;
export const GRID_CELL_HEIGHT = 30;
export const GRID_CELL_VMARGIN = 8;

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface GridItem extends GridPos {
  /** Unique key (react-grid-layout's `i`). */
  i: string;
  /** Never moved by compaction (Grafana does not use these; kept for react-grid-layout parity). */
  static?: boolean;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

function collides(a: GridItem, b: GridItem): boolean {
  if (a.i === b.i) return false;
  if (a.x + a.w <= b.x) return false;
  if (a.x >= b.x + b.w) return false;
  if (a.y + a.h <= b.y) return false;
  if (a.y >= b.y + b.h) return false;
  return true;
}

function firstCollision(layout: GridItem[], item: GridItem): GridItem | undefined {
  for (const l of layout) if (collides(l, item)) return l;
  return undefined;
}

/** Bottom of the layout in grid rows. */
export function bottom(layout: GridPos[]): number {
  let max = 0;
  for (const l of layout) max = Math.max(max, l.y + l.h);
  return max;
}

function sortByRowCol(layout: GridItem[]): GridItem[] {
  return layout.slice(0).sort((a, b) => {
    if (a.y > b.y || (a.y === b.y && a.x > b.x)) return 1;
    if (a.y === b.y && a.x === b.x) return 0;
    return -1;
  });
}

/**
 * react-grid-layout's correctBounds: items overflowing on the right move left, too wide ones fill
 * the row, static items move down off whatever they overlap.
 */
export function correctBounds(layout: GridItem[], cols = GRID_COLUMN_COUNT): GridItem[] {
  const placed = layout.filter((l) => l.static);
  for (const l of layout) {
    if (l.x + l.w > cols) l.x = cols - l.w;
    if (l.x < 0) {
      l.x = 0;
      l.w = cols;
    }
    if (!l.static) placed.push(l);
    else while (firstCollision(placed, l)) l.y++;
  }
  return layout;
}

// Pushes `item` to `moveTo` and, recursively, the not yet compacted items it would then hit.
function resolveCollision(sorted: GridItem[], item: GridItem, moveTo: number): void {
  item.y += 1;
  const index = sorted.findIndex((l) => l.i === item.i);
  for (let k = index + 1; k < sorted.length; k++) {
    const other = sorted[k];
    if (other.static) continue;
    // sorted by row: nothing further down can collide
    if (other.y > item.y + item.h) break;
    if (collides(item, other)) resolveCollision(sorted, other, moveTo + item.h);
  }
  item.y = moveTo;
}

function compactItem(compareWith: GridItem[], l: GridItem, sorted: GridItem[]): GridItem {
  // Never below the bottom of what is already placed, then up as far as it goes without colliding.
  l.y = Math.min(bottom(compareWith), l.y);
  while (l.y > 0 && !firstCollision(compareWith, l)) l.y--;
  // Then down below whatever it overlaps.
  let hit: GridItem | undefined;
  while ((hit = firstCollision(compareWith, l))) resolveCollision(sorted, l, hit.y + hit.h);
  l.y = Math.max(l.y, 0);
  l.x = Math.max(l.x, 0);
  return l;
}

/** react-grid-layout's correctBounds + compact(layout, 'vertical', cols). Returns new items, in input order. */
export function compactVertical(layout: GridItem[], cols = GRID_COLUMN_COUNT): GridItem[] {
  const items = correctBounds(
    layout.map((l) => ({ ...l })),
    cols,
  );
  const compareWith: GridItem[] = items.filter((l) => l.static);
  const sorted = sortByRowCol(items);
  const out: GridItem[] = new Array(items.length);
  for (const s of sorted) {
    let l = { ...s };
    if (!l.static) {
      l = compactItem(compareWith, l, sorted);
      compareWith.push(l);
    }
    out[items.indexOf(s)] = l;
  }
  return out;
}

/** Width of one column in pixels for a container `width` pixels wide. */
export function columnWidth(containerWidth: number): number {
  return (containerWidth - GRID_CELL_VMARGIN * (GRID_COLUMN_COUNT - 1)) / GRID_COLUMN_COUNT;
}

/** react-grid-layout's calcGridItemPosition with Grafana's grid settings. */
export function gridToPixels(pos: GridPos, containerWidth: number): Box {
  const colWidth = columnWidth(containerWidth);
  return {
    left: Math.round((colWidth + GRID_CELL_VMARGIN) * pos.x),
    top: Math.round((GRID_CELL_HEIGHT + GRID_CELL_VMARGIN) * pos.y),
    width: Math.round(colWidth * pos.w + Math.max(0, pos.w - 1) * GRID_CELL_VMARGIN),
    height: Math.round(GRID_CELL_HEIGHT * pos.h + Math.max(0, pos.h - 1) * GRID_CELL_VMARGIN),
  };
}

/** Height in pixels of a grid `rows` rows tall (react-grid-layout's containerHeight). */
export function gridHeightPixels(rows: number): number {
  return rows > 0 ? rows * (GRID_CELL_HEIGHT + GRID_CELL_VMARGIN) - GRID_CELL_VMARGIN : 0;
}
