// Which series of a graph a click on its legend shows, as Grafana's legend does
// (grafana-ui SeriesVisibilityChangeMode, mapMouseEventToMode; seriesVisibilityConfigFactory):
// a click shows only that series, and a click on the only one shown shows all again; with
// Ctrl/Cmd/Shift the click adds the series to what is shown or takes it out.
// Grafana keeps the choice as an "All except: names" override of the panel; here it is the set of
// names shown, held by the page per panel (never written to the dashboard), so that it outlives a
// redraw: a series that comes in later is hidden while a choice stands, as in Grafana.

/** Grafana's ToggleSelection ('isolate') and AppendToSelection ('append'). */
export type ChangeMode = 'isolate' | 'append';

/** The display names shown; undefined: every series (no choice made). */
export type Selection = ReadonlySet<string> | undefined;

/** The mode of a click or key press: Ctrl, Cmd (meta) or Shift held appends. */
export function changeMode(ev: { ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): ChangeMode {
  return ev.ctrlKey || ev.metaKey || ev.shiftKey ? 'append' : 'isolate';
}

export function isShown(selection: Selection, name: string): boolean {
  return selection === undefined || selection.has(name);
}

/** The selection after a click on `name` in a legend of the series `all` (their display names). */
export function nextSelection(selection: Selection, name: string, mode: ChangeMode, all: readonly string[]): Selection {
  if (mode === 'isolate') {
    const onlyThis = selection !== undefined && selection.size === 1 && selection.has(name);
    return onlyThis ? undefined : new Set([name]);
  }
  const shown = new Set(selection ?? all);
  if (shown.has(name)) shown.delete(name);
  else shown.add(name);
  // Every series shown again: no choice left (a series that comes in later is shown too).
  return all.every((n) => shown.has(n)) ? undefined : shown;
}
