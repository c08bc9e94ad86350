/**
 * An MCP stdio client transport that owns its child process. The SDK's StdioClientTransport exposes
 * only the pid: not the exit code or signal, not a process group, and its close() may wait 4 s. This
 * one speaks the same wire format (the SDK's ReadBuffer and serializeMessage), spawns the server in
 * its own process group on POSIX so that `npx`/`uvx` grandchildren end with it, keeps the tail of
 * stderr, and ends everything within STDIN_GRACE_MS + TERM_GRACE_MS + KILL_WAIT_MS.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { createTailBuffer } from './connection-result.js';

/** After closing stdin, how long a server gets to exit by itself. */
export const STDIN_GRACE_MS = 200;
/** After SIGTERM, how long before SIGKILL. */
export const TERM_GRACE_MS = 500;
/** After SIGKILL, how long to wait for the exit event. */
const KILL_WAIT_MS = 500;
/** After the child exits, how long a grandchild may keep its pipes open before they are cut. */
const PIPE_DRAIN_MS = 100;

export interface StdioProcessOptions {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  maxStderrBytes: number;
}

export interface ProcessExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

const USE_PROCESS_GROUP = process.platform !== 'win32';
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export class StdioProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private child: ChildProcess | undefined;
  private readonly readBuffer = new ReadBuffer();
  private readonly stderrTail;
  private exitInfo: ProcessExit | undefined;
  private readonly exited: Promise<void>;
  private markExited!: () => void;
  private closed = false;

  constructor(private readonly options: StdioProcessOptions) {
    this.stderrTail = createTailBuffer(options.maxStderrBytes);
    this.exited = new Promise((resolve) => (this.markExited = resolve));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** How the process ended; undefined while it runs (or if it never started). */
  get exit(): ProcessExit | undefined {
    return this.exitInfo;
  }

  get stderr(): string {
    return this.stderrTail.text();
  }

  start(): Promise<void> {
    if (this.child) return Promise.reject(new Error('StdioProcessTransport already started'));
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.command, this.options.args, {
        env: this.options.env,
        cwd: this.options.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: USE_PROCESS_GROUP,
        windowsHide: true,
      });
      this.child = child;
      let spawned = false;
      child.once('spawn', () => {
        spawned = true;
        resolve();
      });
      child.on('error', (error) => {
        if (!spawned) {
          this.exitInfo ??= { exitCode: null, signal: null };
          this.markExited();
          reject(error);
          return;
        }
        this.onerror?.(error);
      });
      child.once('exit', (exitCode, signal) => {
        this.exitInfo = { exitCode, signal };
        this.markExited();
        // A grandchild that inherited the pipes would keep 'close' from ever firing.
        setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
        }, PIPE_DRAIN_MS).unref();
      });
      child.once('close', () => {
        if (spawned) this.onclose?.();
      });
      child.stdin?.on('error', (error) => this.onerror?.(error));
      child.stdout?.on('error', (error) => this.onerror?.(error));
      child.stdout?.on('data', (chunk: Buffer) => this.receive(chunk));
      child.stderr?.on('data', (chunk: Buffer) => this.stderrTail.append(chunk));
    });
  }

  private receive(chunk: Buffer): void {
    this.readBuffer.append(chunk);
    for (;;) {
      try {
        const message = this.readBuffer.readMessage();
        if (message === null) return;
        this.onmessage?.(message);
      } catch (error) {
        // A line that is not JSON-RPC (a banner, a log line): reported, and the next line is read.
        this.onerror?.(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin || this.exitInfo || this.closed) {
        reject(new Error('Not connected'));
        return;
      }
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  /** Ends the server: stdin closed, then SIGTERM, then SIGKILL, to its whole process group. */
  async close(): Promise<void> {
    if (this.closed) return this.exited;
    this.closed = true;
    const child = this.child;
    if (!child || child.pid === undefined) return;
    try {
      child.stdin?.end();
    } catch {
      // already gone
    }
    if (!(await this.exitsWithin(STDIN_GRACE_MS))) {
      this.signal('SIGTERM');
      if (!(await this.exitsWithin(TERM_GRACE_MS))) {
        this.signal('SIGKILL');
        await this.exitsWithin(KILL_WAIT_MS);
      }
    }
    // The leader is gone; end whatever it left behind in its group.
    this.signal('SIGKILL');
    this.readBuffer.clear();
  }

  /** Ends the server at once (for a process that is itself exiting). */
  killNow(): void {
    this.closed = true;
    this.signal('SIGKILL');
  }

  private exitsWithin(ms: number): Promise<boolean> {
    if (this.exitInfo) return Promise.resolve(true);
    return Promise.race([this.exited.then(() => true), delay(ms).then(() => false)]);
  }

  private signal(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      if (USE_PROCESS_GROUP) process.kill(-pid, signal);
      else if (signal === 'SIGKILL') killTreeOnWindows(pid);
      else if (!this.exitInfo) this.child?.kill(signal);
    } catch {
      // ESRCH: nothing left to end
    }
  }
}

/**
 * Windows has no process groups: taskkill ends the tree under the server (npx.cmd → node → the server).
 * Synchronous, so it also works from an `exit` handler. Untested here (no Windows in CI).
 */
function killTreeOnWindows(pid: number): void {
  spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true, timeout: 5_000 });
}
