// Checks of single scalar values: the conversions Go's decoder and Prometheus' UnmarshalYAML
// methods perform on one field (durations, sizes, URLs, regexes, enums, numbers, files).
import * as path from 'node:path';
import { isScalar, type Node } from 'yaml';
import { compileGoRegexp } from '../../promql/goRegexp';
import { surelyValidRe2 } from '../../promql/re2Simple';
import { parseDuration, parseSize, suggestDuration } from './durations';
import { goPatternError, hasGlobMeta } from './goGlob';
import { goQuote, goYamlShownValue } from './goText';
import type { ScalarType } from './schema/types';
import type { ObjView } from './objView';
import { report, type WalkContext } from './walkContext';
import { goString, goTag, rangeOf, sourceText } from './yamlNodes';
import { fitsGoInt, resolveGoYamlNumber } from './goYamlNumber';

const goTypeName: Record<ScalarType['kind'], string> = {
  string: 'string', secret: 'config.Secret', bool: 'bool', int: 'int', float: 'float64', duration: 'string',
  size: 'string', url: 'string', regex: 'string', enum: 'string', file: 'string',
};

/** Checks one scalar field value; `node` is already alias-resolved and not null. */
export function checkScalar(node: Node, type: ScalarType, ctx: WalkContext): void {
  const range = rangeOf(node);
  const into = type.kind === 'int' ? type.goType : type.kind === 'string' ? type.goType ?? 'string' : goTypeName[type.kind];
  if (!isScalar(node)) {
    report(ctx, 'config/type', range, `cannot unmarshal ${goTag(node)} into ${into}`);
    return;
  }
  const typeError = (): void =>
    report(ctx, 'config/type', range, `cannot unmarshal ${goTag(node)} \`${goYamlShownValue(sourceText(node))}\` into ${into}`);
  switch (type.kind) {
    case 'bool':
      if (typeof node.value !== 'boolean') typeError();
      return;
    case 'int': {
      const r = resolveGoYamlNumber(node);
      // A tag its text does not fit: go-yaml fails while resolving it, before any field.
      if (r && 'error' in r) return report(ctx, 'config/type', range, r.error);
      if (!r || goTag(node) === '!!binary') return typeError();
      // yaml.v2 truncates an !!float up to the type's maximum, a negative one into uint too
      // (promtool accepts `sample_limit: -1.5`); an !!int must fit.
      if (r.tag === '!!float') {
        if (!(r.value <= (type.goType === 'uint' || type.goType === 'uint64' ? 2 ** 64 : 2 ** 63))) typeError();
        return;
      }
      if (!fitsGoInt(r.int, type.goType)) typeError();
      return;
    }
    case 'float': {
      const r = resolveGoYamlNumber(node);
      if (r && 'error' in r) report(ctx, 'config/type', range, r.error);
      else if (!r) typeError();
      return;
    }
    default:
      break;
  }
  const text = goString(node);
  if (!text.ok) {
    report(ctx, 'config/type', range, text.error);
    return;
  }
  const value = text.value;
  switch (type.kind) {
    case 'duration': {
      const d = parseDuration(value);
      if (d.ok) return;
      const better = node.type === 'PLAIN' && range ? suggestDuration(value) : undefined;
      const fixes = better && range ? [{ title: `Change to ${better}`, edits: [{ range: { start: range[0], end: range[1] }, newText: better }] }] : undefined;
      report(ctx, 'config/duration', range, better ? `${d.error}; did you mean ${better}?` : d.error, 'error', fixes);
      return;
    }
    case 'size': {
      const s = parseSize(value);
      if (!s.ok) report(ctx, 'config/size', range, s.error);
      return;
    }
    case 'url': {
      const err = goUrlParseError(value);
      if (err) report(ctx, 'config/url', range, err);
      return;
    }
    case 'regex': {
      const err = regexError(value);
      if (err) report(ctx, 'config/regex', range, err);
      return;
    }
    case 'enum':
      if (!type.values.includes(type.caseInsensitive ? value.toLowerCase() : value)) report(ctx, 'config/invalid-value', range, type.message(value));
      return;
    case 'file':
      checkFileExists(value, range, ctx, type.glob === true);
      return;
    default:
      return;
  }
}

/** Compiles a relabel/matcher regex the way Prometheus does: RE2, anchored. */
export function regexError(source: string): string | undefined {
  if (surelyValidRe2(source)) return undefined;
  try {
    compileGoRegexp(`^(?:${source})$`);
    return undefined;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return msg.startsWith('error parsing regexp') ? msg : `error parsing regexp: ${msg}`;
  }
}

/**
 * The error Go's url.Parse reports, in its order: control characters, the scheme, the authority
 * (host, then userinfo), the path's escapes, then the fragment's. It accepts far more than "a URL
 * with a host": the query is not checked, a URL with a scheme and no slash is opaque.
 */
export function goUrlParseError(s: string): string | undefined {
  const wrap = (m: string): string => `parse ${goQuote(s)}: ${m}`;
  if (/[\x00-\x1f\x7f]/.test(s)) return wrap('net/url: invalid control character in URL');
  const hash = s.indexOf('#');
  const error = goUrlRestError(hash < 0 ? s : s.slice(0, hash)) ?? (hash < 0 ? undefined : goUnescapeError(s.slice(hash + 1), 'other'));
  return error === undefined ? undefined : wrap(error);
}

/** url.parse of the URL without its fragment. */
function goUrlRestError(raw: string): string | undefined {
  // getScheme
  let scheme = '';
  let rest = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return 'missing protocol scheme';
      scheme = raw.slice(0, i);
      rest = raw.slice(i + 1);
    }
    break;
  }
  // The query is cut off and not checked.
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    if (scheme !== '') return undefined; // opaque
    if (rest.split('/')[0].includes(':')) return 'first path segment in URL cannot contain colon';
  }
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const authorityError = goAuthorityError(authority);
    if (authorityError) return authorityError;
  }
  return goUnescapeError(rest, 'other');
}

/** parseAuthority: the host (parseHost), then the userinfo. */
function goAuthorityError(authority: string): string | undefined {
  const at = authority.lastIndexOf('@');
  const host = authority.slice(at + 1);
  let hostError: string | undefined;
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    const colonPort = host.slice(close + 1);
    if (!/^(:[0-9]*)?$/.test(colonPort)) return `invalid port ${goQuote(colonPort)} after host`;
    const zone = host.slice(0, close).indexOf('%25');
    hostError = zone < 0
      ? goUnescapeError(host, 'host')
      : goUnescapeError(host.slice(0, zone), 'host') ?? goUnescapeError(host.slice(zone, close), 'zone') ?? goUnescapeError(host.slice(close), 'host');
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !/^:[0-9]*$/.test(host.slice(colon))) return `invalid port ${goQuote(host.slice(colon))} after host`;
    hostError = goUnescapeError(host, 'host');
  }
  if (hostError || at < 0) return hostError;
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return 'net/url: invalid userinfo';
  return goUnescapeError(userinfo, 'other');
}

/** Host and zone characters Go's shouldEscape lets through unescaped. */
const HOST_CHAR = /[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/;
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

/** url.unescape's errors: a malformed %-escape; in a host, an ASCII byte escaped or not allowed. */
function goUnescapeError(s: string, mode: 'host' | 'zone' | 'other'): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) return `invalid URL escape ${goQuote(s.slice(i, i + 3))}`;
      const escape = s.slice(i, i + 3);
      if (mode === 'host' && parseInt(s[i + 1], 16) < 8 && escape !== '%25') return `invalid URL escape ${goQuote(escape)}`;
      if (mode === 'zone') {
        const v = parseInt(escape.slice(1), 16);
        if (escape !== '%25' && v !== 32 && (v >= 0x80 || !HOST_CHAR.test(String.fromCharCode(v)))) return `invalid URL escape ${goQuote(escape)}`;
      }
      i += 2;
    } else if (mode !== 'other' && c.charCodeAt(0) < 0x80 && !HOST_CHAR.test(c)) {
      return `invalid character ${goQuote(c)} in host name`;
    }
  }
  return undefined;
}

/** Resolves a path from the config the way Prometheus' JoinDir does. */
export function resolveConfigPath(p: string, baseDir: string | undefined): string | undefined {
  if (path.isAbsolute(p)) return p;
  // A Windows drive path cannot be resolved on another OS; leave it alone rather than guess.
  if (/^[A-Za-z]:[\\/]/.test(p) || p.includes('\\')) {
    return process.platform === 'win32' && baseDir !== undefined ? path.win32.resolve(baseDir, p) : undefined;
  }
  return baseDir === undefined ? undefined : path.join(baseDir, p);
}

/**
 * The entries of a rule_files-like list (rule_files, scrape_config_files) that Prometheus takes as
 * patterns, each resolved against the config's folder, with the range of the entry for findings.
 * Entries with a wildcard in a directory part are left out: config/file-path reports them.
 */
export function loadablePatterns(root: ObjView, ctx: WalkContext, key: string): Array<{ at: [number, number]; abs: string }> {
  const items = root.items(key);
  const out: Array<{ at: [number, number]; abs: string }> = [];
  root.strList(key).forEach((pattern, i) => {
    const r = items[i]?.range;
    if (!/^[^*]*(\*[^/]*)?$/.test(pattern)) return;
    const abs = resolveConfigPath(pattern, ctx.baseDir);
    if (abs !== undefined) out.push({ at: r ? [r[0], r[1]] : root.keyRange(key), abs });
  });
  return out;
}

function checkFileExists(p: string, range: [number, number] | undefined, ctx: WalkContext, glob: boolean): void {
  if (p === '') return;
  // Go's Glob refuses a malformed pattern ([a-, a trailing backslash): promtool fails with its words.
  const badPattern = glob && hasGlobMeta(p) ? goPatternError(p) : undefined;
  if (badPattern) {
    report(ctx, 'config/file-path', range, `${goQuote(p)}: ${badPattern}`);
    return;
  }
  const abs = resolveConfigPath(p, ctx.baseDir);
  if (abs === undefined) return;
  const isPattern = glob && hasGlobMeta(p);
  const found = isPattern ? safe(() => ctx.globMatches(abs)) : safe(() => ctx.fileExists(abs));
  if (found) return;
  const msg = isPattern ? `no file matches ${goQuote(p)} (resolved to ${abs})` : `file ${goQuote(p)} does not exist (resolved to ${abs})`;
  report(ctx, 'config/missing-file', range, msg, 'warning');
}

function safe(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return true;
  }
}
