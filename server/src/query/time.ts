// Time arguments as people write them: unix seconds, RFC 3339, `now`, `now-1h`.
import { parseDuration } from '../promql/durations';

export function parseTimeArg(s: string, nowMs: number = Date.now()): number {
  const t = s.trim();
  if (t === 'now') return nowMs / 1000;
  const rel = /^now([+-])(.+)$/.exec(t);
  if (rel) {
    const { ms } = parseDuration(rel[2]);
    if (ms === undefined) throw new Error(`bad duration in "${s}"`);
    return (nowMs + (rel[1] === '-' ? -ms : ms)) / 1000;
  }
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) throw new Error(`cannot read time "${s}" (use unix seconds, RFC 3339 or now-1h)`);
  return ms / 1000;
}
