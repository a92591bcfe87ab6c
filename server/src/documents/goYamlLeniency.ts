// go-yaml, which Prometheus reads its files with, scans YAML as libyaml does: it does not check
// indentation inside flow collections (`[ ... ]` and `{ ... }` written over several lines) nor on
// the continuation lines of a quoted scalar. The `yaml` package follows YAML 1.2, which wants those
// lines indented more than their parent, and so reported errors on files Prometheus loads. Seen in
// real configs and rule files: a `]` at the indentation of its key, targets listed one per line at
// the key's indentation, an annotation in quotes continued at the key's indentation.
//
// Importing this module makes the `yaml` package's lexer as lenient as libyaml there, for every
// parse in the process: the indentation it requires of the next line (`indentNext`) reads as 0
// inside a flow collection and inside a quoted scalar. What is left is the check libyaml keeps,
// `---` or `...` at the start of a line. Plain scalars in block context keep their indentation
// rule, as in libyaml. The lexer is the package's own class (its Parser creates it), so the
// property is redefined on its prototype; the tests in goYamlLeniency.test.ts pin the behaviour
// (and fail if a new version of the package stops reading `indentNext`).
import { Lexer } from 'yaml';

const PATCHED = Symbol.for('monitoring-as-code.goYamlLeniency');

interface LexerInternals {
  flowLevel: number;
  /** The value the lexer set. */
  [STORED]: number;
  /** True while a quoted scalar is lexed. */
  [IN_QUOTED]: boolean;
  parseQuotedScalar(): Generator<string, string>;
}
const STORED = Symbol('indentNext');
const IN_QUOTED = Symbol('inQuoted');

function patch(): void {
  const proto = Lexer.prototype as unknown as LexerInternals & Record<symbol, unknown>;
  if (proto[PATCHED]) return;
  proto[PATCHED] = true;
  Object.defineProperty(proto, 'indentNext', {
    configurable: true,
    get(this: LexerInternals): number {
      return this.flowLevel > 0 || this[IN_QUOTED] ? 0 : (this[STORED] ?? 0);
    },
    set(this: LexerInternals, value: number) {
      this[STORED] = value;
    },
  });
  const parseQuotedScalar = proto.parseQuotedScalar;
  if (typeof parseQuotedScalar !== 'function') return;
  proto.parseQuotedScalar = function* (this: LexerInternals): Generator<string, string> {
    this[IN_QUOTED] = true;
    try {
      return yield* parseQuotedScalar.call(this);
    } finally {
      this[IN_QUOTED] = false;
    }
  };
}

patch();
