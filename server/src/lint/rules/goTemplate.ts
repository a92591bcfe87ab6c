// A syntax checker for Go text/template (text/template/parse/parse.go): it walks the grammar the way
// Go's parser does and stops at the first error with Go's message, e.g.
// `template: __alert_X:1: undefined variable "$label"`. It builds no tree: only what the checks need.
import { KEYWORD_TYPES, goQuote, lexGoTemplate, type Tok, type TokType } from './goTemplateLexer';
import { goNumberError } from './goTemplateNumber';

export interface GoTemplateError {
  /** Go's full message, `template: <name>:<line>: <msg>`. */
  message: string;
  /** UTF-16 offset in the template text of the token where Go stopped. */
  offset: number;
}

export interface GoTemplateOptions {
  /** Function names in scope besides Go's builtins. */
  funcs?: ReadonlySet<string>;
  /** Variables defined before the text (Prometheus defines $labels, $value, ...). */
  vars?: readonly string[];
}

const GO_BUILTINS = [
  'and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println',
  'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne',
];

type NodeKind = 'text' | 'action' | 'end' | 'else' | 'control' | 'template' | 'break' | 'continue';
type ArgKind = 'bool' | 'dot' | 'nil' | 'number' | 'string' | 'other';

interface Arg {
  kind: ArgKind;
  repr: string;
  /** What executing the operand as a command's first word does with arguments. */
  callee: 'func' | 'variable' | 'field' | 'value';
  /** The operand's source text and its UTF-16 range in the template. */
  pos: number;
  end: number;
  /** The identifiers of a field chain: `$labels.x` → ['$labels', 'x'], `.Labels.x` → ['Labels', 'x']. */
  idents?: string[];
}

/** What Go's text/template fails with when it runs a command: an argument given to a non-function. */
export interface GoTemplateExecProblem {
  /** Go's message, e.g. `executing "__alert_X" at <$labels.job>: job is not a method but has arguments`. */
  message: string;
  /** UTF-16 range of the operand in the template text. */
  start: number;
  end: number;
}

/** Top-level fields of the data Prometheus expands alert templates with (a struct), and which are maps. */
const DATA_FIELDS: Readonly<Record<string, 'map' | 'value'>> = { Labels: 'map', ExternalLabels: 'map', Value: 'value', ExternalURL: 'value' };
const MAP_VARIABLES = new Set(['$labels', '$externalLabels']);

class Stop extends Error {
  constructor(readonly detail: GoTemplateError) {
    super(detail.message);
  }
}

const NODE_STRING: Partial<Record<NodeKind, string>> = { end: '{{end}}', else: '{{else}}' };

function tokString(t: Tok): string {
  if (t.typ === 'eof') return 'EOF';
  if (t.typ === 'error') return t.val;
  if (KEYWORD_TYPES.has(t.typ)) return `<${t.val}>`;
  const runes = Array.from(t.val);
  if (runes.length > 10) return `${goQuote(runes.slice(0, 10).join(''))}...`;
  return goQuote(t.val);
}

const GO_STRING_ESCAPES = /\\(?:[abfnrtv\\"]|x[0-9a-fA-F]{2}|[0-7]{3}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/g;

class TemplateChecker {
  private i = 0;
  /** The furthest token read: Go reports the line of its latest token from the lexer. */
  private far = 0;
  /** Line of the {{ of the action being parsed, 0 outside actions. */
  private actionLine = 0;
  /** Templates defined so far ({{define}}, {{block}}), and whether each one's body is not empty. */
  private readonly defined = new Map<string, boolean>();
  /** Whether the body being parsed holds anything but whitespace (Go's IsEmptyTree is false). */
  private bodyUsed = false;
  private vars: string[];
  private rangeDepth = 0;
  /** The first command that would fail when the template runs (parsing goes on: Go parses it all first). */
  execProblem: GoTemplateExecProblem | null = null;

  constructor(
    private readonly toks: Tok[],
    private readonly name: string,
    private readonly funcs: ReadonlySet<string>,
    initialVars: readonly string[],
  ) {
    this.vars = ['$', ...initialVars];
  }

  run(): void {
    // parse(): like itemList at top level, plus {{define}}.
    while (this.peek().typ !== 'eof') {
      if (this.peek().typ === 'leftDelim') {
        const save = this.i;
        this.next();
        if (this.nextNonSpace().typ === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n === 'end' || n === 'else') this.errorf(`unexpected ${NODE_STRING[n]}`);
    }
  }

  // --- token stream -------------------------------------------------------------------------

  private at(i: number): Tok {
    return this.toks[Math.max(0, Math.min(i, this.toks.length - 1))];
  }
  private next(): Tok {
    const t = this.at(this.i);
    if (this.i > this.far) this.far = this.i;
    this.i++;
    return t;
  }
  private peek(): Tok {
    if (this.i > this.far) this.far = this.i;
    return this.at(this.i);
  }
  private backup(): void {
    this.i--;
  }
  private nextNonSpace(): Tok {
    let t = this.next();
    while (t.typ === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Tok {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }

  private errorf(msg: string): never {
    // Go reports the line of the last token it read (t.token[0]).
    const last = this.at(this.far);
    const cur = this.at(this.i - 1);
    throw new Stop({ message: `template: ${this.name}:${last.line}: ${msg}`, offset: cur.pos });
  }
  private unexpected(t: Tok, context: string): never {
    if (t.typ === 'error') {
      // Go reports lexing errors as they are, naming the action's line when it is another one.
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${t.val}${extra}`);
    }
    this.errorf(`unexpected ${tokString(t)} in ${context}`);
  }
  private expect(typ: TokType, context: string): Tok {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }

  // --- grammar ------------------------------------------------------------------------------

  private withScope<T>(vars: string[] | null, body: () => T): T {
    const saved = this.vars;
    const savedLen = saved.length;
    if (vars) this.vars = vars;
    try {
      return body();
    } finally {
      this.vars = saved;
      saved.length = Math.min(saved.length, savedLen);
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const t = this.nextNonSpace();
    if (t.typ !== 'string' && t.typ !== 'rawString') this.unexpected(t, context);
    const name = this.unquote(t);
    this.expect('rightDelim', context);
    // A definition is a new tree: only `$` is in scope.
    const end = this.definedBody(name, () => this.withScope(['$'], () => this.itemList()));
    if (end !== 'end') this.errorf(`unexpected ${NODE_STRING[end]} in ${context}`);
  }

  /**
   * Parses the body of {{define}} or {{block}} and adds the template as Go's Tree.add does: a name
   * may be defined again only when one of the two bodies is empty (whitespace and comments).
   */
  private definedBody(name: string | undefined, body: () => 'end' | 'else'): 'end' | 'else' {
    const outer = this.bodyUsed;
    this.bodyUsed = false;
    try {
      const end = body();
      if (end === 'end' && name !== undefined) {
        const before = this.defined.get(name);
        if (before === true && this.bodyUsed) this.errorf(`template: multiple definition of template ${goQuote(name)}`);
        if (before !== true) this.defined.set(name, this.bodyUsed);
      }
      return end;
    } finally {
      this.bodyUsed = outer || this.bodyUsed;
    }
  }

  /** itemList: textOrAction* up to {{end}} or {{else}}, which it returns. */
  private itemList(): 'end' | 'else' {
    while (this.peekNonSpace().typ !== 'eof') {
      const n = this.textOrAction();
      if (n === 'end' || n === 'else') return n;
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): NodeKind {
    const t = this.nextNonSpace();
    if (t.typ === 'text') {
      if (t.val.trim() !== '') this.bodyUsed = true;
      return 'text';
    }
    if (t.typ === 'leftDelim') {
      this.actionLine = t.line;
      try {
        const kind = this.action();
        if (kind !== 'end' && kind !== 'else') this.bodyUsed = true;
        return kind;
      } finally {
        this.actionLine = 0;
      }
    }
    this.unexpected(t, 'input');
  }

  private action(): NodeKind {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue': {
        const close = this.nextNonSpace();
        if (close.typ !== 'rightDelim') this.unexpected(close, `{{${t.typ}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${t.typ}}} outside {{range}}`);
        return t.typ;
      }
      case 'else': {
        const p = this.peekNonSpace();
        if (p.typ === 'if' || p.typ === 'with') return 'else';
        this.expect('rightDelim', 'else');
        return 'else';
      }
      case 'end':
        this.expect('rightDelim', 'end');
        return 'end';
      case 'if':
      case 'range':
      case 'with':
        this.parseControl(t.typ);
        return 'control';
      case 'template':
        this.templateControl();
        return 'template';
    }
    this.backup();
    this.pipeline('command');
    return 'action';
  }

  private parseControl(context: 'if' | 'range' | 'with'): void {
    this.withScope(null, () => {
      this.pipeline(context);
      if (context === 'range') this.rangeDepth++;
      let next = this.itemList();
      if (context === 'range') this.rangeDepth--;
      if (next === 'else') {
        // `{{else if ...}}` / `{{else with ...}}`: the nested control consumes the single {{end}}.
        const p = this.peekNonSpace();
        if ((context === 'if' && p.typ === 'if') || (context === 'with' && p.typ === 'with')) {
          this.nextNonSpace();
          this.parseControl(context);
          return;
        }
        next = this.itemList();
        if (next !== 'end') this.errorf(`expected end; found ${NODE_STRING[next]}`);
      }
    });
  }

  private templateControl(): void {
    const context = 'template clause';
    this.templateName(this.nextNonSpace(), context);
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      this.pipeline(context);
    }
  }

  private blockControl(): NodeKind {
    const context = 'block clause';
    const name = this.templateName(this.nextNonSpace(), context);
    this.pipeline(context);
    const end = this.definedBody(name, () => this.withScope(['$'], () => this.itemList()));
    if (end !== 'end') this.errorf(`unexpected ${NODE_STRING[end]} in ${context}`);
    return 'template';
  }

  private templateName(t: Tok, context: string): string | undefined {
    if (t.typ === 'string' || t.typ === 'rawString') return this.unquote(t);
    this.unexpected(t, context);
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen' = 'rightDelim'): void {
    let decls = 0;
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      const save = this.i;
      this.nextNonSpace();
      const nx = this.peekNonSpace();
      if (nx.typ === 'assign' || nx.typ === 'declare') {
        this.nextNonSpace();
        this.vars.push(v.val);
        decls++;
        break;
      }
      if (nx.typ === 'char' && nx.val === ',') {
        this.nextNonSpace();
        this.vars.push(v.val);
        decls++;
        if (context === 'range' && decls < 2) {
          const p = this.peekNonSpace().typ;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.i = save;
      break;
    }
    const cmds: Arg[] = [];
    const operands: number[] = [];
    for (;;) {
      const t = this.nextNonSpace();
      switch (t.typ) {
        case end:
          if (cmds.length === 0) this.errorf(`missing value for ${context}`);
          for (let k = 1; k < cmds.length; k++) {
            if (cmds[k].kind !== 'other') this.errorf(`non executable command in pipeline stage ${k + 1}`);
          }
          // A later stage gets the value of the one before as its last argument.
          for (let k = 0; k < cmds.length && !this.execProblem; k++) {
            if (k > 0 || operands[k] > 1) this.noteArguments(cmds[k]);
          }
          return;
        case 'bool': case 'charConstant': case 'complex': case 'dot': case 'field': case 'identifier':
        case 'number': case 'nil': case 'rawString': case 'string': case 'variable': case 'leftParen':
          this.backup();
          cmds.push(this.command(operands));
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  /** What Go's exec would say to arguments given to this first word of a command (state.evalCommand). */
  private noteArguments(first: Arg): void {
    let msg: string | undefined;
    const ids = first.idents;
    if (first.callee === 'variable' || first.callee === 'value') msg = `can't give argument to non-function ${first.repr}`;
    else if (first.callee === 'field' && ids && ids.length > 0) {
      const last = ids[ids.length - 1];
      const onMap = ids.length === 2 && (MAP_VARIABLES.has(ids[0]) || DATA_FIELDS[ids[0]] === 'map');
      if (onMap) msg = `${last} is not a method but has arguments`;
      else if (ids.length === 1 && DATA_FIELDS[last]) msg = `${last} has arguments but cannot be invoked as function`;
    }
    if (msg) this.execProblem = { message: `executing ${goQuote(this.name)} at <${first.repr}>: ${msg}`, start: first.pos, end: first.end };
  }

  /** Returns the command's first argument (for the pipeline-stage checks); counts its operands into `counts`. */
  private command(counts: number[]): Arg {
    let first: Arg | null = null;
    let n = 0;
    for (;;) {
      this.peekNonSpace();
      const op = this.operand();
      if (op) n++;
      if (op && !first) first = op;
      const t = this.next();
      if (t.typ === 'space') continue;
      if (t.typ === 'rightDelim' || t.typ === 'rightParen') this.backup();
      else if (t.typ !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (!first) this.errorf('empty command');
    counts.push(n);
    return first;
  }

  private operand(): Arg | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().typ === 'field') {
      let repr = node.repr;
      const idents = node.callee === 'variable' ? [node.repr] : [...(node.idents ?? [])];
      let end = node.end;
      while (this.peek().typ === 'field') {
        const f = this.next();
        repr += f.val;
        idents.push(f.val.slice(1));
        end = f.pos + f.val.length;
      }
      if (node.kind !== 'other') this.errorf(`unexpected . after term ${goQuote(node.repr)}`);
      // A chain on a parenthesised pipeline: its types are unknown here, so no idents.
      const known = node.callee === 'variable' || node.callee === 'field';
      node = { kind: 'other', repr: known ? repr : '', callee: 'field', pos: node.pos, end, idents: known ? idents : undefined };
    }
    return node;
  }

  private term(): Arg | null {
    const t = this.nextNonSpace();
    const at = { pos: t.pos, end: t.pos + t.val.length };
    switch (t.typ) {
      case 'identifier':
        if (!this.funcs.has(t.val)) this.errorf(`function ${goQuote(t.val)} not defined`);
        return { kind: 'other', repr: t.val, callee: 'func', ...at };
      case 'dot':
        return { kind: 'dot', repr: '.', callee: 'value', ...at };
      case 'nil':
        return { kind: 'nil', repr: 'nil', callee: 'value', ...at };
      case 'variable':
        if (!this.vars.includes(t.val)) this.errorf(`undefined variable ${goQuote(t.val)}`);
        return { kind: 'other', repr: t.val, callee: 'variable', ...at };
      case 'field':
        return { kind: 'other', repr: t.val, callee: 'field', idents: [t.val.slice(1)], ...at };
      case 'bool':
        return { kind: 'bool', repr: t.val, callee: 'value', ...at };
      case 'charConstant':
      case 'complex':
      case 'number':
        if (t.typ === 'charConstant') this.checkCharConstant(t.val);
        else {
          const error = goNumberError(t.val, t.typ === 'complex');
          if (error !== undefined) this.errorf(error);
        }
        return { kind: 'number', repr: t.val, callee: 'value', ...at };
      case 'leftParen': {
        this.pipeline('parenthesized pipeline', 'rightParen');
        // A parenthesised pipeline yields a value of a type unknown here: no guess about its arguments.
        return { kind: 'other', repr: '', callee: 'func', pos: t.pos, end: this.at(this.i - 1).pos + 1 };
      }
      case 'string':
      case 'rawString':
        this.unquote(t);
        return { kind: 'string', repr: t.val, callee: 'value', ...at };
    }
    this.backup();
    return null;
  }

  /** strconv.UnquoteChar on a 'c' constant: one character or one escape, then the quote. */
  private checkCharConstant(text: string): void {
    const body = text.slice(1);
    let rest: string;
    if (body.startsWith('\\')) {
      const esc = /^\\(?:[abfnrtv\\']|x[0-9a-fA-F]{2}|[0-7]{3}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/.exec(body);
      if (!esc) this.errorf('invalid syntax');
      rest = body.slice(esc[0].length);
    } else {
      const c = String.fromCodePoint(body.codePointAt(0) ?? 39);
      if (c === "'") this.errorf('invalid syntax');
      rest = body.slice(c.length);
    }
    if (rest !== "'") this.errorf(`malformed character constant: ${text}`);
  }

  /** Checks a string token as strconv.Unquote would, and returns its value (Go's \x, \a... escapes aside). */
  private unquote(t: Tok): string {
    if (t.typ !== 'string') return t.val.slice(1, -1);
    const body = t.val.slice(1, -1).replace(GO_STRING_ESCAPES, '');
    if (body.includes('\\')) this.errorf('invalid syntax');
    try {
      return JSON.parse(t.val) as string;
    } catch {
      return t.val.slice(1, -1);
    }
  }
}

/** Parses `text` as Go's text/template would; returns Go's first error, or null. */
/** Go's builtins plus the caller's functions, built once per set of functions (a rule file has many templates). */
const funcsInScope = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();
const NO_FUNCS: ReadonlySet<string> = new Set<string>();

function scopeFuncs(extra: ReadonlySet<string> = NO_FUNCS): ReadonlySet<string> {
  let all = funcsInScope.get(extra);
  if (!all) {
    all = new Set([...GO_BUILTINS, ...extra]);
    funcsInScope.set(extra, all);
  }
  return all;
}

export function checkGoTemplate(text: string, name: string, opts: GoTemplateOptions = {}): GoTemplateError | null {
  return goTemplateProblems(text, name, opts).error;
}

/**
 * Go's first parse error, or else the first command that fails whenever it runs (an argument given to a
 * variable, a map key or a field: `{{ $labels.a | $labels.b }}` passes $labels.a to $labels.b).
 */
export function goTemplateProblems(text: string, name: string, opts: GoTemplateOptions = {}): { error: GoTemplateError | null; exec: GoTemplateExecProblem | null } {
  const funcs = scopeFuncs(opts.funcs);
  const checker = new TemplateChecker(lexGoTemplate(text), name, funcs, opts.vars ?? []);
  try {
    checker.run();
    return { error: null, exec: checker.execProblem };
  } catch (e) {
    if (e instanceof Stop) return { error: e.detail, exec: null };
    // Thousands of nested {{if}}s exhaust our stack (Go's grows); report nothing rather than a guess.
    if (e instanceof RangeError) return { error: null, exec: null };
    throw e;
  }
}
