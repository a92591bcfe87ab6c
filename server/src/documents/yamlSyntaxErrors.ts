// YAML syntax errors as our checkers report them. The `yaml` package's own words are kept, except
// for a flow collection that is never closed: with go-yaml's leniency (goYamlLeniency.ts) such a
// `[` or `{` reads on to the end of the file, and the package then says "Flow sequence in block
// collection must be sufficiently indented and end with a ]" at the end of the file, when
// indentation is not the problem. We say what go-yaml says, "did not find expected ',' or ']'",
// on the bracket that is not closed, and leave out the errors that follow from it.
import './goYamlLeniency';
import { Parser, type YAMLError } from 'yaml';

export interface SyntaxFinding {
  message: string;
  range: [number, number];
}

const UNCLOSED = /^Flow (sequence|map) (?:in block collection must be sufficiently indented and end|must end) with a ([\]}])/;

/** The YAML errors of one document (the `yaml` package's), as diagnostics on `text`. */
export function yamlSyntaxFindings(text: string, errors: readonly YAMLError[]): SyntaxFinding[] {
  const plain = (e: YAMLError): SyntaxFinding => ({ message: `yaml: ${e.message.split('\n')[0]}`, range: [e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)] });
  const unclosed = errors.find((e) => UNCLOSED.test(e.message));
  if (!unclosed) return errors.map(plain);
  const close = UNCLOSED.exec(unclosed.message)![2];
  const start = unclosedFlowStart(text, unclosed.pos[0]);
  if (start === undefined) return errors.map(plain);
  // The errors before the bracket stand; those after it follow from the bracket left open.
  return [
    ...errors.filter((e) => e.pos[0] < start).map(plain),
    { message: `yaml: did not find expected ',' or '${close}'`, range: [start, start + 1] },
  ];
}

interface Token {
  type: string;
  offset?: number;
  source?: string;
  start?: Token | Token[];
  end?: Token[];
  value?: Token;
  key?: Token | null;
  sep?: Token[];
  items?: Array<{ start?: Token[]; key?: Token | null; sep?: Token[]; value?: Token }>;
}

/** The offset of the outermost flow collection left open before `before`, from the CST. */
export function unclosedFlowStart(text: string, before: number): number | undefined {
  const stack: Token[] = [];
  for (const t of new Parser().parse(text)) stack.push(t as unknown as Token);
  let found: number | undefined;
  // Iterative: a file of 10,000 nested brackets must not overflow the stack.
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.type === 'flow-collection') {
      const open = t.start as Token | undefined;
      const closed = t.end?.some((e) => e.source === ']' || e.source === '}');
      if (!closed && open?.offset !== undefined && open.offset < before && (found === undefined || open.offset < found)) found = open.offset;
    }
    if (t.value) stack.push(t.value);
    if (t.key) stack.push(t.key);
    for (const item of t.items ?? []) {
      if (item.key) stack.push(item.key);
      if (item.value) stack.push(item.value);
    }
  }
  return found;
}
