// Prometheus' String() and Prettify() for PromQL. STUB: being written.
import type { Expr } from './ast';

export interface FormatOptions {
  /** Multi-line layout (Prometheus' Prettify) instead of the one-line String(). */
  pretty?: boolean;
  /** Line limit for the pretty layout; Prometheus' default is 100. */
  maxLineLength?: number;
}

export function exprToString(_expr: Expr): string {
  throw new Error('not implemented');
}

export function formatPromQL(_text: string, _opts: FormatOptions = {}): string {
  throw new Error('not implemented');
}
