/**
 * Writes a new value into JSON(C) text by splicing: only the parts of the value that changed are
 * re-rendered, and every other byte (comments, key order, unknown fields, spacing, the final newline)
 * is kept. Objects are compared key by key, recursively; an array or scalar that changed is
 * re-rendered whole, indented to where it sits.
 */
import type { JsonNode, JsonObjectNode } from './parse-jsonc.js';

export interface TextStyle {
  /** One level of indentation: two or four spaces, a tab, ... */
  indent: string;
  newline: '\n' | '\r\n';
}

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** The indentation and line ending a file already uses; two spaces and LF when it shows none. */
export function detectTextStyle(text: string): TextStyle {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const firstIndented = /\n([ \t]+)\S/.exec(text);
  const indent = firstIndented?.[1] ?? '  ';
  return { indent: indent.startsWith('\t') ? '\t' : indent, newline };
}

/** The edits that turn the value at `node` into `next`. */
export function planJsonEdits(text: string, node: JsonNode, next: unknown, style: TextStyle): TextEdit[] {
  if (isEqualJson(node.value, next)) return [];
  if (node.kind === 'object' && node.properties.length > 0 && isPlainObject(next)) {
    return planObjectEdits(text, node, next, style);
  }
  return [{ start: node.start, end: node.end, text: renderJson(next, lineIndentAt(text, node.start), style) }];
}

/** Applies non-overlapping edits. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

function planObjectEdits(text: string, node: JsonObjectNode, next: Record<string, unknown>, style: TextStyle): TextEdit[] {
  const { properties } = node;
  const edits: TextEdit[] = [];
  const kept = properties.map((property) => Object.hasOwn(next, property.key));
  if (!kept.includes(true)) {
    return [{ start: node.start, end: node.end, text: renderJson(next, lineIndentAt(text, node.start), style) }];
  }
  const lastKept = kept.lastIndexOf(true);
  const lastOfKey = new Map(properties.map((property, index) => [property.key, index]));
  properties.forEach((property, index) => {
    if (!kept[index] && index < lastKept) {
      // Removing a property that has a successor: cut from its key to the next key.
      edits.push({ start: property.keyStart, end: properties[index + 1]!.keyStart, text: '' });
    } else if (kept[index] && lastOfKey.get(property.key) === index) {
      edits.push(...planJsonEdits(text, property.node, next[property.key], style));
    }
  });
  const anchor = properties[lastKept]!;
  const added = Object.keys(next).filter((key) => !lastOfKey.has(key));
  const insertion = added.map((key) => renderAddedProperty(text, node, key, next[key], style)).join('');
  if (lastKept < properties.length - 1) {
    // Removing the tail: cut from the end of the last kept value to the end of the last value,
    // so a trailing comma (JSONC) stays where it was; new properties go in the gap.
    edits.push({ start: anchor.node.end, end: properties.at(-1)!.node.end, text: insertion });
  } else if (insertion) {
    edits.push({ start: anchor.node.end, end: anchor.node.end, text: insertion });
  }
  return edits;
}

/** `,<newline><indent>"key": value`, laid out like the object's existing properties. */
function renderAddedProperty(text: string, node: JsonObjectNode, key: string, value: unknown, style: TextStyle): string {
  const sample = node.properties[0]!;
  const between = text.slice(sample.keyEnd, sample.node.start);
  const separator = /^[ \t]*:[ \t]*$/.test(between) ? between : ': ';
  const lineStart = text.lastIndexOf('\n', sample.keyStart) + 1;
  const onOwnLine = /^[ \t]*$/.test(text.slice(lineStart, sample.keyStart));
  if (!onOwnLine) return `, ${JSON.stringify(key)}${separator}${JSON.stringify(value)}`;
  const indent = text.slice(lineStart, sample.keyStart);
  return `,${style.newline}${indent}${JSON.stringify(key)}${separator}${renderJson(value, indent, style)}`;
}

/** JSON text for a value whose first line continues a line indented by `baseIndent`. */
export function renderJson(value: unknown, baseIndent: string, style: TextStyle): string {
  return JSON.stringify(value, null, style.indent).split('\n').join(style.newline + baseIndent);
}

function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality over JSON values; key order does not matter. */
export function isEqualJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => isEqualJson(item, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && isEqualJson(a[key], b[key]));
}
