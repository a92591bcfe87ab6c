// A repeated panel's own variable values (Grafana's scopedVars), as they arrive from the webview
// through the host: checked once here for the host (client/src/panels/panelQueries.ts) and the
// server's panel query alike.

/** Variable name → the copy's single value and its text. */
export type ScopedVars = Record<string, { text: string; value: string }>;

/** Scoped variables if well formed (name → { text, value } strings), else undefined. */
export function validScopedVars(v: unknown): ScopedVars | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: ScopedVars = {};
  for (const [name, s] of Object.entries(v as Record<string, unknown>)) {
    const o = s as { text?: unknown; value?: unknown } | null;
    if (!o || typeof o !== 'object' || typeof o.value !== 'string') continue;
    out[name] = { text: typeof o.text === 'string' ? o.text : o.value, value: o.value };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
