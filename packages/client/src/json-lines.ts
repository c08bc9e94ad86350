/**
 * JSON Lines in, JSON Lines out: exactly one output line per input line, in order. A line that cannot be
 * handled gets an error object on its output line instead of stopping the stream.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { TaphealError } from './errors.js';

export interface LineError {
  id: unknown;
  error: { code: string; message: string; line: number };
}

export interface JsonLinesSummary {
  lines: number;
  errors: number;
}

/** Handles one parsed line: returns the output object, or throws a TaphealError to report a bad line. */
export type LineHandler = (value: Record<string, unknown>) => unknown;

export async function mapJsonLines(input: Readable, output: Writable, handle: LineHandler): Promise<JsonLinesSummary> {
  const summary: JsonLinesSummary = { lines: 0, errors: 0 };
  const lines = createInterface({ input, crlfDelay: Infinity });
  let buffer = '';
  for await (const line of lines) {
    summary.lines++;
    const { output: result, failed } = handleLine(line, summary.lines, handle);
    if (failed) summary.errors++;
    buffer += JSON.stringify(result) + '\n';
    if (buffer.length >= 64 * 1024) {
      if (!output.write(buffer)) await once(output, 'drain');
      buffer = '';
    }
  }
  if (buffer.length > 0 && !output.write(buffer)) await once(output, 'drain');
  return summary;
}

function handleLine(line: string, number: number, handle: LineHandler): { output: unknown; failed: boolean } {
  if (line.trim() === '') return lineError(null, 'EMPTY_LINE', 'empty line', number);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return lineError(null, 'INVALID_JSON', `not JSON: ${(error as Error).message}`, number);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return lineError(null, 'INVALID_LINE', 'a line must be a JSON object', number);
  }
  const record = value as Record<string, unknown>;
  try {
    return { output: handle(record), failed: false };
  } catch (error) {
    if (error instanceof TaphealError) return lineError(record.id ?? null, error.code, error.message, number);
    throw error;
  }
}

function lineError(id: unknown, code: string, message: string, line: number): { output: LineError; failed: true } {
  return { output: { id, error: { code, message, line } }, failed: true };
}

/** The `message` of an input line, or a TaphealError that names what is wrong with it. */
export function requireMessage(record: Record<string, unknown>): string {
  const message = record.message;
  if (typeof message !== 'string') {
    const what = message === undefined ? 'is missing' : `is ${message === null ? 'null' : typeof message}, not a string`;
    throw new TaphealError('INVALID_LINE', `"message" ${what}`);
  }
  return message;
}
