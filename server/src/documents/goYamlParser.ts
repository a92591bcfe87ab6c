// The parser of go-yaml (gopkg.in/yaml.v2 and v3, parserc.go), ported for its errors: libyaml's
// state machine, with its explicit stacks of states and marks, turning the scanner's tokens into
// events. Events carry what the composer checks (their anchor or alias name), nothing else.
//
// Ported from go-yaml's parserc.go, itself a port of libyaml: Copyright (c) 2011-2019 Canonical
// Ltd, Copyright (c) 2006-2010 Kirill Simonov, MIT licence.
import { GoYamlError, Scanner, Tok, type Mark, type Token } from './goYamlScanner';

export enum Ev {
  StreamStart, StreamEnd, DocumentStart, DocumentEnd, Alias, Scalar, SequenceStart, SequenceEnd, MappingStart, MappingEnd,
}

export interface Event {
  type: Ev;
  start: Mark;
  /** The anchor of a node, the name an alias refers to. */
  anchor?: string;
}

enum St {
  StreamStart, ImplicitDocumentStart, DocumentStart, DocumentContent, DocumentEnd, BlockNode,
  BlockNodeOrIndentlessSequence, FlowNode, BlockSequenceFirstEntry, BlockSequenceEntry,
  IndentlessSequenceEntry, BlockMappingFirstKey, BlockMappingKey, BlockMappingValue,
  FlowSequenceFirstEntry, FlowSequenceEntry, FlowSequenceEntryMappingKey,
  FlowSequenceEntryMappingValue, FlowSequenceEntryMappingEnd, FlowMappingFirstKey, FlowMappingKey,
  FlowMappingValue, FlowMappingEmptyValue, End,
}

const DEFAULT_TAG_HANDLES = ['!', '!!'];

export class Parser {
  private readonly scanner: Scanner;
  private state = St.StreamStart;
  private readonly states: St[] = [];
  private readonly marks: Mark[] = [];
  private tagHandles: string[] = [];
  private streamEndProduced = false;

  constructor(text: string, v3: boolean) {
    this.scanner = new Scanner(text, v3);
  }

  /** The next event, or undefined after the end of the stream. Throws GoYamlError. */
  parse(): Event | undefined {
    if (this.streamEndProduced || this.state === St.End) return undefined;
    return this.stateMachine();
  }

  private peekToken(): Token {
    const s = this.scanner;
    if (!s.tokenAvailable) s.fetchMoreTokens();
    return s.tokens[s.tokensHead];
  }

  private skipToken(): void {
    const s = this.scanner;
    s.tokenAvailable = false;
    s.tokensParsed++;
    this.streamEndProduced = s.tokens[s.tokensHead].type === Tok.StreamEnd;
    s.tokensHead++;
  }

  private fail(problem: string, problemMark: Mark, contextMark?: Mark): never {
    throw new GoYamlError('parser', problem, problemMark, contextMark);
  }

  private popState(): void {
    this.state = this.states.pop()!;
  }

  private stateMachine(): Event {
    switch (this.state) {
      case St.StreamStart: return this.parseStreamStart();
      case St.ImplicitDocumentStart: return this.parseDocumentStart(true);
      case St.DocumentStart: return this.parseDocumentStart(false);
      case St.DocumentContent: return this.parseDocumentContent();
      case St.DocumentEnd: return this.parseDocumentEnd();
      case St.BlockNode: return this.parseNode(true, false);
      case St.BlockNodeOrIndentlessSequence: return this.parseNode(true, true);
      case St.FlowNode: return this.parseNode(false, false);
      case St.BlockSequenceFirstEntry: return this.parseBlockSequenceEntry(true);
      case St.BlockSequenceEntry: return this.parseBlockSequenceEntry(false);
      case St.IndentlessSequenceEntry: return this.parseIndentlessSequenceEntry();
      case St.BlockMappingFirstKey: return this.parseBlockMappingKey(true);
      case St.BlockMappingKey: return this.parseBlockMappingKey(false);
      case St.BlockMappingValue: return this.parseBlockMappingValue();
      case St.FlowSequenceFirstEntry: return this.parseFlowSequenceEntry(true);
      case St.FlowSequenceEntry: return this.parseFlowSequenceEntry(false);
      case St.FlowSequenceEntryMappingKey: return this.parseFlowSequenceEntryMappingKey();
      case St.FlowSequenceEntryMappingValue: return this.parseFlowSequenceEntryMappingValue();
      case St.FlowSequenceEntryMappingEnd: return this.parseFlowSequenceEntryMappingEnd();
      case St.FlowMappingFirstKey: return this.parseFlowMappingKey(true);
      case St.FlowMappingKey: return this.parseFlowMappingKey(false);
      case St.FlowMappingValue: return this.parseFlowMappingValue(false);
      case St.FlowMappingEmptyValue: return this.parseFlowMappingValue(true);
      default: throw new Error('invalid parser state');
    }
  }

  private parseStreamStart(): Event {
    const token = this.peekToken();
    if (token.type !== Tok.StreamStart) this.fail('did not find expected <stream-start>', token.start);
    this.state = St.ImplicitDocumentStart;
    this.skipToken();
    return { type: Ev.StreamStart, start: token.start };
  }

  private parseDocumentStart(implicit: boolean): Event {
    let token = this.peekToken();
    if (!implicit) {
      while (token.type === Tok.DocumentEnd) {
        this.skipToken();
        token = this.peekToken();
      }
    }
    const directiveOrMarker = token.type === Tok.VersionDirective || token.type === Tok.TagDirective || token.type === Tok.DocumentStart;
    if (implicit && !directiveOrMarker && token.type !== Tok.StreamEnd) {
      this.processDirectives();
      this.states.push(St.DocumentEnd);
      this.state = St.BlockNode;
      return { type: Ev.DocumentStart, start: token.start };
    }
    if (token.type !== Tok.StreamEnd) {
      const start = token.start;
      this.processDirectives();
      token = this.peekToken();
      if (token.type !== Tok.DocumentStart) this.fail('did not find expected <document start>', token.start);
      this.states.push(St.DocumentEnd);
      this.state = St.DocumentContent;
      this.skipToken();
      return { type: Ev.DocumentStart, start };
    }
    this.state = St.End;
    this.skipToken();
    return { type: Ev.StreamEnd, start: token.start };
  }

  private parseDocumentContent(): Event {
    const token = this.peekToken();
    const t = token.type;
    if (t === Tok.VersionDirective || t === Tok.TagDirective || t === Tok.DocumentStart || t === Tok.DocumentEnd || t === Tok.StreamEnd) {
      this.popState();
      return this.emptyScalar(token.start);
    }
    return this.parseNode(true, false);
  }

  private parseDocumentEnd(): Event {
    const token = this.peekToken();
    if (token.type === Tok.DocumentEnd) this.skipToken();
    this.tagHandles = [];
    this.state = St.DocumentStart;
    return { type: Ev.DocumentEnd, start: token.start };
  }

  private parseNode(block: boolean, indentlessSequence: boolean): Event {
    let token = this.peekToken();
    if (token.type === Tok.Alias) {
      this.popState();
      this.skipToken();
      return { type: Ev.Alias, start: token.start, anchor: token.value };
    }
    const start = token.start;
    let anchor: string | undefined;
    let tagHandle: string | undefined;
    let tagMark = start;
    if (token.type === Tok.Anchor) {
      anchor = token.value;
      this.skipToken();
      token = this.peekToken();
      if (token.type === Tok.Tag) {
        tagHandle = token.value;
        tagMark = token.start;
        this.skipToken();
        token = this.peekToken();
      }
    } else if (token.type === Tok.Tag) {
      tagHandle = token.value;
      tagMark = token.start;
      this.skipToken();
      token = this.peekToken();
      if (token.type === Tok.Anchor) {
        anchor = token.value;
        this.skipToken();
        token = this.peekToken();
      }
    }
    if (tagHandle && !this.tagHandles.includes(tagHandle)) {
      this.fail('found undefined tag handle', tagMark, start);
    }
    const node = (type: Ev): Event => ({ type, start, anchor });
    if (indentlessSequence && token.type === Tok.BlockEntry) {
      this.state = St.IndentlessSequenceEntry;
      return node(Ev.SequenceStart);
    }
    if (token.type === Tok.Scalar) {
      this.popState();
      this.skipToken();
      return node(Ev.Scalar);
    }
    if (token.type === Tok.FlowSequenceStart) {
      this.state = St.FlowSequenceFirstEntry;
      return node(Ev.SequenceStart);
    }
    if (token.type === Tok.FlowMappingStart) {
      this.state = St.FlowMappingFirstKey;
      return node(Ev.MappingStart);
    }
    if (block && token.type === Tok.BlockSequenceStart) {
      this.state = St.BlockSequenceFirstEntry;
      return node(Ev.SequenceStart);
    }
    if (block && token.type === Tok.BlockMappingStart) {
      this.state = St.BlockMappingFirstKey;
      return node(Ev.MappingStart);
    }
    if (anchor !== undefined || tagHandle !== undefined) {
      // Properties and no content: an empty scalar.
      this.popState();
      return node(Ev.Scalar);
    }
    throw new GoYamlError('parser', 'did not find expected node content', token.start, start);
  }

  /** Starts a collection: its first token's mark is the context of its errors. */
  private enterCollection(): void {
    this.marks.push(this.peekToken().start);
    this.skipToken();
  }

  private leaveCollection(type: Ev, token: Token): Event {
    this.popState();
    this.marks.pop();
    this.skipToken();
    return { type, start: token.start };
  }

  private collectionError(problem: string, token: Token): never {
    this.fail(problem, token.start, this.marks.pop());
  }

  private parseBlockSequenceEntry(first: boolean): Event {
    if (first) this.enterCollection();
    let token = this.peekToken();
    if (token.type === Tok.BlockEntry) {
      const mark = token.start;
      this.skipToken();
      token = this.peekToken();
      if (token.type !== Tok.BlockEntry && token.type !== Tok.BlockEnd) {
        this.states.push(St.BlockSequenceEntry);
        return this.parseNode(true, false);
      }
      this.state = St.BlockSequenceEntry;
      return this.emptyScalar(mark);
    }
    if (token.type === Tok.BlockEnd) return this.leaveCollection(Ev.SequenceEnd, token);
    this.collectionError("did not find expected '-' indicator", token);
  }

  private parseIndentlessSequenceEntry(): Event {
    let token = this.peekToken();
    if (token.type === Tok.BlockEntry) {
      const mark = token.start;
      this.skipToken();
      token = this.peekToken();
      const t = token.type;
      if (t !== Tok.BlockEntry && t !== Tok.Key && t !== Tok.Value && t !== Tok.BlockEnd) {
        this.states.push(St.IndentlessSequenceEntry);
        return this.parseNode(true, false);
      }
      this.state = St.IndentlessSequenceEntry;
      return this.emptyScalar(mark);
    }
    this.popState();
    return { type: Ev.SequenceEnd, start: token.start };
  }

  private parseBlockMappingKey(first: boolean): Event {
    if (first) this.enterCollection();
    let token = this.peekToken();
    if (token.type === Tok.Key) {
      const mark = token.start;
      this.skipToken();
      token = this.peekToken();
      if (token.type !== Tok.Key && token.type !== Tok.Value && token.type !== Tok.BlockEnd) {
        this.states.push(St.BlockMappingValue);
        return this.parseNode(true, true);
      }
      this.state = St.BlockMappingValue;
      return this.emptyScalar(mark);
    }
    if (token.type === Tok.BlockEnd) return this.leaveCollection(Ev.MappingEnd, token);
    this.collectionError('did not find expected key', token);
  }

  private parseBlockMappingValue(): Event {
    let token = this.peekToken();
    if (token.type === Tok.Value) {
      const mark = token.start;
      this.skipToken();
      token = this.peekToken();
      if (token.type !== Tok.Key && token.type !== Tok.Value && token.type !== Tok.BlockEnd) {
        this.states.push(St.BlockMappingKey);
        return this.parseNode(true, true);
      }
      this.state = St.BlockMappingKey;
      return this.emptyScalar(mark);
    }
    this.state = St.BlockMappingKey;
    return this.emptyScalar(token.start);
  }

  private parseFlowSequenceEntry(first: boolean): Event {
    if (first) this.enterCollection();
    let token = this.peekToken();
    if (token.type !== Tok.FlowSequenceEnd) {
      if (!first) {
        if (token.type !== Tok.FlowEntry) this.collectionError("did not find expected ',' or ']'", token);
        this.skipToken();
        token = this.peekToken();
      }
      if (token.type === Tok.Key) {
        this.state = St.FlowSequenceEntryMappingKey;
        this.skipToken();
        return { type: Ev.MappingStart, start: token.start };
      }
      if (token.type !== Tok.FlowSequenceEnd) {
        this.states.push(St.FlowSequenceEntry);
        return this.parseNode(false, false);
      }
    }
    return this.leaveCollection(Ev.SequenceEnd, token);
  }

  private parseFlowSequenceEntryMappingKey(): Event {
    const token = this.peekToken();
    if (token.type !== Tok.Value && token.type !== Tok.FlowEntry && token.type !== Tok.FlowSequenceEnd) {
      this.states.push(St.FlowSequenceEntryMappingValue);
      return this.parseNode(false, false);
    }
    this.skipToken();
    this.state = St.FlowSequenceEntryMappingValue;
    return this.emptyScalar(token.start);
  }

  private parseFlowSequenceEntryMappingValue(): Event {
    let token = this.peekToken();
    if (token.type === Tok.Value) {
      this.skipToken();
      token = this.peekToken();
      if (token.type !== Tok.FlowEntry && token.type !== Tok.FlowSequenceEnd) {
        this.states.push(St.FlowSequenceEntryMappingEnd);
        return this.parseNode(false, false);
      }
    }
    this.state = St.FlowSequenceEntryMappingEnd;
    return this.emptyScalar(token.start);
  }

  private parseFlowSequenceEntryMappingEnd(): Event {
    const token = this.peekToken();
    this.state = St.FlowSequenceEntry;
    return { type: Ev.MappingEnd, start: token.start };
  }

  private parseFlowMappingKey(first: boolean): Event {
    if (first) this.enterCollection();
    let token = this.peekToken();
    if (token.type !== Tok.FlowMappingEnd) {
      if (!first) {
        if (token.type !== Tok.FlowEntry) this.collectionError("did not find expected ',' or '}'", token);
        this.skipToken();
        token = this.peekToken();
      }
      if (token.type === Tok.Key) {
        this.skipToken();
        token = this.peekToken();
        if (token.type !== Tok.Value && token.type !== Tok.FlowEntry && token.type !== Tok.FlowMappingEnd) {
          this.states.push(St.FlowMappingValue);
          return this.parseNode(false, false);
        }
        this.state = St.FlowMappingValue;
        return this.emptyScalar(token.start);
      }
      if (token.type !== Tok.FlowMappingEnd) {
        this.states.push(St.FlowMappingEmptyValue);
        return this.parseNode(false, false);
      }
    }
    return this.leaveCollection(Ev.MappingEnd, token);
  }

  private parseFlowMappingValue(empty: boolean): Event {
    let token = this.peekToken();
    if (empty) {
      this.state = St.FlowMappingKey;
      return this.emptyScalar(token.start);
    }
    if (token.type === Tok.Value) {
      this.skipToken();
      token = this.peekToken();
      if (token.type !== Tok.FlowEntry && token.type !== Tok.FlowMappingEnd) {
        this.states.push(St.FlowMappingKey);
        return this.parseNode(false, false);
      }
    }
    this.state = St.FlowMappingKey;
    return this.emptyScalar(token.start);
  }

  private emptyScalar(start: Mark): Event {
    return { type: Ev.Scalar, start };
  }

  /** The %YAML and %TAG directives before a document, and the tag handles it may use. */
  private processDirectives(): void {
    let token = this.peekToken();
    let version = false;
    while (token.type === Tok.VersionDirective || token.type === Tok.TagDirective) {
      if (token.type === Tok.VersionDirective) {
        if (version) this.fail('found duplicate %YAML directive', token.start);
        if (token.major !== 1 || token.minor !== 1) this.fail('found incompatible YAML document', token.start);
        version = true;
      } else {
        if (this.tagHandles.includes(token.value!)) this.fail('found duplicate %TAG directive', token.start);
        this.tagHandles.push(token.value!);
      }
      this.skipToken();
      token = this.peekToken();
    }
    for (const h of DEFAULT_TAG_HANDLES) if (!this.tagHandles.includes(h)) this.tagHandles.push(h);
  }
}
