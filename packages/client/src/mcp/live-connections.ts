/**
 * Every connection attempt in flight, so that a Ctrl-C ends the servers it started: the CLI's SIGINT
 * handler calls `closeAllConnections()` (or aborts the signal it passed to `testConnection`). Server
 * processes run in their own process group, so the terminal's SIGINT does not reach them by itself.
 */

export interface LiveConnection {
  /** Ends the attempt and its server, within about a second. */
  close(): Promise<void>;
  /** Ends the server process at once, synchronously (for an `exit` handler). */
  killNow(): void;
}

const live = new Set<LiveConnection>();

export function trackConnection(connection: LiveConnection): () => void {
  live.add(connection);
  return () => {
    live.delete(connection);
  };
}

/** How many attempts are in flight (for tests and diagnostics). */
export function liveConnectionCount(): number {
  return live.size;
}

/** Ends every attempt in flight and the processes they started. Never rejects. */
export async function closeAllConnections(): Promise<void> {
  await Promise.allSettled([...live].map((connection) => connection.close()));
}

/** Kills every server process started by an attempt in flight, synchronously (SIGKILL). */
export function killAllConnectionsNow(): void {
  for (const connection of live) connection.killNow();
}
