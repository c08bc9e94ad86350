/**
 * What one connection attempt to an MCP server found. `message` and `stderr` are the evidence the
 * classifier reads: the error text exactly as the SDK or Node gave it, and what the server wrote.
 */

export const CONNECTION_PHASES = ['spawn', 'connect', 'initialize', 'list_tools'] as const;
/** How far the attempt got: the phase it failed in. */
export type ConnectionPhase = (typeof CONNECTION_PHASES)[number];

export interface ServerInfo {
  name: string;
  version: string;
}

export interface ConnectionSuccess {
  ok: true;
  tools: string[];
  serverInfo?: ServerInfo;
  /** Non-fatal transport errors seen on the way, e.g. a stray non-JSON line on stdout. */
  warnings: string[];
  /** The server process id (stdio). The process has been ended by the time the result is returned. */
  pid?: number;
  durationMs: number;
}

export interface ConnectionFailure {
  ok: false;
  /** The error text as the SDK or Node gives it: `spawn npx ENOENT`, `MCP error -32000: Connection closed`. */
  message: string;
  /** A Node error code (`ENOENT`, `ECONNREFUSED`), or an HTTP status as a number (401, 404). */
  code?: string | number;
  /** The tail of the server's stderr (stdio only; empty otherwise). */
  stderr: string;
  /** Exit code of the server process, when it exited by itself or was ended (stdio only). */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  phase: ConnectionPhase;
  /** Other errors seen during the attempt, in order (for example a request timeout after a SyntaxError). */
  otherErrors: string[];
  /** The server process id (stdio), when it started. It has been ended by the time the result is returned. */
  pid?: number;
  durationMs: number;
}

export type ConnectionResult = ConnectionSuccess | ConnectionFailure;

/** Keeps only the last `maxBytes` of a text stream, on a character boundary. */
export function createTailBuffer(maxBytes: number): { append(chunk: Buffer | string): void; text(): string } {
  let chunks: Buffer[] = [];
  let size = 0;
  return {
    append(chunk) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(buffer);
      size += buffer.length;
      if (size > maxBytes * 2) {
        const joined = Buffer.concat(chunks);
        chunks = [joined.subarray(joined.length - maxBytes)];
        size = maxBytes;
      }
    },
    text() {
      const joined = Buffer.concat(chunks);
      const tail = joined.length > maxBytes ? joined.subarray(joined.length - maxBytes) : joined;
      // Drop a partial UTF-8 sequence cut at the start.
      let start = 0;
      while (start < tail.length && start < 4 && (tail[start]! & 0xc0) === 0x80) start += 1;
      return tail.subarray(start).toString('utf8');
    },
  };
}
