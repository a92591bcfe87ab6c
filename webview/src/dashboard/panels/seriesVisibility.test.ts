// Legend clicks against Grafana's seriesVisibilityConfigFactory: a click isolates a series and a
// second one shows all; Ctrl/Cmd/Shift+click adds or removes one; the choice, kept by display name,
// applies to the series of the next data (some gone, some new).
import { strict as assert } from 'node:assert';
import { changeMode, isShown, nextSelection, type ChangeMode, type Selection } from './seriesVisibility';

const ABC = ['a', 'b', 'c'];
const sel = (names: string[] | undefined): Selection => (names === undefined ? undefined : new Set(names));
const names = (s: Selection): string[] | undefined => (s === undefined ? undefined : [...s].sort());

describe('series visibility (Grafana legend clicks)', () => {
  const clicks: Array<[title: string, start: string[] | undefined, click: [string, ChangeMode], all: string[], shown: string[] | undefined]> = [
    ['a click isolates the series', undefined, ['b', 'isolate'], ABC, ['b']],
    ['a click on the only series shown shows all again', ['b'], ['b', 'isolate'], ABC, undefined],
    ['a click on another series isolates that one', ['b'], ['a', 'isolate'], ABC, ['a']],
    ['a click on one of several shown isolates it', ['a', 'b'], ['a', 'isolate'], ABC, ['a']],
    ['a click on a hidden series isolates it', ['a', 'b'], ['c', 'isolate'], ABC, ['c']],
    ['append with all shown hides the series', undefined, ['b', 'append'], ABC, ['a', 'c']],
    ['append adds a hidden series', ['a'], ['c', 'append'], ABC, ['a', 'c']],
    ['append removes a shown series', ['a', 'c'], ['c', 'append'], ABC, ['a']],
    ['append showing every series again: no choice left', ['a', 'c'], ['b', 'append'], ABC, undefined],
    ['append removing the last series shown: nothing drawn (as Grafana)', ['a'], ['a', 'append'], ABC, []],
    // After a refresh: b and c gone, d new (hidden while the choice stands).
    ['after a refresh, append shows a new series; all shown: no choice left', ['a'], ['d', 'append'], ['a', 'd'], undefined],
    ['after a refresh, isolate a series that came back', ['c'], ['a', 'isolate'], ['a', 'd'], ['a']],
  ];
  for (const [title, start, [name, mode], all, shown] of clicks) {
    it(title, () => assert.deepEqual(names(nextSelection(sel(start), name, mode, all)), shown));
  }

  const survives: Array<[title: string, selection: string[] | undefined, series: string[], shown: boolean[]]> = [
    ['no choice: every series, new ones too', undefined, ['a', 'b', 'z'], [true, true, true]],
    ['the isolated series is still the only one drawn', ['b'], ['a', 'b', 'c'], [false, true, false]],
    ['a series that came in is hidden while a choice stands', ['a', 'b'], ['a', 'b', 'd'], [true, true, false]],
    ['a series gone leaves the others as they were', ['a', 'c'], ['b', 'c'], [false, true]],
  ];
  for (const [title, selection, series, shown] of survives) {
    it(`after new data: ${title}`, () => assert.deepEqual(series.map((n) => isShown(sel(selection), n)), shown));
  }

  const modes: Array<[{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }, ChangeMode]> = [
    [{ ctrlKey: false, metaKey: false, shiftKey: false }, 'isolate'],
    [{ ctrlKey: true, metaKey: false, shiftKey: false }, 'append'],
    [{ ctrlKey: false, metaKey: true, shiftKey: false }, 'append'],
    [{ ctrlKey: false, metaKey: false, shiftKey: true }, 'append'],
  ];
  for (const [ev, mode] of modes) it(`${JSON.stringify(ev)} → ${mode}`, () => assert.equal(changeMode(ev), mode));
});
