// The dashboard preview's `dashboard` message after an edit: instead of the whole dashboard JSON
// again (Node Exporter Full is 223 KiB, serialized on every post), the panel host sends what changed
// since the dashboard the page holds — usually one panel's member. The host diffs
// (client/src/panels/dashboardPanel.ts), the webview applies (main.ts). Pure: no DOM, no vscode.
import { exportedDashboard } from '../../../server/src/grafana/dashboardExport';
import type { DashboardChange, DashboardPreviewResult, JsonPath, ToDashboardWebview } from '../dashboardProtocol';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: object, k: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, k);
/** An own data property even for a key like `__proto__` (as JSON.parse makes it). */
const setOwn = (o: object, k: PropertyKey, value: unknown): void => {
  Object.defineProperty(o, k, { value, writable: true, enumerable: true, configurable: true });
};

/** Deep equality of JSON values (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!has(b, k) || !jsonEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/**
 * The changes that turn `prev` into `next`: objects and arrays of the same length are compared
 * member by member; anything else that differs is replaced whole. Empty when they are equal.
 */
export function diffJson(prev: unknown, next: unknown): DashboardChange[] {
  const out: DashboardChange[] = [];
  const visit = (a: unknown, b: unknown, path: JsonPath): void => {
    if (a === b) return;
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      for (let i = 0; i < a.length; i++) visit(a[i], b[i], [...path, i]);
      return;
    }
    if (isObject(a) && isObject(b)) {
      for (const k of Object.keys(a)) if (!has(b, k)) out.push({ path: [...path, k], delete: true });
      for (const k of Object.keys(b)) {
        if (has(a, k)) visit(a[k], b[k], [...path, k]);
        else out.push({ path: [...path, k], value: b[k] });
      }
      return;
    }
    if (!jsonEqual(a, b)) out.push({ path, value: b });
  };
  visit(prev, next, []);
  return out;
}

/**
 * `base` with the changes applied, copying only the objects and arrays on the changed paths (the
 * rest is shared; `base` itself is left as it was). Undefined when a change does not fit `base`
 * (the page holds another dashboard than the host thinks): the caller asks for it whole.
 */
export function applyChanges(base: unknown, changes: readonly DashboardChange[]): unknown {
  let root = base;
  const copied = new Set<unknown>();
  const own = (v: unknown): Obj | unknown[] => {
    if (copied.has(v)) return v as Obj | unknown[];
    const c = Array.isArray(v) ? v.slice() : { ...(v as Obj) };
    copied.add(c);
    return c;
  };
  for (const ch of changes) {
    if (!Array.isArray(ch.path)) return undefined;
    if (ch.path.length === 0) {
      if (ch.delete) return undefined;
      root = ch.value;
      continue;
    }
    if (root === null || typeof root !== 'object') return undefined;
    root = own(root);
    let parent = root as Obj | unknown[];
    for (let i = 0; i < ch.path.length - 1; i++) {
      const key = ch.path[i];
      const child = has(parent, key) ? (parent as Obj)[key as string] : undefined;
      if (child === null || typeof child !== 'object') return undefined;
      const mine = own(child);
      setOwn(parent, key, mine);
      parent = mine;
    }
    const last = ch.path[ch.path.length - 1];
    if (Array.isArray(parent)) {
      if (typeof last !== 'number' || last < 0 || last >= parent.length || ch.delete) return undefined;
      parent[last] = ch.value;
    } else if (ch.delete) {
      delete parent[last as string];
    } else {
      setOwn(parent, last, ch.value);
    }
  }
  return root;
}

/**
 * The dashboard a document's text holds, as the server's preview gives it (the `dashboard` member
 * of an API export unwrapped), when the text is plain JSON; undefined otherwise (comments, trailing
 * commas, not an object: the server's answer carries it then).
 */
export function dashboardOfText(text: string): Obj | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isObject(root) ? exportedDashboard(root) : undefined;
}

/**
 * The host's side: the `dashboard` messages for one page, each with the changes since the
 * dashboard the page holds, the first (and the first after `reset`) whole.
 */
export class DashboardMessages {
  private page?: { seq: number; value: unknown };
  private seq = 0;

  /** The page is new (its `ready`) or lost a message: the next dashboard goes whole. */
  reset(): void {
    this.page = undefined;
  }

  /** Message `seq` did not reach the page. */
  notDelivered(seq: number | undefined): void {
    if (seq !== undefined && this.page?.seq === seq) this.page = undefined;
  }

  message(preview: DashboardPreviewResult, theme?: 'light' | 'dark'): Extract<ToDashboardWebview, { type: 'dashboard' }> {
    const themed = theme ? { theme } : {};
    // Without a dashboard (invalid JSON) the page keeps the one it has.
    if (preview.dashboard === undefined) return { type: 'dashboard', preview, ...themed };
    const seq = ++this.seq;
    const base = this.page;
    this.page = { seq, value: preview.dashboard };
    if (!base) return { type: 'dashboard', preview, ...themed, seq };
    const rest = { ...preview };
    delete rest.dashboard;
    return { type: 'dashboard', preview: rest, ...themed, seq, patch: { base: base.seq, changes: diffJson(base.value, preview.dashboard) } };
  }
}

/** Members of a panel that decide the layout (place, size, rows, repeats), not only what it shows. */
const LAYOUT_MEMBERS = new Set(['gridPos', 'type', 'collapsed', 'panels', 'id', 'repeat', 'repeatDirection', 'maxPerRow', 'repeatPanelId', 'repeatIteration', 'libraryPanel']);

/**
 * Whether the changes leave the layout as it was: each is inside a panel (`panels[i]`, at any row
 * depth) and none touches a member the layout reads. Then the panels visible, and their widths, are
 * those the webview reported last, and the host can query the changed ones before it reports again.
 */
export function layoutNeutral(changes: readonly DashboardChange[]): boolean {
  return changes.every(({ path }) => {
    let i = 0;
    while (path[i] === 'panels' && typeof path[i + 1] === 'number') i += 2;
    const member = path[i];
    return i >= 2 && typeof member === 'string' && !LAYOUT_MEMBERS.has(member);
  });
}
