// The legend of `timeseries` and legacy `graph` panels, as Grafana's VizLegend draws it: a list
// (name and "Calc: value" items) or a table (a Name column and one column per calc, sortable by
// sortBy/sortDesc and by a click on a header), below the graph or on its right. Text only.
// Each series' name is a button that shows or hides series (seriesVisibility.ts); hidden ones are greyed.
import { el, isJson, type Json } from './common';
import { changeMode, type ChangeMode } from './seriesVisibility';

export interface LegendOptions {
  show: boolean;
  mode: 'list' | 'table';
  placement: 'bottom' | 'right';
  /** Grafana reducer ids (min, max, mean, lastNotNull...). */
  calcs: string[];
  /** A calc's display name (Max, Last *...) or 'Name'. */
  sortBy?: string;
  sortDesc?: boolean;
  /** Width of a legend on the right, px. */
  width?: number;
}

const GRAPH_CALCS: Array<[string, string]> = [
  ['min', 'min'],
  ['max', 'max'],
  ['avg', 'mean'],
  ['current', 'lastNotNull'],
  ['total', 'sum'],
];

/** options.legend of a timeseries panel; legend of a legacy graph panel (as Grafana migrates it). */
export function legendOptions(panel: Json, calcName: (calc: string) => string): LegendOptions {
  if (panel.type === 'graph') {
    const l = isJson(panel.legend) ? panel.legend : {};
    const sort = typeof l.sort === 'string' ? GRAPH_CALCS.find(([k]) => k === l.sort)?.[1] : undefined;
    return {
      show: l.show !== false,
      mode: l.alignAsTable === true ? 'table' : 'list',
      placement: l.rightSide === true ? 'right' : 'bottom',
      calcs: l.values === true ? GRAPH_CALCS.filter(([k]) => l[k] === true).map(([, c]) => c) : [],
      sortBy: sort ? calcName(sort) : undefined,
      sortDesc: sort ? l.sortDesc === true : undefined,
      width: typeof l.sideWidth === 'number' && l.sideWidth > 0 ? l.sideWidth : undefined,
    };
  }
  const o = isJson(panel.options) ? panel.options : {};
  const l = isJson(o.legend) ? o.legend : {};
  return {
    show: l.showLegend !== false && l.displayMode !== 'hidden',
    mode: l.displayMode === 'table' ? 'table' : 'list',
    placement: l.placement === 'right' ? 'right' : 'bottom',
    calcs: Array.isArray(l.calcs) ? l.calcs.filter((c): c is string => typeof c === 'string') : [],
    sortBy: typeof l.sortBy === 'string' && l.sortBy !== '' ? l.sortBy : undefined,
    sortDesc: typeof l.sortDesc === 'boolean' ? l.sortDesc : undefined,
    width: typeof l.width === 'number' && l.width > 0 ? l.width : undefined,
  };
}

export interface LegendItem {
  name: string;
  color: string;
  /** One per calc, in the order of LegendOptions.calcs: the value (null when none) and its text. */
  values: Array<{ numeric: number | null; text: string }>;
}

const NAME = 'Name';
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Grafana's VizLegendTable order: by name (natural order) or by a calc's value (missing/NaN lowest). */
export function sortItems(items: LegendItem[], headers: string[], sortBy: string | undefined, sortDesc: boolean | undefined): LegendItem[] {
  if (sortBy === undefined) return items;
  const mult = sortDesc ? -1 : 1;
  if (sortBy === NAME) return [...items].sort((a, b) => mult * collator.compare(a.name, b.name));
  const col = headers.indexOf(sortBy);
  const key = (it: LegendItem): number => {
    const v = col < 0 ? null : it.values[col].numeric;
    return v === null || Number.isNaN(v) ? -Infinity : v;
  };
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka === kb ? 0 : mult * (ka < kb ? -1 : 1);
  });
}

/** Grafana's header click: a new column sorts descending, then ascending, then not at all. */
export function toggleSort(sortBy: string | undefined, sortDesc: boolean | undefined, column: string): { sortBy?: string; sortDesc?: boolean } {
  const desc = column === sortBy ? sortDesc : undefined;
  if (desc === false) return {};
  return { sortBy: column, sortDesc: !desc };
}

/** What the legend's series buttons show and do. */
export interface LegendVisibility {
  isShown(name: string): boolean;
  /** A click (or Enter/Space) on a series' name; the legend greys what isShown then says is hidden. */
  change(name: string, mode: ChangeMode): void;
}

const TOGGLE_TITLE = 'Click: show only this series (click again: show all)\nCtrl/Cmd+click: show or hide this series';

/** Fills `box` with the legend: a list or a sortable table. */
export function renderLegend(box: HTMLElement, items: LegendItem[], calcHeaders: string[], opts: LegendOptions, visibility: LegendVisibility): void {
  box.replaceChildren();
  box.classList.toggle('table', opts.mode === 'table');
  const markShown = (): void => {
    for (const item of Array.from(box.querySelectorAll<HTMLElement>('.ts-legend-item'))) {
      const shown = visibility.isShown(item.dataset.name ?? '');
      item.classList.toggle('hidden', !shown);
      item.querySelector('.ts-legend-toggle')?.setAttribute('aria-pressed', String(shown));
    }
  };
  const act = (ev: MouseEvent | KeyboardEvent): void => {
    const item = (ev.target as Element).closest<HTMLElement>('.ts-legend-toggle')?.closest<HTMLElement>('.ts-legend-item');
    if (!item || !box.contains(item)) return;
    ev.preventDefault();
    visibility.change(item.dataset.name ?? '', changeMode(ev));
    markShown();
  };
  // One handler for the whole legend: the table's rows are rebuilt on every sort. Keys are handled
  // here, not left to the button: Chromium does not click a button on Ctrl+Enter.
  box.onclick = act;
  box.onkeydown = (ev) => {
    if ((ev.key === 'Enter' || ev.key === ' ') && !ev.repeat) act(ev);
  };
  const seriesItem = <K extends 'span' | 'tr'>(tag: K, it: LegendItem): HTMLElementTagNameMap[K] => {
    const item = el(tag, 'ts-legend-item');
    item.dataset.name = it.name;
    return item;
  };
  if (opts.mode === 'list') {
    for (const it of items) {
      const item = seriesItem('span', it);
      item.appendChild(toggleButton(it));
      it.values.forEach((v, k) => item.appendChild(el('span', 'ts-legend-calc', `${calcHeaders[k]}: ${v.text}`)));
      box.appendChild(item);
    }
    markShown();
    return;
  }
  let sortBy = opts.sortBy;
  let sortDesc = opts.sortDesc;
  const table = el('table', 'ts-legend-table');
  const draw = (): void => {
    const head = el('tr');
    for (const title of [NAME, ...calcHeaders]) {
      const th = el('th', title === NAME ? 'ts-legend-th-name' : 'ts-legend-th-calc', title);
      if (title === sortBy) {
        th.classList.add('sorted');
        th.appendChild(el('span', 'ts-legend-sort', sortDesc ? ' ▼' : ' ▲'));
      }
      th.addEventListener('click', () => {
        ({ sortBy, sortDesc } = toggleSort(sortBy, sortDesc, title));
        draw();
      });
      head.appendChild(th);
    }
    const thead = el('thead');
    thead.appendChild(head);
    const tbody = el('tbody');
    for (const it of sortItems(items, calcHeaders, sortBy, sortDesc)) {
      const row = seriesItem('tr', it);
      const name = el('td', 'ts-legend-name-cell');
      name.appendChild(toggleButton(it));
      row.appendChild(name);
      it.values.forEach((v, k) => {
        const td = el('td', 'ts-legend-calc', v.text);
        td.dataset.calc = calcHeaders[k];
        row.appendChild(td);
      });
      tbody.appendChild(row);
    }
    table.replaceChildren(thead, tbody);
    markShown();
  };
  box.appendChild(table);
  draw();
}

/** The series' swatch and name: a button, so that Tab reaches it and Enter/Space click it. */
function toggleButton(it: LegendItem): HTMLElement {
  const button = el('button', 'ts-legend-toggle');
  button.type = 'button';
  button.title = TOGGLE_TITLE;
  button.append(swatch(it.color), el('span', 'ts-legend-name', it.name));
  return button;
}

function swatch(color: string): HTMLElement {
  const sw = el('span', 'swatch');
  sw.style.background = color;
  return sw;
}
