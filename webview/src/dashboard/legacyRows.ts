// Dashboards older than schema 16 keep panels in `rows[].panels` with a 12-column `span` and pixel
// heights. Grafana converts them to grid panels when loading (DashboardMigrator.upgradeToGridLayout
// in public/app/features/dashboard/state/DashboardMigrator.ts); this is that conversion, keeping
// each panel's JSON path.
import { GRID_CELL_HEIGHT, GRID_CELL_VMARGIN, GRID_COLUMN_COUNT, type GridPos } from './grid';

export type JsonPath = Array<string | number>;
type Json = Record<string, unknown>;

const DEFAULT_PANEL_SPAN = 4;
const DEFAULT_ROW_HEIGHT = 250;
const MIN_PANEL_HEIGHT = GRID_CELL_HEIGHT * 3;

/** A panel of a legacy row, placed on the grid. */
export interface MigratedPanel {
  path: JsonPath;
  panel: Json;
  gridPos: GridPos;
  /** Set on the "row" panels Grafana adds when any row is collapsed, repeated or shows its title. */
  row?: { title: string; collapsed: boolean; repeat?: string; children: MigratedPanel[] };
}

/** Grafana's getGridHeight: pixels (number or "250px") to grid rows, at least 90 px. */
export function gridHeight(height: unknown): number {
  let px = typeof height === 'string' ? parseInt(height.replace('px', ''), 10) : Number(height);
  if (!Number.isFinite(px) || px < MIN_PANEL_HEIGHT) px = MIN_PANEL_HEIGHT;
  return Math.ceil(px / (GRID_CELL_HEIGHT + GRID_CELL_VMARGIN));
}

/** Grafana's RowArea: fills one legacy row left to right, wrapping to a new band when full. */
class RowArea {
  area: number[];
  constructor(
    readonly height: number,
    public yPos: number,
    width = GRID_COLUMN_COUNT,
  ) {
    this.area = new Array(width).fill(0);
  }

  addPanel(pos: GridPos): void {
    for (let i = pos.x; i < pos.x + pos.w; i++) {
      if (!this.area[i] || pos.y + pos.h - this.yPos > this.area[i]) this.area[i] = pos.y + pos.h - this.yPos;
    }
  }

  getPanelPosition(panelWidth: number, callOnce = false): { x: number; y: number } | null {
    let startPlace: number | undefined;
    let endPlace: number | undefined;
    for (let i = this.area.length - 1; i >= 0; i--) {
      if (this.height - this.area[i] > 0) {
        if (endPlace === undefined) endPlace = i;
        else if (i < this.area.length - 1 && this.area[i] <= this.area[i + 1]) startPlace = i;
        else break;
      } else {
        break;
      }
    }
    if (startPlace !== undefined && endPlace !== undefined && endPlace - startPlace >= panelWidth - 1) {
      return { x: startPlace, y: Math.max(...this.area.slice(startPlace)) };
    }
    if (callOnce) return null;
    // wrap to the next band
    this.yPos += this.height;
    this.area.fill(0);
    return this.getPanelPosition(panelWidth, true);
  }
}

/** The panels of `rows` (schema < 16) as grid panels, in the order Grafana adds them. */
export function migrateLegacyRows(rows: unknown[]): MigratedPanel[] {
  const out: MigratedPanel[] = [];
  const widthFactor = GRID_COLUMN_COUNT / 12;
  const isJson = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
  const showRows = rows.some((r) => isJson(r) && (r.collapse || r.showTitle || r.repeat));
  let yPos = 0;

  rows.forEach((row, r) => {
    if (!isJson(row) || row.repeatIteration) return;
    const rowGridHeight = gridHeight(row.height || DEFAULT_ROW_HEIGHT);
    const collapsed = !!row.collapse;
    let rowPanel: MigratedPanel | undefined;
    if (showRows) {
      rowPanel = {
        path: ['rows', r],
        panel: row,
        gridPos: { x: 0, y: yPos, w: GRID_COLUMN_COUNT, h: rowGridHeight },
        row: { title: String(row.title ?? ''), collapsed, repeat: typeof row.repeat === 'string' ? row.repeat : undefined, children: [] },
      };
      yPos++;
    }
    const area = new RowArea(rowGridHeight, yPos);
    const panels = Array.isArray(row.panels) ? row.panels : [];
    panels.forEach((panel, p) => {
      if (!isJson(panel)) return;
      const span = Number(panel.span) || DEFAULT_PANEL_SPAN;
      const w = Math.floor(span) * widthFactor;
      const h = panel.height ? gridHeight(panel.height) : rowGridHeight;
      // Grafana would fail on a panel wider than the row; we put it at the band's start.
      const place = area.getPanelPosition(w) ?? { x: 0, y: 0 };
      yPos = area.yPos;
      const gridPos = { x: place.x, y: yPos + place.y, w, h };
      area.addPanel(gridPos);
      const migrated: MigratedPanel = { path: ['rows', r, 'panels', p], panel, gridPos };
      if (rowPanel && collapsed) rowPanel.row!.children.push(migrated);
      else out.push(migrated);
    });
    if (rowPanel) out.push(rowPanel);
    if (!(rowPanel && collapsed)) yPos += rowGridHeight;
  });
  return out;
}
