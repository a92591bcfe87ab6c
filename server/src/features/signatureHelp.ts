// Signature help: which function or parameterised aggregation the cursor is an argument of, and
// which argument.
import { documentedType } from '../promql/ast';
import { getFunction, type FunctionEntry } from '../promql/functions';
import { openBrackets } from './completionContext';
import { tokenize } from './tokens';
import { getAggregation } from './vocabulary';

export interface SignatureParameter {
  label: string;
  documentation?: string;
}

export interface Signature {
  /** e.g. `rate(v range vector) instant vector` */
  label: string;
  documentation?: string;
  parameters: SignatureParameter[];
}

export interface SignatureHelpResult {
  signature: Signature;
  activeParameter: number;
}

/** The signature of a catalogue function, with Prometheus' documented type names. */
export function functionSignature(f: FunctionEntry): Signature {
  const parameters: SignatureParameter[] = f.argTypes.map((t, i) => {
    const optional = f.variadic > 0 && i >= f.argTypes.length - 1 ? '?' : '';
    const repeated = f.variadic < 0 && i === f.argTypes.length - 1 ? '...' : '';
    return { label: `${f.params[i] ?? `arg${i + 1}`}${optional} ${documentedType(t)}${repeated}` };
  });
  return {
    label: `${f.name}(${parameters.map((p) => p.label).join(', ')}) ${documentedType(f.returnType)}`,
    documentation: f.description || undefined,
    parameters,
  };
}

function aggregationSignature(name: string): Signature | undefined {
  const a = getAggregation(name);
  if (!a?.param) return undefined;
  const parameters = [{ label: `${a.param.name} ${a.param.type}` }, { label: 'v instant vector' }];
  return {
    label: `${a.name}(${parameters.map((p) => p.label).join(', ')}) instant vector`,
    documentation: a.description,
    parameters,
  };
}

export function signatureHelpAt(text: string, offset: number): SignatureHelpResult | undefined {
  const tokens = tokenize(text.slice(0, offset));
  const last = tokens[tokens.length - 1];
  if (last && last.end === offset && last.kind === 'comment') return undefined;
  const open = openBrackets(tokens).filter((t) => t.text === '(');
  for (let k = open.length - 1; k >= 0; k--) {
    const paren = open[k];
    const idx = tokens.indexOf(paren);
    const name = tokens[idx - 1];
    if (!name || name.kind !== 'ident') continue;
    const fn = getFunction(name.text);
    const signature = fn ? functionSignature(fn) : aggregationSignature(name.text.toLowerCase());
    if (!signature) {
      // by(...), on(...) and friends are not calls; a plain paren is not either. Keep looking outward.
      continue;
    }
    let depth = 0;
    let commas = 0;
    for (const t of tokens.slice(idx + 1)) {
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
      else if (t.text === ',' && depth === 0) commas++;
    }
    const lastParam = signature.parameters.length - 1;
    return { signature, activeParameter: Math.max(0, Math.min(commas, lastParam)) };
  }
  return undefined;
}
