// YAML syntax errors as our checkers report them: what Prometheus reports. The `yaml` package
// finds that a file is not YAML (quickly, and with go-yaml's leniency, goYamlLeniency.ts); what
// go-yaml says of it, in its words, at its line, is found by the port of go-yaml in
// goYamlSyntax.ts, run only then. Its one error stands for all of the package's: go-yaml stops
// at its first error, and the package's later ones follow from it. Where go-yaml reads the file
// after all (the two libraries disagree), the package's own words are kept.
import './goYamlLeniency';
import type { YAMLError } from 'yaml';
import { goYamlSyntaxError, type GoYamlFlavour } from './goYamlSyntax';

export interface SyntaxFinding {
  message: string;
  range: [number, number];
}

/**
 * The YAML errors of one document (the `yaml` package's), as diagnostics on `text`. `flavour` is
 * the go-yaml that reads the file's first document in Prometheus: v2 for its configuration, v3 for
 * rule files; undefined for a later document, which Prometheus does not read.
 */
export function yamlSyntaxFindings(text: string, errors: readonly YAMLError[], flavour: GoYamlFlavour | undefined): SyntaxFinding[] {
  if (errors.length === 0 && !(flavour && GO_YAML_MAY_REFUSE.test(text))) return [];
  const go = flavour && goYamlSyntaxError(text, flavour);
  if (go) return [{ message: go.message, range: characterAt(text, go.offset) }];
  return errors.map((e) => ({ message: `yaml: ${e.message.split('\n')[0]}`, range: [e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)] }));
}

/**
 * What go-yaml may refuse where the yaml package reads the text: characters libyaml's reader does
 * not allow (controls, a byte-order mark past the start; unpaired surrogates are let through), a
 * tab in a line's indentation, `?` or `:` standing alone (complex and empty keys), an alias
 * (`*name`: the package accepts one without its anchor), and `?` on a line with a flow collection.
 * A regex over the text costs far less than running the port over every file that parses;
 * matching only means the port runs.
 */
const GO_YAML_MAY_REFUSE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\ud800-\udfff]|\ufeff|^ *\t|(?:^|[\s[{,])[?:](?:[\s\]},]|$)|(?:^|[\s[{,])\*\S|[[{][^\n]*\?(?:[ \t]|$)/m;

/** The character at `offset` (both halves of a surrogate pair), or the empty range at the end. */
function characterAt(text: string, offset: number): [number, number] {
  if (offset >= text.length) return [text.length, text.length];
  const c = text.charCodeAt(offset);
  return [offset, offset + (c >= 0xd800 && c <= 0xdbff && offset + 1 < text.length ? 2 : 1)];
}
