/**
 * A TCP proxy on 127.0.0.1 that a test can cut and restore, to take a database away from one process
 * without stopping the database server other test files share. cut() destroys every open connection
 * and refuses new ones (each is accepted and destroyed at once, so the port stays ours); restore()
 * forwards again.
 */
import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  host: string;
  port: number;
  /** Connections forwarded since start, cut ones included. */
  readonly forwarded: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isCut = false;
  let forwarded = 0;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (isCut) return void client.destroy();
    forwarded++;
    const upstream = createConnection(target);
    track(upstream);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('tcp proxy: no port');
  const destroyAll = () => {
    for (const socket of open) socket.destroy();
  };
  return {
    host: '127.0.0.1',
    port: address.port,
    get forwarded() {
      return forwarded;
    },
    cut() {
      isCut = true;
      destroyAll();
    },
    restore() {
      isCut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        isCut = true;
        destroyAll();
        server.close(() => resolve());
      }),
  };
}

/** The same postgres:// URL, pointed at the proxy instead of the server. */
export function throughProxy(url: string, proxy: Pick<TcpProxy, 'host' | 'port'>): string {
  const rewritten = new URL(url);
  rewritten.hostname = proxy.host;
  rewritten.port = String(proxy.port);
  return rewritten.toString();
}
