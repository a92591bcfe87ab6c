// The regular expressions of dashboard options: "/pattern/flags" or a bare pattern.

/** undefined for an invalid pattern: whatever uses it then matches nothing. */
export function toRegExp(s: string): RegExp | undefined {
  try {
    const m = /^\/(.*)\/([gimsuy]*)$/.exec(s);
    return m ? new RegExp(m[1], m[2].replace('g', '')) : new RegExp(s);
  } catch {
    return undefined;
  }
}

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
