import { createServer, type Server, type Socket, connect } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections refused since the last down(): how often a client tried while the target was away. */
  readonly refused: number;
  /** Cuts the open connections and refuses new ones: the target "went away". */
  down(): void;
  /** Relays new connections again. */
  up(): void;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  targetPort: number;
  targetHost?: string;
  /**
   * Sees each chunk the target sends back before the client does; returning
   * false cuts that connection instead of forwarding it (an answer lost on the way).
   */
  onReply?: (chunk: Buffer) => boolean;
}

/**
 * A TCP relay a test can take down and bring back: what a client sees when a
 * database restarts or a server dies between its work and its answer.
 */
export async function openTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let refusing = false;
  let refused = 0;
  const cutAll = (): void => {
    for (const [client, target] of [...pairs]) {
      client.destroy();
      target.destroy();
    }
    pairs.clear();
  };

  const server: Server = createServer((client) => {
    if (refusing) {
      refused += 1;
      client.destroy();
      return;
    }
    const target = connect(options.targetPort, options.targetHost ?? '127.0.0.1');
    const pair: [Socket, Socket] = [client, target];
    pairs.add(pair);
    const cut = (): void => {
      pairs.delete(pair);
      client.destroy();
      target.destroy();
    };
    client.on('data', (chunk: Buffer) => target.write(chunk));
    target.on('data', (chunk: Buffer) => {
      if (options.onReply && !options.onReply(chunk)) cut();
      else client.write(chunk);
    });
    for (const socket of pair) {
      socket.on('error', cut);
      socket.on('close', cut);
    }
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });

  return {
    port,
    get refused() {
      return refused;
    },
    down() {
      refusing = true;
      refused = 0;
      cutAll();
    },
    up() {
      refusing = false;
    },
    close() {
      cutAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
