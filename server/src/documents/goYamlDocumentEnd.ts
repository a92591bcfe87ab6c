// Where Go's YAML parsers stop reading a file whose first line is indented.
//
// Prometheus reads prometheus.yml with yaml.v2 and rule files with yaml.v3; both decode the first
// document of the stream and never look further. When the first line of a file is indented
// (`  global:`), the root mapping sits at that column, and the first later line indented less
// (`scrape_configs:` at column 0) ends the root node, and with it the document. YAML then wants a
// `---` before more content, so the `yaml` package reports errors there; yaml.v2 and yaml.v3
// never parse that far. Prometheus loads the file, without everything from that line on
// (`promtool check config` and `check rules` say SUCCESS).

/** The first line Go's YAML parsers never read, as above; `indent` is the first line's indentation. */
export interface IgnoredTail {
  at: number;
  indent: number;
}

export function goYamlIgnoredTail(text: string): IgnoredTail | undefined {
  let indent = -1;
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    let col = 0;
    while (start + col < end && text.charCodeAt(start + col) === 0x20) col++;
    const first = text[start + col];
    if (start + col < end && first !== '#' && first !== '\r') {
      if (indent < 0) {
        // Directives, document markers, tab indentation and unindented roots: not this case.
        if (col === 0 || first === '\t') return undefined;
        indent = col;
      } else if (col < indent) {
        return { at: start, indent };
      }
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return undefined;
}

/**
 * The text Prometheus decodes, for linters that parse with the `yaml` package: the whole text,
 * or its part before goYamlIgnoredTail when that part is what Go reads. `parse` parses a text;
 * `errorOffsets` gives the offsets of its YAML errors. Offsets in the part are offsets in the text.
 */
export function goYamlDecodedPart<T>(text: string, parse: (text: string) => T, errorOffsets: (parsed: T) => number[]): { parsed: T; ignored?: IgnoredTail } {
  const parsed = parse(text);
  const errors = errorOffsets(parsed);
  if (errors.length === 0) return { parsed };
  const tail = goYamlIgnoredTail(text);
  // The errors must all lie in the ignored part, and the part before it must be YAML on its own
  // (a cut inside a multi-line flow collection or quoted scalar is not a document end).
  if (tail === undefined || errors.some((at) => at < tail.at)) return { parsed };
  const head = parse(text.slice(0, tail.at));
  return errorOffsets(head).length === 0 ? { parsed: head, ignored: tail } : { parsed };
}

/** The range to underline (the first ignored line) and the message. */
export function ignoredTailFinding(text: string, tail: IgnoredTail): { range: { start: number; end: number }; message: string } {
  const nl = text.indexOf('\n', tail.at);
  let end = nl < 0 ? text.length : nl;
  if (text.charCodeAt(end - 1) === 0x0d) end--;
  let start = tail.at;
  while (start < end && text.charCodeAt(start) === 0x20) start++;
  return {
    range: { start, end },
    message: `Prometheus ignores this line and all that follow: it is indented less than the first line of the file (${tail.indent} ${tail.indent === 1 ? 'space' : 'spaces'}), which ends the YAML document there, and Prometheus reads only the first document`,
  };
}
