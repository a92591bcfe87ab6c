// Which object of a dashboard file, parsed as plain JSON, is the dashboard: the file itself, or the
// `dashboard` member of an API export ({ dashboard, meta }) when the root has no panels or rows of
// its own. Pure (no Node): the webview's host side (webview/src/dashboard/patch.ts) and the server's
// preview (server/src/features/dashboardPreview.ts) read files the same way. The positioned tree has
// the same rule in documents/dashboardModel.ts.
export type PlainObject = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is PlainObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The dashboard of a parsed file's root object. */
export function exportedDashboard(root: PlainObject): PlainObject {
  const wrapped = root.dashboard;
  return isPlainObject(wrapped) && !hasOwn(root, 'panels') && !hasOwn(root, 'rows') ? wrapped : root;
}
