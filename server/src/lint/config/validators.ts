// Checks of single scalar values: the conversions Go's decoder and Prometheus' UnmarshalYAML
// methods perform on one field (durations, sizes, URLs, regexes, enums, numbers, files).
import * as path from 'node:path';
import { isScalar, type Node } from 'yaml';
import { RE2JS } from 're2js';
import { surelyValidRe2 } from '../../promql/re2Simple';
import { parseDuration, parseSize, suggestDuration } from './durations';
import { goQuote } from './goText';
import type { ScalarType } from './schema/types';
import { report, type WalkContext } from './walkContext';
import { goString, goTag, rangeOf, sourceText } from './yamlNodes';

const goTypeName: Record<ScalarType['kind'], string> = {
  string: 'string', secret: 'config.Secret', bool: 'bool', int: 'int', float: 'float64', duration: 'string',
  size: 'string', url: 'string', regex: 'string', enum: 'string', file: 'string',
};

/** Checks one scalar field value; `node` is already alias-resolved and not null. */
export function checkScalar(node: Node, type: ScalarType, ctx: WalkContext): void {
  const range = rangeOf(node);
  const into = type.kind === 'int' ? type.goType : goTypeName[type.kind];
  if (!isScalar(node)) {
    report(ctx, 'config/type', range, `cannot unmarshal ${goTag(node)} into ${into}`);
    return;
  }
  const typeError = (): void =>
    report(ctx, 'config/type', range, `cannot unmarshal ${goTag(node)} \`${sourceText(node)}\` into ${into}`);
  switch (type.kind) {
    case 'bool':
      if (typeof node.value !== 'boolean') typeError();
      return;
    case 'int': {
      const v = node.value;
      if (typeof v !== 'number' || goTag(node) === '!!binary') return typeError();
      const unsigned = type.goType === 'uint' || type.goType === 'uint64';
      // yaml.v2 truncates an !!float up to the type's maximum, a negative one into uint too
      // (promtool accepts `sample_limit: -1.5`); an !!int must fit.
      if (goTag(node) === '!!float') {
        if (!(v <= (unsigned ? 2 ** 64 : 2 ** 63))) typeError();
        return;
      }
      if ((unsigned && v < 0) || Math.abs(v) >= (unsigned ? 2 ** 64 : 2 ** 63)) typeError();
      return;
    }
    case 'float':
      if (typeof node.value !== 'number') typeError();
      return;
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
    RE2JS.compile(`^(?:${source})$`);
    return undefined;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return msg.startsWith('error parsing regexp') ? msg : `error parsing regexp: ${msg}`;
  }
}

/** The errors Go's url.Parse reports; it accepts far more than "a URL with a host". */
export function goUrlParseError(s: string): string | undefined {
  const wrap = (m: string): string => `parse ${goQuote(s)}: ${m}`;
  if (/[\x00-\x1f\x7f]/.test(s)) return wrap('net/url: invalid control character in URL');
  const badEscape = /%(?![0-9A-Fa-f]{2})(.{0,2})/.exec(s);
  if (badEscape) return wrap(`invalid URL escape ${goQuote(`%${badEscape[1]}`)}`);
  const noFragment = s.split('#')[0];
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(noFragment);
  if (noFragment.startsWith(':')) return wrap('missing protocol scheme');
  if (!schemeMatch) {
    const firstSegment = noFragment.split('?')[0].split('/')[0];
    if (firstSegment.includes(':')) return wrap('first path segment in URL cannot contain colon');
    return undefined;
  }
  const rest = noFragment.slice(schemeMatch[0].length);
  if (rest.startsWith('//')) {
    const authority = rest.slice(2).split(/[/?]/)[0];
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    const portMatch = hostPort.startsWith('[') ? /\](:.*)?$/.exec(hostPort) : /(:[^:]*)$/.exec(hostPort);
    const port = portMatch?.[1];
    if (port && !/^:[0-9]*$/.test(port)) return wrap(`invalid port ${goQuote(port)} after host`);
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

function checkFileExists(p: string, range: [number, number] | undefined, ctx: WalkContext, glob: boolean): void {
  if (p === '') return;
  const abs = resolveConfigPath(p, ctx.baseDir);
  if (abs === undefined) return;
  const isPattern = glob && /[*?[]/.test(p);
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
