// The command-line face of the analysis core: the same parser, formatter and linters as the
// editor, without LSP. Exit codes: 0 clean, 1 problems found, 2 usage or I/O errors.
import * as path from 'node:path';
import { parsePromQL } from './promql/parse';
import { formatPromQL } from './promql/format';
import { optionsFromGoNames, type ParseOptions } from './promql/types';
import { utf8ByteOffset } from './text/utf8';

const USAGE = `usage: monitoring-as-code <command> [options]

commands:
  parse --jsonl                 read {"input": "...", "parser_options": [...]} lines on stdin,
                                write {"valid": bool, "errors": [{"message","start","end"}]} lines
                                (offsets in UTF-8 bytes, half-open, as Prometheus reports them)
  format [--pretty] [--max-line-length N] [--experimental]
                                format PromQL read from stdin (--pretty: multi-line layout)
  check [--format text|json|sarif|github] [--kind KIND] [--config FILE] [--fix]
        [--fail-on SEVERITY] PATH...
                                lint rule files, prometheus.yml files, dashboards and .promql files
                                (kinds: prometheus-config, rule-file, rule-test, dashboard, promql; settings
                                from the nearest .monitoring-lint.yml or --config; check --help)
  query --url URL [--time T | --start T --end T [--step S]] [--json] [--timeout D] EXPR
                                run a query against Prometheus and print a table or JSON
                                (times: unix seconds, RFC 3339, now, now-1h)
  lsp --stdio                   run the language server over stdio
  --version                     print the version
`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'parse':
      return runParse(rest);
    case 'format':
      return runFormat(rest);
    case 'check': {
      const { runCheck } = await import('./check/command');
      return runCheck(rest);
    }
    case 'query': {
      const { runQuery } = await import('./query/command');
      return runQuery(rest);
    }
    case 'lsp':
      return runLsp(rest);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
    case '--version':
      process.stdout.write(`monitoring-as-code ${version()}\n`);
      return 0;
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

/** The package's version, from the package.json two folders above the bundle (server/out/). */
function version(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

async function runParse(args: string[]): Promise<number> {
  if (!args.includes('--jsonl')) throw new UsageError('parse needs --jsonl');
  // Loaded here, not at the top: the other commands do not read lines (it costs them ~8 modules).
  const readline = await import('node:readline');
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    let record: { input?: unknown; parser_options?: unknown };
    try {
      record = JSON.parse(line);
    } catch (e) {
      process.stderr.write(`line ${lineNo}: not JSON: ${(e as Error).message}\n`);
      process.stdout.write(JSON.stringify({ valid: false, errors: [{ message: 'input line is not JSON', start: 0, end: 0 }] }) + '\n');
      continue;
    }
    const input = typeof record.input === 'string' ? record.input : '';
    const names = Array.isArray(record.parser_options) ? record.parser_options.filter((x): x is string => typeof x === 'string') : [];
    const { errors } = parsePromQL(input, optionsFromGoNames(names));
    const out = {
      valid: errors.length === 0,
      errors: errors.map((e) => ({
        message: e.message,
        start: utf8ByteOffset(input, e.range.start),
        end: utf8ByteOffset(input, e.range.end),
      })),
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  }
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function allOptions(args: string[]): ParseOptions {
  return args.includes('--experimental')
    ? { enableExperimentalFunctions: true, experimentalDurationExpr: true, enableExtendedRangeSelectors: true, enableBinopFillModifiers: true }
    : {};
}

async function runFormat(args: string[]): Promise<number> {
  const pretty = args.includes('--pretty');
  const i = args.indexOf('--max-line-length');
  let maxLineLength: number | undefined;
  if (i >= 0) {
    maxLineLength = Number(args[i + 1]);
    if (!Number.isInteger(maxLineLength) || maxLineLength <= 0) throw new UsageError('--max-line-length needs a positive integer');
  }
  const text = await readStdin();
  const result = formatPromQL(text, { pretty, maxLineLength, parseOptions: allOptions(args) });
  if (result.errors.length > 0) {
    for (const e of result.errors) {
      const { line, col } = lineCol(text, e.range.start);
      process.stderr.write(`${line}:${col}: parse error: ${e.message}\n`);
    }
    return 1;
  }
  process.stdout.write(result.text.endsWith('\n') ? result.text : result.text + '\n');
  return 0;
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, col: offset - nl };
}

async function runLsp(args: string[]): Promise<number> {
  if (!args.includes('--stdio')) throw new UsageError('lsp needs --stdio');
  // The language server is its own bundle next to this one; load it only when asked.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const server = require(path.join(__dirname, 'server.js')) as { startServer(): void };
  server.startServer();
  return new Promise<number>(() => undefined); // runs until the client closes the connection
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`monitoring-as-code: ${err.message}\n\n${USAGE}`);
    } else {
      process.stderr.write(`monitoring-as-code: ${(err as Error)?.stack ?? String(err)}\n`);
    }
    process.exitCode = 2;
  },
);
