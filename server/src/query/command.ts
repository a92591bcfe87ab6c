// `monitoring-as-code query --url URL [--start T --end T [--step S]] [--time T] [--json] EXPR`:
// runs a query against Prometheus (or a compatible engine) and prints a table or the JSON result.
import { PrometheusClient } from '../prometheus/client';
import { PrometheusError, parseMetricsqlSyntaxError, parseServerSyntaxError } from '../prometheus/errors';
import type { QueryResult } from '../prometheus/result';
import { defaultStepSec } from '../prometheus/step';
import { parseDuration } from '../promql/durations';
import { prometheusLineCol } from '../text/utf8';
import { renderTable } from './table';
import { parseTimeArg } from './time';

interface QueryArgs {
  url?: string;
  start?: string;
  end?: string;
  step?: string;
  time?: string;
  json: boolean;
  timeoutMs?: number;
  expr?: string;
}

function parseArgs(argv: string[]): QueryArgs {
  const out: QueryArgs = { json: false };
  const valued = new Set(['--url', '--start', '--end', '--step', '--time', '--timeout']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (valued.has(flag)) {
      const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      if (flag === '--timeout') {
        const { ms } = parseDuration(v);
        if (ms === undefined) throw new Error(`--timeout: bad duration "${v}"`);
        out.timeoutMs = ms;
      } else (out as unknown as Record<string, string>)[flag.slice(2)] = v;
    } else if (a === '--json') out.json = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else if (out.expr === undefined) out.expr = a;
    else throw new Error('give the expression as one argument (quote it)');
  }
  return out;
}

export async function runQuery(argv: string[]): Promise<number> {
  let args: QueryArgs;
  try {
    args = parseArgs(argv);
    if (!args.url) throw new Error('--url is required');
    if (!args.expr) throw new Error('no expression given');
    if ((args.start === undefined) !== (args.end === undefined)) throw new Error('--start and --end go together');
  } catch (e) {
    process.stderr.write(`monitoring-as-code query: ${(e as Error).message}\n`);
    return 2;
  }
  const client = new PrometheusClient({ name: args.url, url: args.url }, {}, { timeoutMs: args.timeoutMs });
  let result: QueryResult;
  try {
    if (args.start !== undefined && args.end !== undefined) {
      const start = parseTimeArg(args.start);
      const end = parseTimeArg(args.end);
      if (end < start) throw new Error('--end is before --start');
      let step = defaultStepSec(end - start);
      if (args.step !== undefined) {
        const ms = /^\d+(\.\d+)?$/.test(args.step) ? Number(args.step) * 1000 : parseDuration(args.step).ms;
        if (!ms) throw new Error(`--step: bad duration "${args.step}"`);
        step = ms / 1000;
      }
      result = await client.queryRange(args.expr!, start, end, step);
    } else {
      result = await client.query(args.expr!, args.time !== undefined ? parseTimeArg(args.time) : undefined);
    }
  } catch (e) {
    if (e instanceof PrometheusError) {
      const pos = e.kind === 'api' ? parseServerSyntaxError(e.message) ?? metricsqlPosition(e.message, args.expr!) : null;
      process.stderr.write(pos ? `${pos.line}:${pos.column}: parse error: ${pos.message}\n` : `error: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`monitoring-as-code query: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.json) process.stdout.write(JSON.stringify(result, jsonNumbers, 2) + '\n');
  else process.stdout.write(renderTable(result));
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  if (result.truncated) process.stderr.write(`note: showing ${result.truncated.seriesKept} of ${result.truncated.seriesTotal} series\n`);
  return 0;
}

/** NaN and ±Inf have no JSON form; write them as Prometheus does, as strings. */
function jsonNumbers(_key: string, v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  return v;
}

/**
 * A VictoriaMetrics syntax error (which names the unparsed rest of the query, not a position) as
 * Prometheus gives its own: a 1-based line and a column in UTF-8 bytes.
 */
function metricsqlPosition(error: string, expr: string): { line: number; column: number; message: string } | null {
  const found = parseMetricsqlSyntaxError(error, expr);
  if (!found) return null;
  const { line, col } = prometheusLineCol(expr, found.offset);
  return { line, column: col, message: found.message };
}
