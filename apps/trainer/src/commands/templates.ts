/**
 * `tapheal-trainer templates --input FILE`: one message per input line in, one JSON line per input line
 * out, `{"line", "clusterId", "template"}` (line numbers from 1), each line given its final cluster.
 * The input is streamed and never held in memory: mining keeps one cluster number per line (4 bytes),
 * and the output is written once the last line is mined, because later lines can still merge clusters.
 * `--input -` reads stdin.
 */
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createMiner } from '../mine/miner.js';
import { CommandError, EXIT_FAILURE, EXIT_OK, parseOptions, usageError, type CliIo, type Command } from './command.js';

/** How often progress is shown on a terminal. */
export const PROGRESS_EVERY_LINES = 100_000;
const WRITE_CHUNK_CHARS = 64 * 1024;

export interface TemplatesSummary {
  lines: number;
  clusters: number;
}

export const templatesCommand: Command = {
  usage: `  templates --input FILE   mine the templates of a log: one message per line of FILE (- for stdin);
                           writes one JSON line per input line: {"line", "clusterId", "template"}`,
  async run(args, io) {
    const { values } = parseOptions('templates', args, { input: { type: 'string' } });
    if (values.input === undefined || values.input === '') throw usageError('templates needs --input FILE');
    const input = values.input === '-' ? io.stdin : await openInput(values.input);
    const progress = io.stderr.isTTY === true ? showProgress(io.stderr) : undefined;
    const summary = await writeTemplates(input, io.stdout, progress);
    if (progress !== undefined) io.stderr.write(`\rtapheal-trainer: ${summary.lines.toLocaleString('en-US')} lines, ${summary.clusters.toLocaleString('en-US')} templates\n`);
    return EXIT_OK;
  },
};

const READ_ERRORS: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'it is a directory' };

async function openInput(path: string): Promise<Readable> {
  try {
    const handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
    return handle.createReadStream();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = (code !== undefined && READ_ERRORS[code]) || (error as Error).message;
    throw new CommandError(EXIT_FAILURE, `cannot read ${path}: ${reason}`, { cause: error });
  }
}

function showProgress(stderr: Writable): (lines: number) => void {
  return (lines) => stderr.write(`\rtapheal-trainer: ${lines.toLocaleString('en-US')} lines mined`);
}

/**
 * Mines every line of `input` and writes its JSON line to `output`; `onProgress` hears every
 * PROGRESS_EVERY_LINES lines. Rejects when the input cannot be read or the output fails.
 */
export async function writeTemplates(input: Readable, output: Writable, onProgress?: (lines: number) => void): Promise<TemplatesSummary> {
  const miner = createMiner();
  let joined: Int32Array = new Int32Array(1024);
  let lines = 0;
  const failure = new Promise<never>((_, reject) => input.once('error', reject));
  failure.catch(() => undefined);
  const reading = (async () => {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (lines === joined.length) joined = grow(joined);
      joined[lines++] = miner.add(line).cluster;
      if (onProgress !== undefined && lines % PROGRESS_EVERY_LINES === 0) onProgress(lines);
    }
  })();
  await Promise.race([reading, failure]).catch((error: unknown) => {
    throw new CommandError(EXIT_FAILURE, `cannot read the input: ${(error as Error).message}`, { cause: error });
  });
  const rendered = new Map<number, string>();
  const suffixOf = (cluster: number): string => {
    let suffix = rendered.get(cluster);
    if (suffix === undefined) {
      const { clusterId, template } = miner.resolve(cluster);
      rendered.set(cluster, (suffix = `,"clusterId":${JSON.stringify(clusterId)},"template":${JSON.stringify(template)}}\n`));
    }
    return suffix;
  };
  let buffer = '';
  for (let line = 0; line < lines; line++) {
    buffer += `{"line":${line + 1}${suffixOf(joined[line] as number)}`;
    if (buffer.length >= WRITE_CHUNK_CHARS) {
      await write(output, buffer);
      buffer = '';
    }
  }
  if (buffer !== '') await write(output, buffer);
  return { lines, clusters: miner.clusters().length };
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Writes and waits for `drain` when the stream asks for it; rejects when the stream fails. */
async function write(output: Writable, chunk: string): Promise<void> {
  try {
    if (output.destroyed) throw Object.assign(new Error('the output was closed'), { code: 'EPIPE' });
    if (output.write(chunk)) return;
    await Promise.race([once(output, 'drain'), once(output, 'error').then(([error]) => Promise.reject(error as Error))]);
  } catch (error) {
    const closed = (error as NodeJS.ErrnoException).code === 'EPIPE';
    throw new CommandError(EXIT_FAILURE, closed ? 'the output was closed before every line was written' : `cannot write the output: ${(error as Error).message}`, { cause: error });
  }
}
