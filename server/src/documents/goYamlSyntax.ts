// What Prometheus says of a YAML file it cannot read: go-yaml's first error, in its words.
//
// Prometheus reads prometheus.yml with gopkg.in/yaml.v2 and rule files with yaml.v3. Both stop at
// the first error of libyaml's scanner and parser (ported in goYamlScanner.ts and goYamlParser.ts)
// or of their own composer, over the first document: Unmarshal reads one document, and looks no
// further than the scanner's lookahead (one token in v2, three in v3, which is how v3 can fail on
// a tab after a `---` that v2 never reaches). decode.go's `fail` prints `yaml: line N: <problem>`,
// and the two versions take N from different marks (see `printedLine`).
//
// `printedLine` and the alias check follow go-yaml's decode.go, Copyright (c) 2011-2019 Canonical
// Ltd, Apache License 2.0.
import { Ev, Parser } from './goYamlParser';
import { GoYamlError } from './goYamlScanner';

export type GoYamlFlavour = 'v2' | 'v3';

const UNCLOSED_FLOW = /^did not find expected ',' or [\]}']/;

export interface GoYamlSyntaxError {
  /** As Prometheus prints it: `yaml: line N: <problem>`, or `yaml: <problem>` when go-yaml gives no line. */
  message: string;
  /** The line go-yaml prints (0 when it prints none); not always the problem's, see `printedLine`. */
  line: number;
  /** Where the problem is, as a UTF-16 offset in the text. */
  offset: number;
}

/** go-yaml's error for `text` (v2: a Prometheus config, v3: a rule file), or undefined if it reads it. */
export function goYamlSyntaxError(text: string, flavour: GoYamlFlavour): GoYamlSyntaxError | undefined {
  try {
    composeFirstDocument(new Parser(text, flavour === 'v3'));
    return undefined;
  } catch (e) {
    if (!(e instanceof GoYamlError)) throw e;
    const line = printedLine(e, flavour);
    // At the end of the file, the problem is what was left open there: a quote, a bracket, a key.
    // A flow collection that is not closed is marked on its bracket wherever go-yaml noticed.
    const atContext = e.contextMark && (e.problemMark.offset >= text.length || UNCLOSED_FLOW.test(e.problem));
    const at = atContext ? e.contextMark! : e.problemMark;
    return { message: `yaml: ${line > 0 ? `line ${line}: ` : ''}${e.problem}`, line, offset: at.offset };
  }
}

/**
 * The events of the first document, as decode.go's parser takes them; what it checks itself is
 * that an alias follows its anchor.
 */
function composeFirstDocument(parser: Parser): void {
  parser.parse(); // STREAM-START
  if (parser.parse()?.type !== Ev.DocumentStart) return; // an empty stream
  const anchors = new Set<string>();
  for (let e = parser.parse(); e && e.type !== Ev.DocumentEnd; e = parser.parse()) {
    if (e.type === Ev.Alias) {
      if (!anchors.has(e.anchor!)) throw new GoYamlError('composer', `unknown anchor '${e.anchor}' referenced`, e.start);
    } else if (e.anchor !== undefined) {
      anchors.add(e.anchor);
    }
  }
}

/**
 * The line decode.go's `fail` prints. Marks count lines from 0, and a line of 0 is taken for no
 * line at all. v2 prints the problem's line (one more for a scanner error, whose mark has not
 * moved to the next line yet), else the context's; v3 prefers the context's line (one more for a
 * scanner error), else the problem's. So a parser error is printed one line before the line it
 * is on, and v3 names where a collection started rather than where it went wrong.
 */
function printedLine(e: GoYamlError, flavour: GoYamlFlavour): number {
  if (e.kind === 'reader' || e.kind === 'composer') return 0;
  const extra = e.kind === 'scanner' ? 1 : 0;
  const problem = e.problemMark.line;
  const context = e.contextMark?.line ?? 0;
  if (flavour === 'v2') return problem !== 0 ? problem + extra : context;
  return context !== 0 ? context + extra : problem !== 0 ? problem + extra : 0;
}
