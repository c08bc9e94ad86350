/**
 * A small tolerant JSON reader for MCP config files: plain JSON plus what VS Code's JSONC allows
 * (`//` and block comments, trailing commas, a byte-order mark). Besides the value it returns a tree
 * with the source span of every node, so a writer can splice a changed value into the original text
 * and leave every other byte (comments, key order, unknown fields, layout) exactly as it was.
 */
import { fail, ok, type Result } from '@tapheal/rules';

export type JsonNode = JsonObjectNode | JsonArrayNode | JsonScalarNode;

interface NodeBase {
  /** Offset of the node's first character in the text. */
  start: number;
  /** Offset just past the node's last character. */
  end: number;
  /** The plain value of this node, as JSON.parse would build it. */
  value: unknown;
}

export interface JsonProperty {
  key: string;
  keyStart: number;
  keyEnd: number;
  node: JsonNode;
}

export interface JsonObjectNode extends NodeBase {
  kind: 'object';
  properties: JsonProperty[];
}

export interface JsonArrayNode extends NodeBase {
  kind: 'array';
  items: JsonNode[];
}

export interface JsonScalarNode extends NodeBase {
  kind: 'scalar';
}

export interface JsoncTree {
  root: JsonNode;
  /** True when the text had comments, which plain JSON readers reject. */
  comments: boolean;
  /** True when the text had a comma before a closing bracket. */
  trailingCommas: boolean;
}

/** Deeper nesting than any real config has; it keeps a hostile file from exhausting the stack. */
export const MAX_JSON_DEPTH = 200;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsoncSyntaxError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** Parses JSON or JSONC text; a syntax error comes back as a reason with its line and column. */
export function parseJsonc(text: string): Result<JsoncTree, 'invalid_json'> {
  const reader = new Reader(text);
  try {
    reader.skipTrivia();
    const root = reader.parseValue(0);
    reader.skipTrivia();
    if (reader.pos < text.length) throw new JsoncSyntaxError(reader.pos, 'unexpected text after the end of the value');
    return ok({ root, comments: reader.comments, trailingCommas: reader.trailingCommas });
  } catch (error) {
    if (!(error instanceof JsoncSyntaxError)) throw error;
    const { line, column } = lineAndColumn(text, error.offset);
    return fail('invalid_json', `${error.message} at line ${line}, column ${column}`);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

class Reader {
  pos = 0;
  comments = false;
  trailingCommas = false;

  constructor(private readonly text: string) {}

  skipTrivia(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const ch = text[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\uFEFF') {
        this.pos += 1;
      } else if (ch === '/' && text[this.pos + 1] === '/') {
        this.comments = true;
        const lineEnd = text.indexOf('\n', this.pos);
        this.pos = lineEnd === -1 ? text.length : lineEnd;
      } else if (ch === '/' && text[this.pos + 1] === '*') {
        this.comments = true;
        const close = text.indexOf('*/', this.pos + 2);
        if (close === -1) throw new JsoncSyntaxError(this.pos, 'unterminated comment');
        this.pos = close + 2;
      } else {
        return;
      }
    }
  }

  parseValue(depth: number): JsonNode {
    if (depth > MAX_JSON_DEPTH) throw new JsoncSyntaxError(this.pos, `nesting deeper than ${MAX_JSON_DEPTH}`);
    const ch = this.text[this.pos];
    if (ch === '{') return this.parseObject(depth);
    if (ch === '[') return this.parseArray(depth);
    if (ch === '"') {
      const start = this.pos;
      const value = this.parseString();
      return { kind: 'scalar', start, end: this.pos, value };
    }
    return this.parseLiteral();
  }

  private parseObject(depth: number): JsonObjectNode {
    const start = this.pos;
    const properties: JsonProperty[] = [];
    const value: Record<string, unknown> = {};
    this.pos += 1;
    this.skipTrivia();
    while (this.text[this.pos] !== '}') {
      if (this.text[this.pos] !== '"') throw new JsoncSyntaxError(this.pos, 'expected a property name in double quotes');
      const keyStart = this.pos;
      const key = this.parseString();
      const keyEnd = this.pos;
      this.skipTrivia();
      if (this.text[this.pos] !== ':') throw new JsoncSyntaxError(this.pos, `expected ':' after "${key}"`);
      this.pos += 1;
      this.skipTrivia();
      const node = this.parseValue(depth + 1);
      properties.push({ key, keyStart, keyEnd, node });
      // defineProperty, not assignment: a "__proto__" key stays an own property, as with JSON.parse.
      Object.defineProperty(value, key, { value: node.value, enumerable: true, writable: true, configurable: true });
      if (this.afterElement('}')) break;
    }
    this.pos += 1;
    return { kind: 'object', start, end: this.pos, properties, value };
  }

  private parseArray(depth: number): JsonArrayNode {
    const start = this.pos;
    const items: JsonNode[] = [];
    this.pos += 1;
    this.skipTrivia();
    while (this.text[this.pos] !== ']') {
      items.push(this.parseValue(depth + 1));
      if (this.afterElement(']')) break;
    }
    this.pos += 1;
    return { kind: 'array', start, end: this.pos, items, value: items.map((item) => item.value) };
  }

  /** After an element: a comma (maybe a trailing one) or the closing bracket. True when the container ends. */
  private afterElement(close: '}' | ']'): boolean {
    this.skipTrivia();
    const ch = this.text[this.pos];
    if (ch === close) return true;
    if (ch !== ',') throw new JsoncSyntaxError(this.pos, `expected ',' or '${close}'`);
    this.pos += 1;
    this.skipTrivia();
    if (this.text[this.pos] === close) {
      this.trailingCommas = true;
      return true;
    }
    if (this.pos >= this.text.length) throw new JsoncSyntaxError(this.pos, 'unexpected end of text');
    return false;
  }

  private parseString(): string {
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const code = this.text.charCodeAt(i);
      if (Number.isNaN(code)) throw new JsoncSyntaxError(start, 'unterminated string');
      if (code < 0x20) throw new JsoncSyntaxError(i, 'control character in a string');
      if (code === 0x5c) i += 2;
      else if (code === 0x22) break;
      else i += 1;
    }
    this.pos = i + 1;
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      throw new JsoncSyntaxError(start, 'invalid escape in a string');
    }
  }

  private parseLiteral(): JsonScalarNode {
    const start = this.pos;
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, start)) {
        this.pos += word.length;
        return { kind: 'scalar', start, end: this.pos, value };
      }
    }
    NUMBER.lastIndex = start;
    const match = NUMBER.exec(this.text);
    if (!match) {
      throw new JsoncSyntaxError(start, this.pos >= this.text.length ? 'unexpected end of text' : 'unexpected character');
    }
    this.pos += match[0].length;
    return { kind: 'scalar', start, end: this.pos, value: Number(match[0]) };
  }
}

/** The node at a path of object keys, or undefined. With duplicate keys the last one counts, as with JSON.parse. */
export function nodeAtPath(root: JsonNode, path: readonly string[]): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const key of path) {
    if (node?.kind !== 'object') return undefined;
    node = node.properties.findLast((property) => property.key === key)?.node;
  }
  return node;
}
