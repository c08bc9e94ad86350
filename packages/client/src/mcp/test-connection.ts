/**
 * One real connection attempt to an MCP server through the SDK's client: start (spawn or HTTP),
 * initialize, list tools. Bounded in wall time, never throws, and always ends what it started.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerConfig } from '../config/mcp-server-config.js';
import { CLIENT_VERSION } from '../version.js';
import type { ConnectionFailure, ConnectionPhase, ConnectionResult, ConnectionSuccess } from './connection-result.js';
import { describeError, type ErrorEvidence } from './describe-error.js';
import { trackConnection } from './live-connections.js';
import { StdioProcessTransport } from './stdio-process-transport.js';

/** `tapheal check --timeout MS` default. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** How much of a server's stderr is kept: the end, where the cause usually is. */
export const MAX_STDERR_BYTES = 16 * 1024;

export interface TestConnectionOptions {
  /** Wall time for start + initialize + list tools. Ending the server afterwards adds at most about 1 s. */
  timeoutMs: number;
  /**
   * The environment a stdio server starts from, before the config's `env` is merged over it. Default:
   * the SDK's inherited subset (`HOME, LOGNAME, PATH, SHELL, TERM, USER` on POSIX), which is what a
   * GUI-launched client such as Claude Desktop passes, so a test here fails where the client would.
   */
  env?: Record<string, string>;
  /** Aborting ends the attempt and its server (Ctrl-C). */
  signal?: AbortSignal;
}

interface Attempt {
  phase: ConnectionPhase;
  errors: unknown[];
  stdio?: StdioProcessTransport;
}

function createTransport(server: McpServerConfig, options: TestConnectionOptions, attempt: Attempt): Transport {
  if (server.transport === 'stdio') {
    if (!server.command) throw new Error('The server has no command to start');
    const stdio = new StdioProcessTransport({
      command: server.command,
      args: server.args ?? [],
      env: { ...(options.env ?? getDefaultEnvironment()), ...server.env },
      ...(server.cwd === undefined ? {} : { cwd: server.cwd }),
      maxStderrBytes: MAX_STDERR_BYTES,
    });
    attempt.stdio = stdio;
    return stdio;
  }
  if (!server.url) throw new Error('The server has no url');
  const url = new URL(server.url);
  const requestInit = server.headers ? { headers: server.headers } : undefined;
  return server.transport === 'sse'
    ? new SSEClientTransport(url, requestInit ? { requestInit } : {})
    : new StreamableHTTPClientTransport(url, requestInit ? { requestInit } : {});
}

/** Resolves with `work`, or rejects at the deadline or on abort, whichever comes first. */
function bounded<T>(work: Promise<T>, timeoutMs: number, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new McpError(ErrorCode.RequestTimeout, 'Request timed out', { timeout: timeoutMs })), timeoutMs);
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    });
  });
}

async function connectAndList(client: Client, transport: Transport, attempt: Attempt, deadline: number, signal: AbortSignal): Promise<string[]> {
  const remaining = () => Math.max(1, deadline - performance.now());
  const start = transport.start.bind(transport);
  transport.start = async () => {
    await start();
    attempt.phase = 'initialize';
  };
  await client.connect(transport, { timeout: remaining(), signal });
  attempt.phase = 'list_tools';
  const { tools } = await client.listTools(undefined, { timeout: remaining(), signal });
  return tools.map((tool) => tool.name);
}

function abortEvidence(reason: unknown): ErrorEvidence {
  return { message: reason instanceof Error && reason.name !== 'AbortError' ? reason.message : 'The operation was aborted', code: 'ABORT_ERR' };
}

/**
 * The evidence to show first. A stray SyntaxError from stdout explains a later timeout or closed
 * connection better than they do themselves, so it wins; the rest go to `otherErrors`.
 */
function pickEvidence(thrown: unknown, attempt: Attempt, aborted: boolean): { primary: ErrorEvidence; others: string[] } {
  const thrownEvidence = aborted ? abortEvidence(thrown) : describeError(thrown);
  const seen = attempt.errors.map(describeError);
  const syntax = seen.find((evidence) => evidence.message.startsWith('SyntaxError'));
  const primary = aborted ? thrownEvidence : (syntax ?? thrownEvidence);
  const others = [...new Set([thrownEvidence, ...seen].map((evidence) => evidence.message))].filter((message) => message !== primary.message);
  return { primary, others };
}

function failure(thrown: unknown, attempt: Attempt, aborted: boolean, server: McpServerConfig): Omit<ConnectionFailure, 'durationMs'> {
  const { primary, others } = pickEvidence(thrown, attempt, aborted);
  let phase = attempt.phase;
  // Over HTTP the initialize request is the first contact: anything but a JSON-RPC error (fetch failed,
  // an HTTP status, a bad scheme) means the connection itself failed.
  if (server.transport !== 'stdio' && phase === 'initialize' && !primary.message.startsWith('MCP error')) phase = 'connect';
  return {
    ok: false,
    message: primary.message,
    ...(primary.code === undefined ? {} : { code: primary.code }),
    stderr: attempt.stdio?.stderr ?? '',
    exitCode: attempt.stdio?.exit?.exitCode ?? null,
    signal: attempt.stdio?.exit?.signal ?? null,
    phase,
    otherErrors: others,
    ...(attempt.stdio?.pid === undefined ? {} : { pid: attempt.stdio.pid }),
  };
}

/** Tests one server. Never throws; the server process, if any, is ended before it resolves. */
export async function testConnection(server: McpServerConfig, options: TestConnectionOptions): Promise<ConnectionResult> {
  const startedAt = performance.now();
  const timeoutMs = Number.isFinite(options.timeoutMs) && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_CONNECT_TIMEOUT_MS;
  const deadline = startedAt + timeoutMs;
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) forwardAbort();
  options.signal?.addEventListener('abort', forwardAbort, { once: true });

  const attempt: Attempt = { phase: server.transport === 'stdio' ? 'spawn' : 'connect', errors: [] };
  const client = new Client({ name: 'tapheal', version: CLIENT_VERSION }, { capabilities: {} });
  client.onerror = (error) => attempt.errors.push(error);
  let transport: Transport | undefined;
  const close = async () => {
    await client.close().catch(() => undefined);
    await transport?.close().catch(() => undefined);
  };
  const untrack = trackConnection({
    close: async () => {
      controller.abort(new Error('Connection test ended by closeAllConnections()'));
      await close();
    },
    killNow: () => attempt.stdio?.killNow(),
  });

  let outcome: Omit<ConnectionSuccess, 'durationMs'> | Omit<ConnectionFailure, 'durationMs'>;
  try {
    transport = createTransport(server, options, attempt);
    const tools = await bounded(connectAndList(client, transport, attempt, deadline, controller.signal), timeoutMs, controller.signal);
    const warnings = [...new Set(attempt.errors.map((error) => describeError(error).message))];
    const info = client.getServerVersion();
    outcome = { ok: true, tools, ...(info ? { serverInfo: { name: info.name, version: info.version } } : {}), warnings, ...(attempt.stdio?.pid === undefined ? {} : { pid: attempt.stdio.pid }) };
  } catch (error) {
    const aborted = controller.signal.aborted;
    await close();
    outcome = failure(error, attempt, aborted, server);
  } finally {
    await close();
    untrack();
    options.signal?.removeEventListener('abort', forwardAbort);
  }
  return { ...outcome, durationMs: Math.round(performance.now() - startedAt) } as ConnectionResult;
}
