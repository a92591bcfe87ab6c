// Hover: documentation for the word under the cursor (functions, aggregations, keywords,
// operators) and durations in words.
import { getFunction } from '../promql/functions';
import { functionSignature } from './signatureHelp';
import { tokenAt, tokenize } from './tokens';
import { durationInWords, durationMs, getAggregation, getWord, type WordInfo } from './vocabulary';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  /** Offsets in the expression text of the word described. */
  range: { start: number; end: number };
}

export function hoverAt(text: string, offset: number): HoverResult | undefined {
  const tokens = tokenize(text);
  const tok = tokenAt(tokens, offset);
  if (!tok) return undefined;
  const range = { start: tok.start, end: tok.end };
  const next = tokens[tokens.indexOf(tok) + 1];
  const calls = next?.text === '(';

  if (tok.kind === 'duration') {
    const words = durationInWords(tok.text);
    if (!words) return undefined;
    const ms = durationMs(tok.text)!;
    const seconds = ms >= 1000 && ms % 1000 === 0 ? ` (${ms / 1000} s)` : '';
    return { contents: `**${tok.text}**: ${words}${seconds}`, range };
  }
  if (tok.kind === 'ident') {
    const lower = tok.text.toLowerCase();
    const fn = getFunction(tok.text);
    if (fn && calls) {
      const sig = functionSignature(fn);
      const experimental = fn.experimental ? '\n\n*Experimental*: needs `--enable-feature=promql-experimental-functions`.' : '';
      return { contents: code(sig.label) + (fn.description ? `\n\n${fn.description}` : '') + experimental, range };
    }
    const agg = getAggregation(lower);
    if (agg) {
      const sig = agg.param ? `${agg.name}(${agg.param.name}, v instant vector)` : `${agg.name}(v instant vector)`;
      const experimental = agg.experimental ? '\n\n*Experimental*: needs `--enable-feature=promql-experimental-functions`.' : '';
      return { contents: `${code(`${sig} instant vector`)}\n\nAggregation. ${agg.description}${experimental}`, range };
    }
    const word = getWord(lower);
    if (word) return { contents: wordDoc(word), range };
    return undefined;
  }
  if (tok.kind === 'op') {
    const word = getWord(tok.text, isInsideBraces(tokens, tokens.indexOf(tok)));
    return word ? { contents: wordDoc(word), range } : undefined;
  }
  return undefined;
}

function wordDoc(w: WordInfo): string {
  const syntax = w.syntax ? `\n\n${code(w.syntax)}` : '';
  const experimental = w.experimental ? `\n\n*Experimental*: needs \`--enable-feature=${w.experimental}\`.` : '';
  return `**${w.word}**: ${w.description}${syntax}${experimental}`;
}

function code(s: string): string {
  return '```promql\n' + s + '\n```';
}

function isInsideBraces(tokens: ReturnType<typeof tokenize>, index: number): boolean {
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    if (tokens[i].text === '}') depth++;
    else if (tokens[i].text === '{') {
      if (depth === 0) return true;
      depth--;
    }
  }
  return false;
}
