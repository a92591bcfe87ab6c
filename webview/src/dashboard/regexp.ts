// The regular expressions of dashboard options: "/pattern/flags" or a bare pattern.
// Grafana reads every one of them (override matchers, filterFieldsByName, renameByRegex) with
// stringToJsRegex.

/**
 * Grafana's stringToJsRegex (text/string.ts): "/pattern/flags", or a bare pattern matching the
 * whole string (^pattern$); undefined for an invalid one, where Grafana's transformation fails.
 */
export function stringToJsRegex(s: string): RegExp | undefined {
  try {
    if (!s.startsWith('/')) return new RegExp(`^${s}$`);
    const m = /^\/(.*?)\/(g?i?m?y?s?)$/.exec(s);
    return m ? new RegExp(m[1], m[2]) : undefined;
  } catch {
    return undefined;
  }
}
