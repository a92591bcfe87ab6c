// Entry point of the PromQL core: lex, parse, check. STUB: being written.
import type { ParseOptions, ParseResult } from './types';
export type { ParseOptions, ParseResult, PromQLError } from './types';

export function parsePromQL(_text: string, _opts: ParseOptions = {}): ParseResult {
  return { expr: null, errors: [{ message: 'not implemented', range: { start: 0, end: 0 } }] };
}
