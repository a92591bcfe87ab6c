// Where the code lenses go: "Run query", one per PromQL expression that has something to run, at
// the expression's first character (file offset); "Preview panel", one per dashboard panel, at the
// panel object's start. Knows nothing of LSP.
import type { EmbeddedExpression } from '../documents/types';
import { detectFileKind } from '../documents/detect';
import { panelPaths } from './dashboardPreview';

/** Above this many expressions a file gets no lenses: thousands of lenses slow the editor down. */
export const MAX_LENSES = 2000;

export function runQueryLenses(expressions: readonly EmbeddedExpression[]): number[] {
  const out: number[] = [];
  for (const e of expressions) {
    if (e.source.trim() === '') continue;
    const lead = e.text.length - e.text.trimStart().length;
    out.push(e.toFileOffset(lead));
    if (out.length >= MAX_LENSES) break;
  }
  return out;
}

/** A "Preview panel" lens: where (the panel object's `{`) and which panel (its JSON path). */
export interface PanelLens {
  offset: number;
  path: Array<string | number>;
}

/**
 * One "Preview panel" lens per panel of a dashboard (panels in rows and in legacy rows[] too, not
 * the rows themselves: they draw nothing alone); none for other files.
 */
export function previewPanelLenses(fileName: string, text: string): PanelLens[] {
  if (detectFileKind(fileName, text) !== 'dashboard') return [];
  return panelPaths(text)
    .filter((p) => p.type !== 'row')
    .slice(0, MAX_LENSES)
    .map(({ offset, path }) => ({ offset, path }));
}
